// The GetCapabilities document for both versions; they differ in names (CRS/SRS, Dimension and
// Extent), the geographic box and the axis order of the BoundingBoxes (each CRS's own in 1.3.0,
// easting first in 1.1.1).
#include "wms.h"

#include "map_crs.h"
#include "wms_feature_info.h"
#include "wms_request.h"

#include <QXmlStreamWriter>

namespace firebeat::ogc {
namespace {

QString num(double v) {
    return QString::number(v, 'g', 15);
}

void writeBox(QXmlStreamWriter& w, const char* element, const QString& crsAttribute, const QString& crs,
              const Envelope& e, bool northingFirst) {
    w.writeStartElement(element);
    if (!crs.isEmpty())
        w.writeAttribute(crsAttribute, crs);
    w.writeAttribute("minx", num(northingFirst ? e.minY : e.minX));
    w.writeAttribute("miny", num(northingFirst ? e.minX : e.minY));
    w.writeAttribute("maxx", num(northingFirst ? e.maxY : e.maxX));
    w.writeAttribute("maxy", num(northingFirst ? e.maxX : e.maxY));
    w.writeEndElement();
}

// The URL requests append their parameters to: "/wms?", or "/wms?TOKEN=...&" for a caller that
// sent its token as a parameter (access_control.h).
QString requestPrefix(const QUrl& url) {
    return url.toString() + (url.hasQuery() ? "&" : "?");
}

void writeOnlineResource(QXmlStreamWriter& w, const QString& href) {
    w.writeStartElement("OnlineResource");
    w.writeAttribute("xlink:type", "simple");
    w.writeAttribute("xlink:href", href);
    w.writeEndElement();
}

void writeOperation(QXmlStreamWriter& w, const QString& name, const QStringList& formats, const QUrl& url) {
    w.writeStartElement(name);
    for (const QString& f : formats)
        w.writeTextElement("Format", f);
    w.writeStartElement("DCPType");
    w.writeStartElement("HTTP");
    w.writeStartElement("Get");
    writeOnlineResource(w, requestPrefix(url));
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
}

// The CRSs the version can name (CRS:84 is 1.3.0's).
std::vector<OfferedCrs> crssOf(const Catalogue& catalogue, bool v130) {
    std::vector<OfferedCrs> crss;
    for (const OfferedCrs& crs : offeredCrss(catalogue.analysisCrs, catalogue.moreCrs))
        if (v130 || crs.name != "CRS:84")
            crss.push_back(crs);
    return crss;
}

void writeGeographicBox(QXmlStreamWriter& w, const Envelope& g, bool v130) {
    if (!v130) {
        writeBox(w, "LatLonBoundingBox", {}, {}, g, false);
        return;
    }
    w.writeStartElement("EX_GeographicBoundingBox");
    w.writeTextElement("westBoundLongitude", num(g.minX));
    w.writeTextElement("eastBoundLongitude", num(g.maxX));
    w.writeTextElement("southBoundLatitude", num(g.minY));
    w.writeTextElement("northBoundLatitude", num(g.maxY));
    w.writeEndElement();
}

// The lon/lat extent in every CRS, each in its axis order for the version; a CRS the extent
// cannot be transformed into (far outside its area of use) is left out.
void writeBoundingBoxes(QXmlStreamWriter& w, const Envelope& g, const std::vector<OfferedCrs>& crss,
                        bool v130) {
    for (const OfferedCrs& crs : crss) {
        Envelope e;
        try {
            e = cachedTransform("EPSG:4326", crs.crs).apply(g);
        } catch (const std::exception&) {
            continue;
        }
        writeBox(w, "BoundingBox", v130 ? "CRS" : "SRS", QString::fromStdString(crs.name), e,
                 v130 && crs.northingFirst);
    }
}

// 1.3.0: <Dimension name units default>extent</Dimension>; 1.1.1: <Dimension name units/> and
// then <Extent name default>extent</Extent>.
void writeDimensions(QXmlStreamWriter& w, const MapLayer& layer, bool v130) {
    const std::vector<LayerDimension> dimensions = layer.dimensions();
    for (const LayerDimension& d : dimensions) {
        w.writeStartElement("Dimension");
        w.writeAttribute("name", d.name);
        w.writeAttribute("units", d.units);
        if (v130) {
            if (!d.defaultValue.isEmpty())
                w.writeAttribute("default", d.defaultValue);
            w.writeAttribute("multipleValues", d.name == "time" ? "0" : "1");
            w.writeCharacters(d.extent);
        }
        w.writeEndElement();
    }
    if (v130)
        return;
    for (const LayerDimension& d : dimensions) {
        w.writeStartElement("Extent");
        w.writeAttribute("name", d.name);
        if (!d.defaultValue.isEmpty())
            w.writeAttribute("default", d.defaultValue);
        w.writeCharacters(d.extent);
        w.writeEndElement();
    }
}

void writeStyle(QXmlStreamWriter& w, const MapLayer& layer, const QUrl& url, bool v130) {
    const QImage legend = layer.legend();
    w.writeStartElement("Style");
    w.writeTextElement("Name", "default");
    w.writeTextElement("Title", "Default");
    w.writeStartElement("LegendURL");
    w.writeAttribute("width", QString::number(legend.isNull() ? 1 : legend.width()));
    w.writeAttribute("height", QString::number(legend.isNull() ? 1 : legend.height()));
    w.writeTextElement("Format", "image/png");
    writeOnlineResource(
        w, requestPrefix(url) + "SERVICE=WMS&VERSION=" + (v130 ? "1.3.0" : "1.1.1") +
               "&REQUEST=GetLegendGraphic&FORMAT=image/png&STYLE=default&SLD_VERSION=1.1.0&LAYER=" +
               QString::fromUtf8(QUrl::toPercentEncoding(layer.name())));
    w.writeEndElement();
    w.writeEndElement();
}

void writeLayer(QXmlStreamWriter& w, const MapLayer& layer, const std::vector<OfferedCrs>& crss,
                const QUrl& url, bool v130) {
    const Envelope g = layer.lonLatExtent();
    w.writeStartElement("Layer");
    w.writeAttribute("queryable", layer.queryable() ? "1" : "0");
    w.writeAttribute("opaque", "0");
    w.writeTextElement("Name", layer.name());
    w.writeTextElement("Title", layer.title());
    w.writeTextElement("Abstract", layer.abstract());
    if (!g.isEmpty()) { // the CRSs are the root layer's, inherited
        writeGeographicBox(w, g, v130);
        writeBoundingBoxes(w, g, crss, v130);
    }
    writeDimensions(w, layer, v130);
    writeStyle(w, layer, url, v130);
    w.writeEndElement();
}

void writeRequests(QXmlStreamWriter& w, const QUrl& url, bool v130) {
    w.writeStartElement("Request");
    writeOperation(w, "GetCapabilities", {v130 ? "text/xml" : "application/vnd.ogc.wms_xml"}, url);
    writeOperation(w, "GetMap", {"image/png", "image/jpeg"}, url);
    writeOperation(w, "GetFeatureInfo", infoFormats(), url);
    // An SLD extended operation in 1.3.0; 1.1.1's DTD has it in Request.
    writeOperation(w, v130 ? "sld:GetLegendGraphic" : "GetLegendGraphic", {"image/png", "image/jpeg"}, url);
    w.writeEndElement();
    w.writeStartElement("Exception");
    const QStringList formats =
        v130 ? QStringList{"XML", "INIMAGE", "BLANK"}
             : QStringList{"application/vnd.ogc.se_xml", "application/vnd.ogc.se_inimage",
                           "application/vnd.ogc.se_blank"};
    for (const QString& f : formats)
        w.writeTextElement("Format", f);
    w.writeEndElement();
}

void writeRoot(QXmlStreamWriter& w, bool v130) {
    if (v130) {
        w.writeStartElement("WMS_Capabilities");
        w.writeAttribute("version", "1.3.0");
        w.writeDefaultNamespace("http://www.opengis.net/wms");
        w.writeNamespace("http://www.w3.org/1999/xlink", "xlink");
        w.writeNamespace("http://www.opengis.net/sld", "sld");
        w.writeNamespace("http://www.w3.org/2001/XMLSchema-instance", "xsi");
        w.writeAttribute(
            "xsi:schemaLocation",
            "http://www.opengis.net/wms http://schemas.opengis.net/wms/1.3.0/capabilities_1_3_0.xsd "
            "http://www.opengis.net/sld http://schemas.opengis.net/sld/1.1.0/sld_capabilities.xsd");
    } else {
        w.writeDTD("<!DOCTYPE WMT_MS_Capabilities SYSTEM "
                   "\"http://schemas.opengis.net/wms/1.1.1/WMS_MS_Capabilities.dtd\">");
        w.writeStartElement("WMT_MS_Capabilities");
        w.writeAttribute("version", "1.1.1");
        w.writeNamespace("http://www.w3.org/1999/xlink", "xlink");
    }
}

void writeService(QXmlStreamWriter& w, const QUrl& url, bool v130) {
    w.writeStartElement("Service");
    w.writeTextElement("Name", v130 ? "WMS" : "OGC:WMS");
    w.writeTextElement("Title", "FireBeat");
    w.writeTextElement("Abstract", "Fire-inspection analytics: hazard heatmap and analysis layers.");
    writeOnlineResource(w, requestPrefix(url));
    w.writeTextElement("Fees", "none");
    w.writeTextElement("AccessConstraints", "none");
    if (v130) {
        w.writeTextElement("MaxWidth", QString::number(kMaxImageSize));
        w.writeTextElement("MaxHeight", QString::number(kMaxImageSize));
    }
    w.writeEndElement();
}

} // namespace

QByteArray capabilitiesXml(const Catalogue& catalogue, WmsVersion version, const QUrl& onlineResource) {
    const bool v130 = version == WmsVersion::V130;
    const std::vector<OfferedCrs> crss = crssOf(catalogue, v130);
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    writeRoot(w, v130);
    writeService(w, onlineResource, v130);
    w.writeStartElement("Capability");
    writeRequests(w, onlineResource, v130);
    // The root layer groups the layers and gives them its CRSs, as clients expect.
    w.writeStartElement("Layer");
    w.writeTextElement("Title", "FireBeat");
    for (const OfferedCrs& crs : crss)
        w.writeTextElement(v130 ? "CRS" : "SRS", QString::fromStdString(crs.name));
    const Envelope all = catalogue.lonLatExtent();
    if (!all.isEmpty()) {
        writeGeographicBox(w, all, v130);
        writeBoundingBoxes(w, all, crss, v130);
    }
    for (const auto& layer : catalogue.layers)
        writeLayer(w, *layer, crss, onlineResource, v130);
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    return xml;
}

} // namespace firebeat::ogc
