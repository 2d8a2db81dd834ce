#!/usr/bin/python3
"""Writes the server benchmark's hazards: a GeoPackage `hazards` layer following the data model
(docs/data-model.md), lon/lat (EPSG:4326) like the sample layers, with `weight` = the severity weight
(1 -> 1, 2 -> 2, 3 -> 4) so MapServer and QGIS Server weigh points as `firebeat serve` does.

The points are make_points.py's clusters (40 x 40 km near Kunming). Deterministic.
Usage: server_points.py OUT.gpkg [--count 100000]
"""
import os
import sys

from osgeo import ogr, osr

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_points import arguments, points, write_points  # noqa: E402  (bench/ is not a package)

CATEGORIES = ["EVAC_BLOCKED", "FIRE_LANE", "HYDRANT", "EXTINGUISHER", "ELECTRICAL", "EBIKE", "OTHER"]
SEVERITY_OF_WEIGHT = {1.0: 1, 2.0: 2, 4.0: 3}
FIELDS = [("hazard_id", ogr.OFTString), ("category", ogr.OFTString), ("severity", ogr.OFTInteger),
          ("found_at", ogr.OFTDateTime), ("source", ogr.OFTString), ("weight", ogr.OFTReal)]


def main():
    args = arguments(__doc__, 100_000, 20261129)
    xy, weights = points(args.count, args.seed)

    metric, lonlat = osr.SpatialReference(), osr.SpatialReference()
    metric.ImportFromEPSG(4543)
    lonlat.ImportFromEPSG(4326)
    for srs in (metric, lonlat):  # x = easting/longitude, whatever the CRS's axis order
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_lonlat = osr.CoordinateTransformation(metric, lonlat)

    def hazard(i, x, y, w):
        lon, lat, _ = to_lonlat.TransformPoint(float(x), float(y))
        return lon, lat, {"hazard_id": "H%07d" % (i + 1),
                          "category": CATEGORIES[i % len(CATEGORIES)],
                          "severity": SEVERITY_OF_WEIGHT[float(w)],
                          # 02:00 UTC is 10:00 in China
                          "found_at": "2026-%02d-%02dT02:00:00Z" % (1 + i % 12, 1 + i % 28),
                          "source": "inspection",
                          "weight": float(w)}

    write_points(args.output, lonlat, FIELDS,
                 (hazard(i, x, y, w) for i, ((x, y), w) in enumerate(zip(xy, weights))))


if __name__ == "__main__":
    main()
