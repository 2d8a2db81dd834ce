// WMTS exceptions: the OWS 1.1 ExceptionReport, with the code and the parameter at fault.
#pragma once

#include "http_reply.h"

#include <QString>

#include <stdexcept>

namespace firebeat::ogc {

// `code`: MissingParameterValue, InvalidParameterValue, OperationNotSupported,
// VersionNegotiationFailed, TileOutOfRange, PointIJOutOfRange; `locator`: the parameter.
class OwsException : public std::runtime_error {
  public:
    OwsException(QString code, QString locator, const QString& message)
        : std::runtime_error(message.toStdString()), code_(std::move(code)), locator_(std::move(locator)) {}
    const QString& code() const { return code_; }
    const QString& locator() const { return locator_; }

  private:
    QString code_;
    QString locator_;
};

// The report, with HTTP status 400: every code is a client mistake. (WMTS 1.0.0 Table 28 would
// answer OperationNotSupported with 501; the server keeps 5xx for its own failures.)
HttpReply owsExceptionReport(const OwsException& e);

} // namespace firebeat::ogc
