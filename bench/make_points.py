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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20260301)
    args = parser.parse_args()
    xy, weights = points(args.count, args.seed)

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4543)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(args.output)
    layer = ds.CreateLayer("hazards", srs, ogr.wkbPoint)
    layer.CreateField(ogr.FieldDefn("weight", ogr.OFTReal))
    defn = layer.GetLayerDefn()
    layer.StartTransaction()
    for (x, y), w in zip(xy, weights):
        f = ogr.Feature(defn)
        f.SetField(0, float(w))
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(float(x), float(y))
        f.SetGeometryDirectly(point)
        layer.CreateFeature(f)
    layer.CommitTransaction()
    ds = None


if __name__ == "__main__":
    main()
