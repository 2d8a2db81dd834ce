#include "wmts_exception.h"

#include <QXmlStreamWriter>

namespace firebeat::ogc {

HttpReply owsExceptionReport(const OwsException& e) {
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement("ows:ExceptionReport");
    w.writeNamespace("http://www.opengis.net/ows/1.1", "ows");
    w.writeAttribute("version", "1.0.0");
    w.writeAttribute("xml:lang", "en");
    w.writeStartElement("ows:Exception");
    w.writeAttribute("exceptionCode", e.code());
    if (!e.locator().isEmpty())
        w.writeAttribute("locator", e.locator());
    w.writeTextElement("ows:ExceptionText", QString::fromStdString(e.what()));
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    return {400, "application/xml", xml};
}

} // namespace firebeat::ogc
