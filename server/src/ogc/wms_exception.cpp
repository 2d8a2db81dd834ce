#include "wms_exception.h"

#include <QXmlStreamWriter>

namespace firebeat::ogc {

HttpReply exceptionReport(WmsVersion version, const QString& code, const QString& message) {
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement("ServiceExceptionReport");
    if (version == WmsVersion::V130) {
        w.writeDefaultNamespace("http://www.opengis.net/ogc");
        w.writeAttribute("version", "1.3.0");
    } else {
        w.writeAttribute("version", "1.1.1");
    }
    w.writeStartElement("ServiceException");
    w.writeAttribute("code", code);
    w.writeCharacters(message);
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    return {400, version == WmsVersion::V130 ? "text/xml" : "application/vnd.ogc.se_xml", xml};
}

} // namespace firebeat::ogc
