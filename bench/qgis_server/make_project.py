#!/usr/bin/python3
"""Writes the QGIS Server 3.22 project of the server benchmark: the hazards of POINTS.gpkg drawn
by QGIS's heatmap renderer (quartic kernel, `weight` field, fixed maximum) in EPSG:3857, WMS
layer `hazard_heatmap`.

QGIS's heatmap value is sum(weight * (1 - (d/r)^2)^2) with r in map units; firebeat's density
(hazards/km^2) is that times 3 / (pi r_km^2), so the same colour stops are used at the same
densities. Run headless: QT_QPA_PLATFORM=offscreen make_project.py POINTS.gpkg OUT.qgs LATITUDE
"""
import math
import sys

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsGradientColorRamp, QgsGradientStop,
                       QgsHeatmapRenderer, QgsProject, QgsUnitTypes, QgsVectorLayer)
from qgis.PyQt.QtGui import QColor

# firebeat's default ramp (server/src/ogc/colour_ramp.cpp): hazards/km^2 -> RGBA.
RAMP = [(0, QColor(255, 255, 178, 0)), (1, QColor(254, 204, 92, 170)), (10, QColor(253, 141, 60, 200)),
        (25, QColor(240, 59, 32, 225)), (50, QColor(189, 0, 38, 245))]
RADIUS_M = 500


def main():
    points, output, latitude = sys.argv[1], sys.argv[2], float(sys.argv[3])
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    layer = QgsVectorLayer(points + "|layername=hazards", "hazard_heatmap", "ogr")
    if not layer.isValid():
        sys.exit("make_project: cannot open the hazards layer of " + points)
    radius_map_units = RADIUS_M / math.cos(math.radians(latitude))  # 500 m on the ground in EPSG:3857
    top = RAMP[-1][0]
    renderer = QgsHeatmapRenderer()
    renderer.setRadius(radius_map_units)
    renderer.setRadiusUnit(QgsUnitTypes.RenderMapUnits)
    renderer.setWeightExpression("weight")
    renderer.setRenderQuality(1)  # every pixel, as firebeat and MapServer do
    renderer.setMaximumValue(top * math.pi * (RADIUS_M / 1000) ** 2 / 3)
    stops = [QgsGradientStop(d / top, c) for d, c in RAMP[1:-1]]
    renderer.setColorRamp(QgsGradientColorRamp(RAMP[0][1], RAMP[-1][1], False, stops))
    layer.setRenderer(renderer)
    project.addMapLayer(layer)
    project.writeEntry("WMSServiceCapabilities", "/", True)
    project.writeEntry("WMSCrsList", "/", ["EPSG:3857"])
    if not project.write(output):
        sys.exit("make_project: cannot write " + output)
    app.exitQgis()


if __name__ == "__main__":
    main()
