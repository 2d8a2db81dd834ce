"""Run inside QGIS desktop (`qgis --code`) by test_qgis_desktop: report what the running desktop
shows of FireBeat as JSON in $FIREBEAT_DESKTOP_RESULT, save a screenshot, quit QGIS.

The script only observes and records; the QtTest driver makes the assertions."""
import json
import os
import traceback

from qgis.core import QgsApplication, QgsProject, QgsRasterBandStats
from qgis.gui import QgsProcessingToolboxProxyModel
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QFile, QTimer
from qgis.utils import iface, plugins

import processing

RESULT = os.environ["FIREBEAT_DESKTOP_RESULT"]
SAMPLE = os.environ["FIREBEAT_DESKTOP_SAMPLE"]
HEATMAP = os.environ["FIREBEAT_DESKTOP_HEATMAP"]
SCREENSHOT = os.environ["FIREBEAT_DESKTOP_SCREENSHOT"]

report = {"errors": []}


def step(function):
    """Runs one step; a failure is recorded, the next steps still run and QGIS still quits."""
    try:
        function()
    except Exception:  # noqa: BLE001 - everything goes to the report
        report["errors"].append(traceback.format_exc())


def check_registry():
    provider = QgsApplication.processingRegistry().providerById("firebeat")
    report["provider"] = provider.name() if provider else None
    report["algorithms"] = sorted(a.id() for a in provider.algorithms()) if provider else []
    report["icon_found"] = bool(provider) and QFile.exists(provider.svgIconPath())


def run_heatmap():
    results = processing.runAndLoadResults(
        "firebeat:hazardheatmap",
        {"HAZARDS": SAMPLE + "|layername=hazards", "RADIUS": 800, "PIXEL_SIZE": 100, "OUTPUT": HEATMAP},
    )
    report["heatmap_output"] = results["OUTPUT"]
    layers = [
        layer
        for layer in QgsProject.instance().mapLayers().values()
        if os.path.realpath(layer.source()) == os.path.realpath(HEATMAP)
    ]
    report["loaded_layers"] = len(layers)
    if not layers:
        return
    layer = layers[0]
    renderer = layer.renderer()
    report["renderer"] = renderer.type()
    report["opacity"] = renderer.opacity()
    report["classification"] = [renderer.classificationMin(), renderer.classificationMax()]
    shader = renderer.shader().rasterShaderFunction()
    report["ramp"] = [
        {"value": item.value, "color": item.color.name(), "alpha": item.color.alpha()}
        for item in shader.colorRampItemList()
    ]
    report["raster_max"] = layer.dataProvider().bandStatistics(1, QgsRasterBandStats.Max).maximumValue
    canvas = iface.mapCanvas()
    canvas.setExtent(layer.extent())
    canvas.refresh()


def open_toolbox():
    """Opens the Processing toolbox as its menu action does, with the FireBeat branch expanded."""
    processing_plugin = plugins["processing"]
    processing_plugin.toolboxAction.setChecked(True)
    tree = processing_plugin.toolbox.algorithmTree
    tree.collapseAll()
    proxy = sip.cast(tree.model(), QgsProcessingToolboxProxyModel)  # the binding answers the base class
    model = proxy.toolboxModel()
    provider = proxy.mapFromSource(model.indexForProvider("firebeat"))
    report["toolbox_visible"] = processing_plugin.toolbox.isVisible()
    report["toolbox_provider"] = provider.data() if provider.isValid() else None
    shown = []

    def expand(index):
        tree.expand(index)
        for row in range(proxy.rowCount(index)):
            child = proxy.index(row, 0, index)
            algorithm = model.algorithmForIndex(proxy.mapToSource(child))
            if algorithm:
                shown.append(algorithm.id())
            else:
                expand(child)

    if provider.isValid():
        expand(provider)
        tree.scrollTo(provider, tree.PositionAtTop)
    report["toolbox_algorithms"] = sorted(shown)


def save_screenshot():
    iface.mapCanvas().waitWhileRendering()
    QgsApplication.processEvents()
    os.makedirs(os.path.dirname(SCREENSHOT), exist_ok=True)
    report["screenshot_saved"] = iface.mainWindow().grab().save(SCREENSHOT)
    report["screenshot"] = SCREENSHOT


def finish():
    step(save_screenshot)
    with open(RESULT, "w", encoding="utf-8") as out:
        json.dump(report, out, indent=1)
    # No question on exit: "save the project?", "temporary layers will be lost" (the output is
    # under /tmp).
    QgsProject.instance().clear()
    iface.actionExit().trigger()


def start():
    iface.mainWindow().resize(1400, 900)
    for function in (check_registry, run_heatmap, open_toolbox):
        step(function)
    QTimer.singleShot(2000, finish)  # let the canvas and the dock settle before the screenshot


# --code runs during start-up: begin once the event loop turns.
QTimer.singleShot(0, start)
