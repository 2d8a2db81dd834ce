// WMS service exceptions: what a client got wrong, as the standard XML report.
#pragma once

#include "http_reply.h"

#include <QString>

#include <stdexcept>

namespace firebeat::ogc {

enum class WmsVersion { V111, V130 };

// `code`: InvalidCRS, InvalidSRS, LayerNotDefined, StyleNotDefined, InvalidFormat, InvalidPoint,
// MissingParameterValue, InvalidParameterValue, OperationNotSupported.
class ServiceException : public std::runtime_error {
  public:
    ServiceException(QString code, const QString& message)
        : std::runtime_error(message.toStdString()), code_(std::move(code)) {}
    const QString& code() const { return code_; }

  private:
    QString code_;
};

// A ServiceExceptionReport for `version`, with HTTP status 400 (a client mistake).
HttpReply exceptionReport(WmsVersion version, const QString& code, const QString& message);

} // namespace firebeat::ogc
