#include "data/feature_cursor.h"

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
    if (layer.TestCapability(OLCFastGetArrowStream))
        if (auto cursor = openArrowFeatureCursor(layer, fieldIndices))
            return cursor;
    layer.ResetReading();
    return openOgrFeatureCursor(layer, fieldIndices);
}

} // namespace firebeat
