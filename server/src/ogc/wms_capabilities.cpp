// The GetCapabilities document for both versions; they differ in names (CRS/SRS), the
// geographic box and EPSG:4326's axis order (lat/lon in 1.3.0).
#include "wms.h"

#include "wms_request.h"

#include <QXmlStreamWriter>

namespace firebeat::ogc {
namespace {

QString num(double v) {
    return QString::number(v, 'g', 15);
}

void writeBox(QXmlStreamWriter& w, const char* element, const QString& crsAttribute, const QString& crs,
              double minx, double miny, double maxx, double maxy) {
    w.writeStartElement(element);
    if (!crs.isEmpty())
        w.writeAttribute(crsAttribute, crs);
    w.writeAttribute("minx", num(minx));
    w.writeAttribute("miny", num(miny));
    w.writeAttribute("maxx", num(maxx));
    w.writeAttribute("maxy", num(maxy));
    w.writeEndElement();
}

void writeOnlineResource(QXmlStreamWriter& w, const QUrl& url) {
    w.writeStartElement("OnlineResource");
    w.writeAttribute("xlink:type", "simple");
    w.writeAttribute("xlink:href", url.toString() + "?");
    w.writeEndElement();
}

void writeOperation(QXmlStreamWriter& w, const char* name, const QStringList& formats, const QUrl& url) {
    w.writeStartElement(name);
    for (const QString& f : formats)
        w.writeTextElement("Format", f);
    w.writeStartElement("DCPType");
    w.writeStartElement("HTTP");
    w.writeStartElement("Get");
    writeOnlineResource(w, url);
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
}

void writeLayer(QXmlStreamWriter& w, const HeatmapLayer& layer, bool v130) {
    const Envelope g = layer.lonLatExtent();
    const Envelope m = layer.webMercatorExtent();
    const QString crsName = v130 ? "CRS" : "SRS";
    w.writeStartElement("Layer");
    w.writeAttribute("queryable", "1");
    w.writeAttribute("opaque", "0");
    w.writeTextElement("Name", kHeatmapLayerName);
    w.writeTextElement("Title", "Hazard density");
    w.writeTextElement("Abstract", "Kernel density of fire hazards weighted by severity (hazards per km2), "
                                   "computed in " +
                                       QString::fromStdString(layer.analysisCrs()) + ".");
    for (const char* crs : {"EPSG:3857", "EPSG:4326"})
        w.writeTextElement(crsName, crs);
    if (v130) {
        w.writeTextElement("CRS", "CRS:84");
        w.writeStartElement("EX_GeographicBoundingBox");
        w.writeTextElement("westBoundLongitude", num(g.minX));
        w.writeTextElement("eastBoundLongitude", num(g.maxX));
        w.writeTextElement("southBoundLatitude", num(g.minY));
        w.writeTextElement("northBoundLatitude", num(g.maxY));
        w.writeEndElement();
        writeBox(w, "BoundingBox", "CRS", "CRS:84", g.minX, g.minY, g.maxX, g.maxY);
        writeBox(w, "BoundingBox", "CRS", "EPSG:4326", g.minY, g.minX, g.maxY, g.maxX); // lat, lon
    } else {
        writeBox(w, "LatLonBoundingBox", {}, {}, g.minX, g.minY, g.maxX, g.maxY);
        writeBox(w, "BoundingBox", "SRS", "EPSG:4326", g.minX, g.minY, g.maxX, g.maxY);
    }
    writeBox(w, "BoundingBox", crsName, "EPSG:3857", m.minX, m.minY, m.maxX, m.maxY);
    w.writeStartElement("Style");
    w.writeTextElement("Name", "default");
    w.writeTextElement("Title", "Yellow to red, fixed breaks in hazards per km2");
    w.writeEndElement();
    w.writeEndElement();
}

} // namespace

QByteArray capabilitiesXml(const HeatmapLayer& layer, WmsVersion version, const QUrl& onlineResource) {
    const bool v130 = version == WmsVersion::V130;
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    if (v130) {
        w.writeStartElement("WMS_Capabilities");
        w.writeAttribute("version", "1.3.0");
        w.writeDefaultNamespace("http://www.opengis.net/wms");
        w.writeNamespace("http://www.w3.org/1999/xlink", "xlink");
        w.writeNamespace("http://www.w3.org/2001/XMLSchema-instance", "xsi");
        w.writeAttribute(
            "xsi:schemaLocation",
            "http://www.opengis.net/wms http://schemas.opengis.net/wms/1.3.0/capabilities_1_3_0.xsd");
    } else {
        w.writeDTD("<!DOCTYPE WMT_MS_Capabilities SYSTEM "
                   "\"http://schemas.opengis.net/wms/1.1.1/WMS_MS_Capabilities.dtd\">");
        w.writeStartElement("WMT_MS_Capabilities");
        w.writeAttribute("version", "1.1.1");
        w.writeNamespace("http://www.w3.org/1999/xlink", "xlink");
    }
    w.writeStartElement("Service");
    w.writeTextElement("Name", v130 ? "WMS" : "OGC:WMS");
    w.writeTextElement("Title", "FireBeat");
    w.writeTextElement("Abstract", "Fire-inspection analytics: hazard heatmap.");
    writeOnlineResource(w, onlineResource);
    if (v130) {
        w.writeTextElement("MaxWidth", QString::number(kMaxImageSize));
        w.writeTextElement("MaxHeight", QString::number(kMaxImageSize));
    }
    w.writeEndElement();

    w.writeStartElement("Capability");
    w.writeStartElement("Request");
    writeOperation(w, "GetCapabilities", {v130 ? "text/xml" : "application/vnd.ogc.wms_xml"}, onlineResource);
    writeOperation(w, "GetMap", {"image/png"}, onlineResource);
    writeOperation(w, "GetFeatureInfo", {"application/json", "text/plain"}, onlineResource);
    w.writeEndElement();
    w.writeStartElement("Exception");
    w.writeTextElement("Format", v130 ? "XML" : "application/vnd.ogc.se_xml");
    w.writeEndElement();
    // The root layer groups the one layer, as clients expect.
    w.writeStartElement("Layer");
    w.writeTextElement("Title", "FireBeat");
    writeLayer(w, layer, v130);
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    return xml;
}

} // namespace firebeat::ogc
