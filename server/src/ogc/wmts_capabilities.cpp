// The WMTS 1.0.0 capabilities: every layer on GoogleMapsCompatible, with KVP and RESTful
// (ResourceURL) access, its dimensions and its legend.
#include "wms_feature_info.h"
#include "wmts.h"
#include "wmts_tile_matrix.h"

#include "map_crs.h"

#include <QXmlStreamWriter>

namespace firebeat::ogc {
namespace {

QString num(double v) {
    return QString::number(v, 'g', 17);
}

void writeOperation(QXmlStreamWriter& w, const QString& name, const QUrl& serviceUrl) {
    w.writeStartElement("ows:Operation");
    w.writeAttribute("name", name);
    w.writeStartElement("ows:DCP");
    w.writeStartElement("ows:HTTP");
    for (const auto& [href, encoding] :
         {std::pair{serviceUrl.toString() + "?", "KVP"}, std::pair{serviceUrl.toString() + "/", "RESTful"}}) {
        w.writeStartElement("ows:Get");
        w.writeAttribute("xlink:href", href);
        w.writeStartElement("ows:Constraint");
        w.writeAttribute("name", "GetEncoding");
        w.writeStartElement("ows:AllowedValues");
        w.writeTextElement("ows:Value", encoding);
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
}

void writeServiceMetadata(QXmlStreamWriter& w, const QUrl& serviceUrl) {
    w.writeStartElement("ows:ServiceIdentification");
    w.writeTextElement("ows:Title", "FireBeat");
    w.writeTextElement("ows:Abstract", "Fire-inspection analytics: hazard heatmap and analysis layers.");
    w.writeTextElement("ows:ServiceType", "OGC WMTS");
    w.writeTextElement("ows:ServiceTypeVersion", "1.0.0");
    w.writeEndElement();
    w.writeStartElement("ows:OperationsMetadata");
    for (const char* operation : {"GetCapabilities", "GetTile", "GetFeatureInfo"})
        writeOperation(w, operation, serviceUrl);
    w.writeEndElement();
}

void writeCorners(QXmlStreamWriter& w, const Envelope& e) {
    w.writeTextElement("ows:LowerCorner", num(e.minX) + " " + num(e.minY));
    w.writeTextElement("ows:UpperCorner", num(e.maxX) + " " + num(e.maxY));
}

void writeDimension(QXmlStreamWriter& w, const LayerDimension& d) {
    w.writeStartElement("Dimension");
    w.writeTextElement("ows:Identifier", d.name);
    if (!d.units.isEmpty())
        w.writeTextElement("UOM", d.units);
    if (!d.defaultValue.isEmpty())
        w.writeTextElement("Default", d.defaultValue);
    for (const QString& value : d.extent.split(','))
        w.writeTextElement("Value", value);
    w.writeEndElement();
}

void writeResourceUrl(QXmlStreamWriter& w, const QString& format, const char* type, const QString& templ) {
    w.writeStartElement("ResourceURL");
    w.writeAttribute("format", format);
    w.writeAttribute("resourceType", type);
    w.writeAttribute("template", templ);
    w.writeEndElement();
}

void writeLayer(QXmlStreamWriter& w, const MapLayer& layer, const QUrl& serviceUrl) {
    w.writeStartElement("Layer");
    w.writeTextElement("ows:Title", layer.title());
    w.writeTextElement("ows:Abstract", layer.abstract());
    const Envelope g = layer.lonLatExtent();
    if (!g.isEmpty()) {
        w.writeStartElement("ows:WGS84BoundingBox");
        writeCorners(w, g);
        w.writeEndElement();
    }
    w.writeTextElement("ows:Identifier", layer.name());
    const QString wms = serviceUrl.resolved(QUrl("wms")).toString();
    const QString name = QString::fromUtf8(QUrl::toPercentEncoding(layer.name()));
    w.writeStartElement("Style");
    w.writeAttribute("isDefault", "true");
    w.writeTextElement("ows:Identifier", "default");
    w.writeStartElement("LegendURL");
    w.writeAttribute("format", "image/png");
    w.writeAttribute("xlink:href", wms +
                                       "?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&FORMAT=image/png"
                                       "&STYLE=default&SLD_VERSION=1.1.0&LAYER=" +
                                       name);
    w.writeEndElement();
    w.writeEndElement();
    w.writeTextElement("Format", "image/png");
    if (layer.queryable())
        for (const QString& format : infoFormats())
            w.writeTextElement("InfoFormat", format);
    for (const LayerDimension& d : layer.dimensions())
        writeDimension(w, d);
    for (const TileMatrixSet& set : tileMatrixSets()) {
        w.writeStartElement("TileMatrixSetLink");
        w.writeTextElement("TileMatrixSet", set.identifier);
        w.writeEndElement();
    }
    const QString tile =
        serviceUrl.toString() + "/" + name + "/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}";
    writeResourceUrl(w, "image/png", "tile", tile + ".png");
    if (layer.queryable())
        for (const auto& [format, extension] :
             {std::pair{"application/json", "json"}, std::pair{"text/plain", "txt"},
              std::pair{"text/html", "html"}})
            writeResourceUrl(w, format, "FeatureInfo", tile + "/{J}/{I}." + extension);
    w.writeEndElement();
}

// Coordinates in the CRS's own axis order (latitude first for EPSG:4490).
QString corner(const TileMatrixSet& set, double x, double y) {
    return set.northingFirst ? num(y) + " " + num(x) : num(x) + " " + num(y);
}

void writeTileMatrixSet(QXmlStreamWriter& w, const TileMatrixSet& set) {
    w.writeStartElement("TileMatrixSet");
    w.writeTextElement("ows:Identifier", set.identifier);
    w.writeStartElement("ows:BoundingBox"); // the world: clients size their rasters from it
    w.writeAttribute("crs", set.crsUrn);
    w.writeTextElement("ows:LowerCorner", corner(set, set.world.minX, set.world.minY));
    w.writeTextElement("ows:UpperCorner", corner(set, set.world.maxX, set.world.maxY));
    w.writeEndElement();
    w.writeTextElement("ows:SupportedCRS", set.crsUrn);
    if (!set.wellKnownScaleSet.isEmpty())
        w.writeTextElement("WellKnownScaleSet", set.wellKnownScaleSet);
    for (int zoom = set.minZoom; zoom <= set.maxZoom; ++zoom) {
        w.writeStartElement("TileMatrix");
        w.writeTextElement("ows:Identifier", QString::number(zoom));
        w.writeTextElement("ScaleDenominator", num(set.scaleDenominator(zoom)));
        w.writeTextElement("TopLeftCorner", corner(set, set.world.minX, set.world.maxY));
        w.writeTextElement("TileWidth", QString::number(kTileSize));
        w.writeTextElement("TileHeight", QString::number(kTileSize));
        w.writeTextElement("MatrixWidth", QString::number(set.columns(zoom)));
        w.writeTextElement("MatrixHeight", QString::number(set.rows(zoom)));
        w.writeEndElement();
    }
    w.writeEndElement();
}

} // namespace

QByteArray wmtsCapabilitiesXml(const Catalogue& catalogue, const QUrl& serviceUrl) {
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement("Capabilities");
    w.writeDefaultNamespace("http://www.opengis.net/wmts/1.0");
    w.writeNamespace("http://www.opengis.net/ows/1.1", "ows");
    w.writeNamespace("http://www.w3.org/1999/xlink", "xlink");
    w.writeNamespace("http://www.w3.org/2001/XMLSchema-instance", "xsi");
    w.writeAttribute("xsi:schemaLocation",
                     "http://www.opengis.net/wmts/1.0 "
                     "http://schemas.opengis.net/wmts/1.0/wmtsGetCapabilities_response.xsd");
    w.writeAttribute("version", "1.0.0");
    writeServiceMetadata(w, serviceUrl);
    w.writeStartElement("Contents");
    for (const auto& layer : catalogue.layers)
        writeLayer(w, *layer, serviceUrl);
    for (const TileMatrixSet& set : tileMatrixSets())
        writeTileMatrixSet(w, set);
    w.writeEndElement();
    w.writeStartElement("ServiceMetadataURL");
    w.writeAttribute("xlink:href", serviceUrl.toString() + "/1.0.0/WMTSCapabilities.xml");
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    return xml;
}

} // namespace firebeat::ogc
