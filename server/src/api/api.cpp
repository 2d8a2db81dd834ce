#include "api/api.h"

#include "ogc/analysis_layers.h"
#include "ogc/feature_properties.h"

#include "firebeat/coverage_tables.h"
#include "firebeat/progress.h"
#include "firebeat/trend.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <set>

namespace firebeat::ogc {
namespace {

// A client's mistake in one parameter.
struct BadParameter {
    QString parameter, message;
};

HttpReply json(const QJsonObject& o, int status = 200) {
    return {status, "application/json", QJsonDocument(o).toJson(QJsonDocument::Compact)};
}

HttpReply badRequest(const BadParameter& bad) {
    return json({{"error", bad.parameter + ": " + bad.message}, {"parameter", bad.parameter}}, 400);
}

// The query's parameters, each at most once and each one the endpoint knows.
class Parameters {
  public:
    Parameters(const QUrlQuery& query, const std::set<QString>& known) {
        for (const auto& [name, value] : query.queryItems(QUrl::FullyDecoded)) {
            if (!known.contains(name))
                throw BadParameter{name, "unknown parameter (expected one of: " + list(known) + ")"};
            if (values_.contains(name))
                throw BadParameter{name, "given more than once"};
            values_[name] = value;
        }
    }

    bool has(const QString& name) const { return values_.contains(name); }
    QString text(const QString& name) const { return values_.value(name); }

    // An ISO 8601 date or date-time; a date alone is its day's first second (`endOfDay`: last).
    Timestamp date(const QString& name, bool endOfDay) const {
        const std::string value = text(name).toStdString();
        const std::optional<Timestamp> t = endOfDay ? parsePeriodEnd(value) : parseTimestamp(value);
        if (!t)
            throw BadParameter{name,
                               "expected an ISO 8601 date such as 2026-03-01, got '" + text(name) + "'"};
        return *t;
    }

    int wholeNumber(const QString& name, int low, int high) const {
        bool ok = false;
        const int n = text(name).toInt(&ok);
        if (!ok || n < low || n > high)
            throw BadParameter{name, QString("expected a whole number from %1 to %2, got '%3'")
                                         .arg(low)
                                         .arg(high)
                                         .arg(text(name))};
        return n;
    }

  private:
    static QString list(const std::set<QString>& names) {
        QStringList l(names.begin(), names.end());
        return l.join(", ");
    }
    QMap<QString, QString> values_;
};

const Dataset& dataOf(const Catalogue& catalogue) {
    if (!catalogue.data)
        throw std::runtime_error("the catalogue has no data");
    return *catalogue.data;
}

// The district the `district` parameter names (empty: none given); unknown ids are refused.
std::string districtParameter(const Parameters& p, const Dataset& data) {
    if (!p.has("district") || p.text("district").isEmpty())
        return {};
    const std::string id = p.text("district").toStdString();
    for (const District& d : data.districts)
        if (d.id == id)
            return id;
    throw BadParameter{"district", "no police district has the id '" + p.text("district") + "'"};
}

// reference_date (default: the data's latest inspection or hazard, as the district_coverage map
// layer) and window_days (default: the coverage analysis's).
CoverageParameters coverageParameters(const Parameters& p, const Dataset& data) {
    CoverageParameters c;
    c.referenceDate = p.has("reference_date") ? p.date("reference_date", true) : latestActivity(data);
    if (p.has("window_days"))
        c.windowDays = p.wholeNumber("window_days", 1, 36500);
    return c;
}

QJsonValue jsonValue(const FieldValue& v, ValueType type) {
    if (std::holds_alternative<std::int64_t>(v)) {
        const std::int64_t n = std::get<std::int64_t>(v);
        return type == ValueType::DateTime ? QJsonValue(isoUtc(n)) : QJsonValue(static_cast<qint64>(n));
    }
    if (std::holds_alternative<double>(v))
        return std::isfinite(std::get<double>(v)) ? QJsonValue(std::get<double>(v)) : QJsonValue();
    if (std::holds_alternative<std::string>(v))
        return qText(std::get<std::string>(v));
    if (std::holds_alternative<bool>(v))
        return std::get<bool>(v);
    return QJsonValue();
}

// The rows of `table` whose district_id is `district` (all when empty), as JSON objects.
QJsonArray rows(const ValueTable& table, const std::string& district) {
    const int districtColumn = table.column("district_id");
    QJsonArray out;
    for (const std::vector<FieldValue>& row : table.rows) {
        if (!district.empty() && districtColumn >= 0 &&
            row[static_cast<std::size_t>(districtColumn)] != FieldValue(district))
            continue;
        QJsonObject o;
        for (std::size_t i = 0; i < table.columns.size(); ++i)
            o[qText(table.columns[i].name)] = jsonValue(row[i], table.columns[i].type);
        out.append(o);
    }
    return out;
}

QJsonObject windowOf(const CoverageParameters& c) {
    return {{"reference_date", isoUtc(c.referenceDate)},
            {"window_days", c.windowDays},
            {"window_start", isoUtc(c.windowStart())},
            {"window_end", isoUtc(c.referenceDate)}};
}

HttpReply coverage(const Dataset& data, const QUrlQuery& query, bool officers) {
    const Parameters p(query, {"reference_date", "window_days", "district"});
    const CoverageParameters c = coverageParameters(p, data);
    const std::string district = districtParameter(p, data);
    Report report;
    const CoverageResult result = computeCoverage(data, c, report);
    QJsonObject o = windowOf(c);
    if (officers)
        o["officers"] = rows(officerWorkloadTable(result), district);
    else
        o["districts"] = rows(districtCoverageTable(result), district);
    return json(o);
}

HttpReply trend(const Dataset& data, const QUrlQuery& query) {
    const Parameters p(query, {"district", "from", "to", "step"});
    TrendParameters t;
    t.districtId = districtParameter(p, data);
    t.to = p.has("to") ? p.date("to", true) : latestActivity(data);
    t.from = p.has("from") ? p.date("from", false) : t.to - 365 * kSecondsPerDay + 1;
    if (t.to < t.from)
        throw BadParameter{"to", "the end is before from"};
    const QString step = p.has("step") ? p.text("step") : "month";
    if (step != "month" && step != "week")
        throw BadParameter{"step", "expected month or week, got '" + step + "'"};
    t.step = step == "week" ? TrendStep::Week : TrendStep::Month;
    if ((t.to - t.from) / kSecondsPerDay > 366 * 20)
        throw BadParameter{"from", "at most 20 years from `from` to `to`"};
    Report report;
    QJsonArray steps;
    for (const TrendPoint& s : computeTrend(data, t, report))
        steps.append(QJsonObject{{"start", isoUtc(s.start)},
                                 {"end", isoUtc(s.end)},
                                 {"label", qText(formatDate(s.start))},
                                 {"inspections", s.inspections},
                                 {"units_inspected", s.unitsInspected},
                                 {"hazards_found", s.hazardsFound},
                                 {"hazards_rectified", s.hazardsRectified},
                                 {"open_hazards", s.openHazards}});
    return json({{"district", textOrNull(t.districtId)},
                 {"from", isoUtc(t.from)},
                 {"to", isoUtc(t.to)},
                 {"step", step},
                 {"steps", steps}});
}

HttpReply hazards(const Dataset& data, const QUrlQuery& query) {
    const Parameters p(query, {"reference_date", "district"});
    const Timestamp at = p.has("reference_date") ? p.date("reference_date", true) : latestActivity(data);
    const std::string district = districtParameter(p, data);
    Report report;
    const OpenHazardBreakdown b = openHazardBreakdown(data, at, district, report);
    QJsonArray categories;
    for (int k = 0; k < kHazardCategoryCount; ++k) {
        const auto category = static_cast<HazardCategory>(k);
        const auto& n = b.counts[static_cast<std::size_t>(k)];
        categories.append(QJsonObject{{"category", qText(code(category))},
                                      {"name_zh", qText(chineseName(category))},
                                      {"open_sev1", n[0]},
                                      {"open_sev2", n[1]},
                                      {"open_sev3", n[2]},
                                      {"open", n[0] + n[1] + n[2]}});
    }
    return json({{"district", textOrNull(district)},
                 {"reference_date", isoUtc(at)},
                 {"open_hazards", b.total()},
                 {"categories", categories}});
}

} // namespace

HttpReply handleApi(const Catalogue& catalogue, const QStringList& path, const QUrlQuery& query,
                    const CancelFlag* cancel) {
    if (cancel && *cancel)
        throw Cancelled();
    try {
        const QString endpoint = path.size() == 1 ? path[0] : QString();
        if (endpoint == "coverage" || endpoint == "officers")
            return coverage(dataOf(catalogue), query, endpoint == "officers");
        if (endpoint == "trend")
            return trend(dataOf(catalogue), query);
        if (endpoint == "hazards")
            return hazards(dataOf(catalogue), query);
        return json({{"error", "no such API: try /api/coverage, /api/officers, /api/trend or /api/hazards"}},
                    404);
    } catch (const BadParameter& bad) {
        return badRequest(bad);
    }
}

} // namespace firebeat::ogc
