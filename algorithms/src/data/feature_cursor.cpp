#include "data/feature_cursor.h"

#include <gdal_version.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace firebeat {

std::unique_ptr<FeatureCursor> openOgrFeatureCursor(OGRLayer& layer, const std::vector<int>& fieldIndices);
std::unique_ptr<FeatureCursor> openArrowFeatureCursor(OGRLayer& layer, const std::vector<int>& fieldIndices);

std::optional<std::int64_t> integerFromText(std::string_view text) {
    std::int64_t v = 0;
    const char* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, v);
    if (r.ec == std::errc() && r.ptr == end)
        return v;
    double d = 0;
    const auto rd = std::from_chars(text.data(), end, d);
    if (rd.ec == std::errc() && rd.ptr == end && std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9e15)
        return static_cast<std::int64_t>(d);
    return std::nullopt;
}

std::optional<double> realFromText(std::string_view text) {
    double d = 0;
    const char* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, d);
    if (r.ec == std::errc() && r.ptr == end && std::isfinite(d))
        return d;
    return std::nullopt;
}

namespace {

// Before GDAL 3.8 the Arrow stream gives date-times as the wall-clock time of each value with its
// UTC offset dropped (a GeoPackage's "...Z" values as UTC, "+08:00" ones as CST, all declared
// without a zone), so the instants cannot be recovered: such fields are read feature by feature.
bool arrowKeepsTimeZones([[maybe_unused]] OGRFeatureDefn& defn,
                         [[maybe_unused]] const std::vector<int>& fieldIndices) {
#if GDAL_VERSION_NUM < GDAL_COMPUTE_VERSION(3, 8, 0)
    for (const int i : fieldIndices)
        if (i >= 0 && defn.GetFieldDefn(i)->GetType() == OFTDateTime)
            return false;
#endif
    return true;
}

} // namespace

std::unique_ptr<FeatureCursor> openFeatureCursor(OGRLayer& layer, const std::vector<int>& fieldIndices) {
    // Only read what is asked for: both transports honour ignored fields.
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    std::vector<std::string> ignored;
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        if (std::find(fieldIndices.begin(), fieldIndices.end(), i) == fieldIndices.end())
            ignored.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    std::vector<const char*> names;
    for (const std::string& n : ignored)
        names.push_back(n.c_str());
    names.push_back(nullptr);
    layer.SetIgnoredFields(names.data());
    layer.ResetReading();
    if (layer.TestCapability(OLCFastGetArrowStream) && arrowKeepsTimeZones(*defn, fieldIndices))
        if (auto cursor = openArrowFeatureCursor(layer, fieldIndices))
            return cursor;
    layer.ResetReading();
    return openOgrFeatureCursor(layer, fieldIndices);
}

} // namespace firebeat
