#!/usr/bin/python3
"""Writes the emerging hot-spot benchmark input: a GeoPackage with `villages` (a 100 x 100 grid of
500 m squares, EPSG:4543, ids V00001..) and `hazards` (points with found_at over 36 CST months,
2023-12 .. 2026-11: a Poisson count per village and month around 1.5, with rising, fading and new
clusters planted). Usage: emerging_make_cube.py OUT.gpkg [SIDE] [MONTHS]"""
import random
import sys

from osgeo import ogr, osr

out = sys.argv[1]
side = int(sys.argv[2]) if len(sys.argv) > 2 else 100
months = int(sys.argv[3]) if len(sys.argv) > 3 else 36
random.seed(2026)
x0, y0, cell = 500000.0, 2770000.0, 500.0

srs = osr.SpatialReference()
srs.ImportFromEPSG(4543)
ds = ogr.GetDriverByName("GPKG").CreateDataSource(out)
villages = ds.CreateLayer("villages", srs, ogr.wkbPolygon)
villages.CreateField(ogr.FieldDefn("village_id", ogr.OFTString))
hazards = ds.CreateLayer("hazards", srs, ogr.wkbPoint)
hazards.CreateField(ogr.FieldDefn("found_at", ogr.OFTString))


def poisson(lam):
    # Knuth's method: small means only.
    limit, k, p = pow(2.718281828459045, -lam), 0, 1.0
    while True:
        p *= random.random()
        if p <= limit:
            return k
        k += 1


first_year, first_month = 2023, 12
ds.StartTransaction()
events = 0
for r in range(side):
    for c in range(side):
        i = r * side + c
        f = ogr.Feature(villages.GetLayerDefn())
        f.SetField("village_id", "V%05d" % (i + 1))
        x, y = x0 + c * cell, y0 + r * cell
        f.SetGeometry(ogr.CreateGeometryFromWkt(
            "POLYGON((%f %f,%f %f,%f %f,%f %f,%f %f))" % (x, y, x + cell, y, x + cell, y + cell, x, y + cell, x, y)))
        villages.CreateFeature(f)
        base = 0.5 + 2.0 * random.random()
        for t in range(months):
            lam = base
            if 10 <= r < 14 and 10 <= c < 14:
                lam += 0.3 * t          # rising
            if 50 <= r < 54 and 50 <= c < 54 and t < months - 6:
                lam += 8                # stopped six months before the end
            if 80 <= r < 84 and 80 <= c < 84 and t == months - 1:
                lam += 12               # new in the last month
            m = first_month - 1 + t
            stamp = "%04d-%02d-%02dT10:00:00+08:00" % (first_year + m // 12, m % 12 + 1, 1 + (i + t) % 28)
            for _ in range(poisson(lam)):
                h = ogr.Feature(hazards.GetLayerDefn())
                h.SetField("found_at", stamp)
                h.SetGeometry(ogr.CreateGeometryFromWkt(
                    "POINT(%f %f)" % (x + 1 + random.random() * (cell - 2), y + 1 + random.random() * (cell - 2))))
                hazards.CreateFeature(h)
                events += 1
ds.CommitTransaction()
ds = None
print("wrote %s: %d villages, %d hazards over %d months" % (out, side * side, events, months))
