#include "emerging_layer.h"

#include "feature_layer.h"
#include "feature_properties.h"

#include "firebeat/emerging.h"

#include <cstdio>

namespace firebeat::ogc {
namespace {

QJsonValue optionalNumber(const std::optional<double>& v) {
    return v ? QJsonValue(*v) : QJsonValue();
}

// One variant per month of the cube: each village's class in that month.
class MonthClasses final : public StyleVariants {
  public:
    MonthClasses(const EmergingResult& result, QmlStyle style)
        : style_(std::move(style)), firstMonth_(result.firstMonth), months_(result.months),
          counts_(result.counts), z_(result.gi.z), p_(result.gi.p), classes_(result.binClass) {}

    const QmlStyle& style() const override { return style_; }
    QString legendTitle() const override { return QStringLiteral("One month (TIME=YYYY-MM)"); }
    std::size_t count() const override { return months_; }

    // parseSelection let through one month of the cube or the whole cube (the patterns).
    std::optional<std::size_t> pick(const HazardSelection& selection) const override {
        if (!selection.from || !selection.to)
            return std::nullopt;
        const int month = cstMonthIndex(*selection.from);
        if (month != cstMonthIndex(*selection.to - 1) || month < firstMonth_ ||
            month >= firstMonth_ + static_cast<int>(months_))
            return std::nullopt;
        return static_cast<std::size_t>(month - firstMonth_);
    }

    QJsonValue value(std::size_t month, std::size_t feature) const override {
        return qText(binClassName(classes_[feature * months_ + month]));
    }

    void addProperties(std::size_t month, std::size_t feature, QJsonObject& properties) const override {
        const std::size_t b = feature * months_ + month;
        properties.insert("month", qText(monthLabel(firstMonth_ + static_cast<int>(month))));
        properties.insert("month_index", static_cast<qint64>(month));
        properties.insert("count", static_cast<qint64>(counts_[b]));
        properties.insert("gi_z", optionalNumber(z_[b]));
        properties.insert("gi_p", optionalNumber(p_[b]));
        properties.insert("class", value(month, feature));
    }

  private:
    QmlStyle style_;
    int firstMonth_;
    std::size_t months_;
    std::vector<std::uint32_t> counts_;
    std::vector<std::optional<double>> z_, p_;
    std::vector<std::int8_t> classes_;
};

// A village's row of emerging_hotspots (the data model's fields, then the analysis's) and its
// bins in month order, as columns named like emerging_bins's.
QJsonObject villageProperties(const Village& village, const EmergingResult& r, std::size_t row) {
    const EmergingRow& e = r.rows[row];
    QJsonArray month, count, z, p, cls;
    for (std::size_t t = 0; t < r.months; ++t) {
        const std::size_t b = row * r.months + t;
        month.append(qText(monthLabel(r.firstMonth + static_cast<int>(t))));
        count.append(static_cast<qint64>(r.counts[b]));
        z.append(optionalNumber(r.gi.z[b]));
        p.append(optionalNumber(r.gi.p[b]));
        cls.append(qText(binClassName(r.binClass[b])));
    }
    return {{"village_id", qText(village.id)},
            {"name", qText(village.name)},
            {"district_id", textOrNull(village.districtId)},
            {"pattern", qText(patternName(e.cls.pattern))},
            {"code", patternCode(e.cls.pattern)},
            {"trend_z", e.cls.trend.z},
            {"trend_p", e.cls.trend.p},
            {"n_hot", e.cls.hot},
            {"n_cold", e.cls.cold},
            {"final_z", optionalNumber(e.finalZ)},
            {"n_neighbours", static_cast<qint64>(e.neighbours)},
            {"flags", e.neighbours == 0 ? QJsonValue("island") : QJsonValue()},
            {"series",
             QJsonObject{{"month", month}, {"count", count}, {"gi_z", z}, {"gi_p", p}, {"class", cls}}}};
}

} // namespace

std::unique_ptr<MapLayer> makeEmergingHotspotsLayer(const Dataset& data) {
    if (data.villages.empty())
        throw InputError("no villages in the data");
    if (data.hazards.empty())
        throw InputError("no hazards in the data");
    const EmergingInput input = emergingInputFrom(data);
    EmergingOptions options;
    options.reference = latestHazard(data);
    const EmergingResult result = analyseEmerging(input, options);
    for (const std::string& island : result.islands)
        std::fprintf(stderr, "firebeat serve: emerging_hotspots: village %s has no neighbour (flag island)\n",
                     island.c_str());

    std::vector<MapFeature> features;
    for (std::size_t r = 0; r < result.rows.size(); ++r) {
        const Village& village = data.villages[result.order[r]];
        features.push_back({village.geometry, villageProperties(village, result, r)});
    }
    const QString first = qText(monthLabel(result.firstMonth));
    const QString last = qText(monthLabel(result.firstMonth + static_cast<int>(result.months) - 1));
    LayerDimension time{"time", "ISO8601", first + "/" + last, first + "/" + last + "/P1M"};
    return std::make_unique<FeatureLayer>(
        LayerText{
            kEmergingLayerName, "Emerging hot spots",
            "Villages by emerging hot-spot pattern (new, consecutive, intensifying, persistent, "
            "diminishing, sporadic, oscillating, historical hot or cold spot) of their hazards per China "
            "Standard Time month, " +
                first + " .. " + last +
                " (space-time Gi*, FDR 90 %, Mann-Kendall trend). TIME=YYYY-MM shows that month's "
                "space-time Gi* class of each village instead."},
        data.crs, loadQmlStyle("emerging_hotspots"), std::move(features), FeatureLayer::Selector{},
        std::vector<LayerDimension>{time},
        std::make_unique<MonthClasses>(result, loadQmlStyle("emerging_bins")));
}

} // namespace firebeat::ogc
