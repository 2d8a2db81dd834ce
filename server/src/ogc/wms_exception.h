// WMS service exceptions: what a client got wrong, as the standard XML report.
#pragma once

#include "http_reply.h"

#include <QString>

#include <stdexcept>

namespace firebeat::ogc {

enum class WmsVersion { V111, V130 };

// `code`: InvalidCRS (1.3.0) / InvalidSRS (1.1.1), LayerNotDefined, LayerNotQueryable,
// StyleNotDefined, InvalidFormat, InvalidPoint, MissingDimensionValue, InvalidDimensionValue,
// MissingParameterValue, InvalidParameterValue, OperationNotSupported.
class ServiceException : public std::runtime_error {
  public:
    // `locator`: the parameter or dimension at fault, when one is (WMTS reports it).
    ServiceException(QString code, const QString& message, QString locator = {})
        : std::runtime_error(message.toStdString()), code_(std::move(code)), locator_(std::move(locator)) {}
    const QString& code() const { return code_; }
    const QString& locator() const { return locator_; }

  private:
    QString code_;
    QString locator_;
};

// A ServiceExceptionReport for `version`, with HTTP status 400 (a client mistake).
HttpReply exceptionReport(WmsVersion version, const QString& code, const QString& message);

} // namespace firebeat::ogc
