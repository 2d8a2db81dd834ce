#!/usr/bin/python3
"""Writes clustered hazard-like points with a weight field into a GeoPackage (EPSG:4543, metres
near Kunming) for bench/heatmap_vs_qgis.sh.

Clusters of varied size and spread (a few dense urban villages, many small ones) plus 10 %
uniform background, weights 1/2/4 like severities. Deterministic for a given --seed.
Needs python3-gdal and python3-numpy (Debian). Usage: make_points.py OUT.gpkg [--count N]
"""
import argparse

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()


def points(count, seed):
    rng = np.random.default_rng(seed)
    extent = 40000.0  # metres
    clusters = 2000
    background = count // 10
    # Cluster sizes follow a heavy-tailed law; spreads from 30 to 600 m.
    sizes = rng.pareto(1.5, clusters) + 1
    sizes = np.floor(sizes / sizes.sum() * (count - background)).astype(int)
    sizes[0] += count - background - sizes.sum()
    centres = rng.uniform(2000, extent - 2000, (clusters, 2))
    spreads = rng.uniform(30, 600, clusters)
    xy = [rng.uniform(0, extent, (background, 2))]
    for c in range(clusters):
        xy.append(centres[c] + rng.normal(0, spreads[c], (sizes[c], 2)))
    xy = np.concatenate(xy)
    rng.shuffle(xy)
    xy += (480000.0, 2760000.0)
    weights = rng.choice([1.0, 2.0, 4.0], count, p=[0.6, 0.3, 0.1])
    return xy, weights


def arguments(doc, count, seed):
    """The command line of this script and server_points.py: OUTPUT [--count N] [--seed S]."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--count", type=int, default=count)
    parser.add_argument("--seed", type=int, default=seed)
    return parser.parse_args()


def write_points(path, srs, fields, features):
    """Writes a GeoPackage whose layer `hazards` has the fields [(name, OGR type)] and one point
    feature for each (x, y, {field: value}) of `features`, in that order."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    layer = ds.CreateLayer("hazards", srs, ogr.wkbPoint)
    for name, kind in fields:
        layer.CreateField(ogr.FieldDefn(name, kind))
    defn = layer.GetLayerDefn()
    layer.StartTransaction()
    for x, y, values in features:
        f = ogr.Feature(defn)
        for name, value in values.items():
            f[name] = value
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(float(x), float(y))
        f.SetGeometryDirectly(point)
        layer.CreateFeature(f)
    layer.CommitTransaction()
    ds = None  # closes the file


def main():
    args = arguments(__doc__, 1_000_000, 20260301)
    xy, weights = points(args.count, args.seed)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4543)
    write_points(args.output, srs, [("weight", ogr.OFTReal)],
                 ((x, y, {"weight": float(w)}) for (x, y), w in zip(xy, weights)))


if __name__ == "__main__":
    main()
