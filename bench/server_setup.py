#!/usr/bin/python3
"""Writes what the server benchmark's peers need for one hazards GeoPackage: the MapServer 8
config file and mapfile, and the fixed tile list (z x y and the EPSG:3857 bbox of each tile).

The peers draw kernels in pixels, so every zoom gets the same 500 m on the ground: at the data's
latitude 500 m is 500 / cos(lat) Web Mercator metres, i.e. `radius_px(z)` pixels.
Prints the data's central latitude. Usage: server_setup.py POINTS.gpkg OUTDIR [--radius 500]
"""
import argparse
import math
import os
import random

from osgeo import ogr

HALF_WORLD = 20037508.342789244
ZOOMS = range(11, 16)
# firebeat's default ramp (server/src/ogc/colour_ramp.cpp): hazards/km^2 -> RGBA.
RAMP = [(0, "#ffffb200"), (1, "#fecc5caa"), (10, "#fd8d3cc8"), (25, "#f03b20e1"), (50, "#bd0026f5")]
TOP_DENSITY = RAMP[-1][0]


def resolution(zoom):  # Web Mercator metres per pixel of a 256-pixel tile
    return 2 * HALF_WORLD / 256 / 2**zoom


def tiles(extent, per_zoom, seed):
    """Tiles of zooms 11-15 over the data; all of them up to `per_zoom`, else a fixed sample."""
    lon0, lon1, lat0, lat1 = extent
    out = []
    rng = random.Random(seed)
    for z in ZOOMS:
        n = 2**z
        col = lambda lon: int((lon + 180) / 360 * n)
        row = lambda lat: int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
        zoom_tiles = [(z, x, y) for x in range(col(lon0), col(lon1) + 1) for y in range(row(lat1), row(lat0) + 1)]
        out += sorted(rng.sample(zoom_tiles, min(per_zoom, len(zoom_tiles))))
    return out


def tile_bbox(z, x, y):
    size = 2 * HALF_WORLD / 2**z
    return (-HALF_WORLD + x * size, HALF_WORLD - (y + 1) * size, -HALF_WORLD + (x + 1) * size, HALF_WORLD - y * size)


def mapfile(points, radius_m, latitude):
    """One KERNELDENSITY layer per zoom (radius and normalisation are in pixels), one group."""
    stretch = 1 / math.cos(math.radians(latitude))
    layers = []
    for z in ZOOMS:
        res = resolution(z)
        radius_px = round(radius_m * stretch / res)
        pixel_km2 = (res / stretch / 1000) ** 2
        # MapServer's value is weight per pixel; scale it so TOP_DENSITY hazards/km^2 -> 255.
        normalisation = 1 / (TOP_DENSITY * pixel_km2)
        styles = "".join(
            f'      STYLE COLORRANGE "{c0}" "{c1}" DATARANGE {d0 / TOP_DENSITY * 255:.3f} {d1 / TOP_DENSITY * 255:.3f} END\n'
            for (d0, c0), (d1, c1) in zip(RAMP, RAMP[1:]))
        dpi_scale = 39.3701 * 72  # MapServer's scale denominator per metre of pixel
        layers.append(f"""  LAYER
    NAME "heatmap_z{z}"
    GROUP "hazard_heatmap"
    TYPE RASTER
    CONNECTIONTYPE KERNELDENSITY
    CONNECTION "hazard_points"
    STATUS ON
    MINSCALEDENOM {res / math.sqrt(2) * dpi_scale:.3f}
    MAXSCALEDENOM {res * math.sqrt(2) * dpi_scale:.3f}
    PROCESSING "KERNELDENSITY_RADIUS={radius_px}"
    PROCESSING "KERNELDENSITY_COMPUTE_BORDERS=ON"
    PROCESSING "KERNELDENSITY_NORMALIZATION={normalisation:.9g}"
    METADATA "wms_title" "hazard heatmap z{z}" END
    CLASS
{styles}    END
  END
""")
    return f"""MAP
  NAME "firebeat_bench"
  SIZE 256 256
  EXTENT {-HALF_WORLD} {-HALF_WORLD} {HALF_WORLD} {HALF_WORLD}
  UNITS METERS
  PROJECTION "init=epsg:3857" END
  OUTPUTFORMAT NAME "png" DRIVER AGG/PNG MIMETYPE "image/png" IMAGEMODE RGBA EXTENSION "png" TRANSPARENT ON END
  WEB METADATA
    "wms_title" "firebeat benchmark" "wms_srs" "EPSG:3857" "wms_enable_request" "*"
    "wms_onlineresource" "http://127.0.0.1/mapserver?"
  END END
  LAYER
    NAME "hazard_points"
    TYPE POINT
    STATUS OFF
    CONNECTIONTYPE OGR
    CONNECTION "{points}"
    DATA "hazards"
    PROJECTION "init=epsg:4326" END
    CLASS STYLE SIZE [weight] END END
  END
{''.join(layers)}END
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("points")
    parser.add_argument("outdir")
    parser.add_argument("--radius", type=float, default=500)
    parser.add_argument("--tiles-per-zoom", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    points = os.path.abspath(args.points)
    ds = ogr.Open(points)
    lon0, lon1, lat0, lat1 = ds.GetLayerByName("hazards").GetExtent()
    os.makedirs(args.outdir, exist_ok=True)
    with open(os.path.join(args.outdir, "heatmap.map"), "w") as f:
        f.write(mapfile(points, args.radius, (lat0 + lat1) / 2))
    with open(os.path.join(args.outdir, "mapserver.conf"), "w") as f:
        f.write(f'CONFIG\n  MAPS\n    "heatmap" "{os.path.abspath(args.outdir)}/heatmap.map"\n  END\nEND\n')
    with open(os.path.join(args.outdir, "tiles.txt"), "w") as f:
        for z, x, y in tiles((lon0, lon1, lat0, lat1), args.tiles_per_zoom, args.seed):
            f.write("%d %d %d %.6f,%.6f,%.6f,%.6f\n" % ((z, x, y) + tile_bbox(z, x, y)))
    print((lat0 + lat1) / 2)


if __name__ == "__main__":
    main()
