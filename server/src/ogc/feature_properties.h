// Values of the data model as GetFeatureInfo's JSON properties: text, numbers or null, and
// instants in ISO 8601 UTC.
#pragma once

#include "firebeat/time.h"

#include <QJsonValue>
#include <QString>

#include <optional>
#include <string_view>

namespace firebeat::ogc {

QString qText(std::string_view text);
// e.g. "2026-03-01T01:30:00Z".
QString isoUtc(Timestamp t);

QJsonValue jsonOrNull(const std::optional<double>& v);
QJsonValue jsonOrNull(const std::optional<std::int64_t>& v);
QJsonValue jsonOrNull(const std::optional<int>& v);
QJsonValue isoUtcOrNull(const std::optional<Timestamp>& t);
// Null for an empty text (an id the data left out).
QJsonValue textOrNull(std::string_view text);

} // namespace firebeat::ogc
