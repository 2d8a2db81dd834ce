#include "analysis_layers.h"

#include "feature_layer.h"
#include "feature_properties.h"

#include "firebeat/coverage.h"
#include "firebeat/coverage_writer.h"
#include "firebeat/hotspots.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace firebeat::ogc {
namespace {

// Every field `firebeat coverage` writes, from the writer's own declaration.
QJsonObject districtMetrics(const DistrictCoverage& d,
                            const std::vector<OutputColumn<DistrictCoverage>>& columns) {
    QJsonObject o;
    for (const OutputColumn<DistrictCoverage>& c : columns) {
        const OutputValue v = c.value(d);
        QJsonValue json;
        if (const auto* i = std::get_if<std::int64_t>(&v))
            json = c.type == OutputFieldType::DateTime ? QJsonValue(isoUtc(*i))
                                                       : QJsonValue(static_cast<qint64>(*i));
        else if (const auto* x = std::get_if<double>(&v))
            json = *x;
        else if (const auto* t = std::get_if<std::string>(&v))
            json = qText(*t);
        else if (const auto* b = std::get_if<bool>(&v))
            json = *b;
        o.insert(QString::fromStdString(c.name), json);
    }
    return o;
}

QJsonObject hotspotStatistics(const HotspotRow& row, const Village* village) {
    return {{"village_id", qText(row.id)},
            {"name", village ? qText(village->name) : QJsonValue()},
            {"district_id", village ? textOrNull(village->districtId) : QJsonValue()},
            {"value", row.value},
            {"numerator", row.numerator},
            {"n_neighbours", static_cast<qint64>(row.neighbours)},
            {"gi_z", jsonOrNull(row.giZ)},
            {"gi_p", jsonOrNull(row.giP)},
            {"gi_bin", row.giBin},
            {"gi_bin_fdr", row.giBinFdr},
            {"lisa_i", jsonOrNull(row.lisaI)},
            {"lisa_p", jsonOrNull(row.lisaP)},
            {"lisa_quadrant", qText(code(row.lisaQuadrant))}};
}

} // namespace

Timestamp latestActivity(const Dataset& data) {
    Timestamp latest = 0;
    for (const Inspection& i : data.inspections)
        latest = std::max(latest, i.inspectedAt);
    for (const Hazard& h : data.hazards)
        latest = std::max(latest, h.foundAt);
    return latest;
}

std::unique_ptr<MapLayer> makeDistrictCoverageLayer(const Dataset& data) {
    if (data.districts.empty())
        throw InputError("no police districts in the data");
    CoverageParameters parameters;
    parameters.referenceDate = latestActivity(data);
    Report report;
    const CoverageResult result = computeCoverage(data, parameters, report);
    if (!report.problems().empty())
        std::fprintf(stderr, "firebeat serve: district_coverage: the coverage analysis met %zu problem(s)\n",
                     report.problems().size());
    return makeDistrictCoverageLayer(data, result, parameters.windowDays);
}

std::unique_ptr<MapLayer> makeDistrictCoverageLayer(const Dataset& data, const CoverageResult& result,
                                                    int windowDays) {
    std::vector<MapFeature> features;
    const auto columns = districtCoverageColumns(result);
    for (const DistrictCoverage& d : result.districts)
        features.push_back({d.geometry, districtMetrics(d, columns)});
    return std::make_unique<FeatureLayer>(
        LayerText{"district_coverage", "District coverage gaps",
                  "Police districts by coverage gap score (0-100, larger = bigger gap) for the " +
                      QString::number(windowDays) + " days to " + isoUtc(result.windowEnd) +
                      ": coverage, overdue units, open hazards, staffing, blind spots."},
        data.crs, loadQmlStyle("district_coverage"), std::move(features));
}

std::unique_ptr<MapLayer> makeVillageHotspotsLayer(const Dataset& data) {
    if (data.villages.empty())
        throw InputError("no villages in the data");
    const HotspotResult result = analyseHotspots(data, HotspotOptions{});
    std::map<std::string, const Village*, std::less<>> villages;
    for (const Village& v : data.villages)
        villages[v.id] = &v;
    std::vector<MapFeature> features;
    for (std::size_t i = 0; i < result.rows.size(); ++i) {
        const auto village = villages.find(result.rows[i].id);
        features.push_back(
            {result.areas[i].geometry,
             hotspotStatistics(result.rows[i], village == villages.end() ? nullptr : village->second)});
    }
    return std::make_unique<FeatureLayer>(
        LayerText{"village_hotspots", "Village hot spots",
                  "Villages by Getis-Ord Gi* hot/cold spot class of their hazard counts (" +
                      QString::fromStdString(result.weights.info().describe()) + "), with Local Moran's I."},
        data.crs, loadQmlStyle("village_hotspots"), std::move(features));
}

} // namespace firebeat::ogc
