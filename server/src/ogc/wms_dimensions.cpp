#include "wms_dimensions.h"

#include "wms_exception.h"

#include "firebeat/emerging.h"

#include <QStringList>

#include <optional>
#include <utility>

namespace firebeat::ogc {
namespace {

[[noreturn]] void invalid(const QString& dimension, const QString& value, const QString& expected) {
    throw ServiceException("InvalidDimensionValue",
                           "dimension " + dimension + ": '" + value + "' is not " + expected, dimension);
}

// A date alone ("2026-06-30") stands for the whole day, a month alone ("2026-06") for the whole
// month (China Standard Time). The end of an interval is included, so its bound is the first
// second after it: the next midnight after a date alone, the next month's first after a month.
std::optional<Timestamp> instant(const QString& text, bool end) {
    const QString trimmed = text.trimmed();
    if (trimmed.size() == 7) {
        const std::optional<Timestamp> first = parseTimestamp((trimmed + "-01").toStdString());
        if (!first || !end)
            return first;
        const int year = trimmed.left(4).toInt(), month = trimmed.mid(5, 2).toInt();
        return month == 12 ? makeTimestamp(year + 1, 1, 1) : makeTimestamp(year, month + 1, 1);
    }
    const std::optional<Timestamp> t = parseTimestamp(trimmed.toStdString());
    const bool dateOnly = trimmed.size() == 10;
    return t && end ? std::optional<Timestamp>(*t + (dateOnly ? kSecondsPerDay : 1)) : t;
}

void parseTime(const QString& value, HazardSelection& s) {
    const QStringList parts = value.split('/');
    const QString expected = "an ISO 8601 instant or start/end interval (e.g. 2026-01-01/2026-06-30)";
    if (parts.size() > 2)
        invalid("time", value, expected);
    s.from = instant(parts.front(), false);
    s.to = instant(parts.back(), true);
    if (!s.from || !s.to)
        invalid("time", value, expected);
    if (*s.from >= *s.to)
        invalid("time", value, "an interval whose start is before its end");
}

void parseSeverities(const QString& value, HazardSelection& s) {
    for (const QString& item : value.split(',')) {
        bool ok = false;
        const int severity = item.trimmed().toInt(&ok);
        if (!ok || severity < 1 || severity > 3)
            invalid("severity", value, "a list of severities 1, 2, 3");
        s.severities.insert(severity);
    }
}

void parseStatus(const QString& value, HazardSelection& s) {
    const QString v = value.trimmed().toLower();
    if (v == "open")
        s.status = HazardSelection::Status::Open;
    else if (v == "rectified")
        s.status = HazardSelection::Status::Rectified;
    else if (v != "all")
        invalid("status", value, "open, rectified or all");
}

void parseCategories(const QString& value, HazardSelection& s) {
    for (const QString& item : value.split(',')) {
        const auto category = parseHazardCategory(item.trimmed().toUpper().toStdString());
        if (!category)
            invalid("category", value, "a list of hazard category codes (e.g. FIRE_LANE,EBIKE)");
        s.categories.insert(*category);
    }
}

// WMS 1.3.0 Annex C: a value outside the extent a layer advertises is InvalidDimensionValue. A
// time interval is outside when it shares no instant with the layer's (whose end is included); a
// list dimension's items must each be one of the layer's values. A monthly extent ("start/end/P1M",
// emerging_hotspots) takes one of its months (any instant or interval within it) or the whole
// extent.
void checkExtent(const QString& name, const QString& value, const HazardSelection& s,
                 const std::vector<const MapLayer*>& layers) {
    for (const MapLayer* layer : layers)
        for (const LayerDimension& d : layer->dimensions()) {
            if (d.name != name || d.extent.isEmpty())
                continue;
            const QString outside = "inside " + layer->name() + "'s extent " + d.extent;
            if (name == "time") {
                const QStringList range = d.extent.split('/');
                const std::optional<Timestamp> from = instant(range.front(), false);
                const std::optional<Timestamp> to =
                    instant(range.size() == 3 ? range[1] : range.back(), true);
                if (!from || !to)
                    continue;
                if (range.size() == 3 && range[2] == "P1M") {
                    const bool oneMonth = cstMonthIndex(*s.from) == cstMonthIndex(*s.to - 1);
                    const bool whole = *s.from == *from && *s.to == *to;
                    if (!whole && (!oneMonth || *s.from < *from || *s.to > *to))
                        invalid(name, value,
                                "one month of " + layer->name() + "'s " + d.extent + " (e.g. " + range[1] +
                                    ") or all of " + range[0] + "/" + range[1]);
                    continue;
                }
                if (*s.to <= *from || *s.from >= *to)
                    invalid(name, value, outside);
                continue;
            }
            const QStringList allowed = d.extent.split(',');
            for (const QString& item : value.split(','))
                if (!allowed.contains(item.trimmed(), Qt::CaseInsensitive))
                    invalid(name, value, outside);
        }
}

// An omitted dimension is allowed when every layer declaring it has a default.
void checkDefault(const QString& name, const std::vector<const MapLayer*>& layers) {
    for (const MapLayer* layer : layers)
        for (const LayerDimension& d : layer->dimensions())
            if (d.name == name && d.defaultValue.isEmpty())
                throw ServiceException("MissingDimensionValue",
                                       "dimension " + name + ": layer " + layer->name() +
                                           " has no default, give a value in " + d.extent,
                                       name);
}

} // namespace

HazardSelection parseSelection(const DimensionValues& values, const std::vector<const MapLayer*>& layers) {
    using Parser = void (*)(const QString&, HazardSelection&);
    const std::pair<const char*, Parser> dimensions[] = {{"time", parseTime},
                                                         {"severity", parseSeverities},
                                                         {"status", parseStatus},
                                                         {"category", parseCategories}};
    HazardSelection selection;
    for (const auto& [name, parse] : dimensions) {
        if (values.contains(name)) {
            parse(values.value(name), selection);
            checkExtent(name, values.value(name), selection, layers);
        } else
            checkDefault(name, layers);
    }
    return selection;
}

} // namespace firebeat::ogc
