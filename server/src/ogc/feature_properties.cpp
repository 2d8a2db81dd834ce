#include "feature_properties.h"

#include <QDateTime>

namespace firebeat::ogc {

QString qText(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString isoUtc(Timestamp t) {
    return QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODate);
}

QJsonValue jsonOrNull(const std::optional<double>& v) {
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue jsonOrNull(const std::optional<std::int64_t>& v) {
    return v ? QJsonValue(static_cast<qint64>(*v)) : QJsonValue(QJsonValue::Null);
}

QJsonValue jsonOrNull(const std::optional<int>& v) {
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue isoUtcOrNull(const std::optional<Timestamp>& t) {
    return t ? QJsonValue(isoUtc(*t)) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(std::string_view text) {
    return text.empty() ? QJsonValue(QJsonValue::Null) : QJsonValue(qText(text));
}

} // namespace firebeat::ogc
