"""QGIS's WMS provider as a real client of `firebeat serve`: loads a layer from its WMS and
renders a map of it offscreen.

usage: qgis_wms_client.py WMS_URL LAYER XMIN YMIN XMAX YMAX WIDTH HEIGHT OUT.png
(extent in EPSG:3857). Run with Debian's /usr/bin/python3 (python3-qgis), QT_QPA_PLATFORM=offscreen
and XDG_RUNTIME_DIR a 0700 directory. Exits 1 with the provider's message when the layer is
invalid or the render reports errors."""
import sys

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsMapRendererSequentialJob,
                       QgsMapSettings, QgsRasterLayer, QgsRectangle)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor


def main(url, layer_name, xmin, ymin, xmax, ymax, width, height, out):
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    layer = None
    try:
        uri = f"crs=EPSG:3857&format=image/png&layers={layer_name}&styles=&url={url}"
        layer = QgsRasterLayer(uri, "layer", "wms")
        if not layer.isValid():
            print("invalid layer:", layer.error().message(), file=sys.stderr)
            return 1
        settings = QgsMapSettings()
        settings.setLayers([layer])
        settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
        settings.setExtent(QgsRectangle(float(xmin), float(ymin), float(xmax), float(ymax)))
        settings.setOutputSize(QSize(int(width), int(height)))
        settings.setBackgroundColor(QColor(255, 255, 255))
        job = QgsMapRendererSequentialJob(settings)
        job.start()
        job.waitForFinished()
        for error in job.errors():
            print("render error:", error.layerID, error.message, file=sys.stderr)
        if job.errors() or not job.renderedImage().save(out):
            return 1
        return 0
    finally:
        del layer
        app.exitQgis()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:10]))
