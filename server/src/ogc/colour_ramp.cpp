#include "colour_ramp.h"

#include "firebeat/heatmap_scale.h"
#include "firebeat/progress.h"

#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <string>

namespace firebeat::ogc {
namespace {

// Palette entries for the ramp, after the transparent 0: 254 steps shared by the segments, so
// every stop falls on an entry of its own.
constexpr int kRampSteps = 254;

} // namespace

ColourRamp::ColourRamp(std::vector<Stop> stops)
    : stops_(std::move(stops)),
      stepsPerSegment_(stops_.size() > 1 ? kRampSteps / static_cast<int>(stops_.size() - 1) : 0) {
    palette_.append(qRgba(0, 0, 0, 0));
    for (std::size_t s = 0; s + 1 < stops_.size(); ++s)
        for (int k = 0; k < stepsPerSegment_; ++k) {
            const QColor& a = stops_[s].colour;
            const QColor& b = stops_[s + 1].colour;
            const double t = static_cast<double>(k) / stepsPerSegment_;
            const auto mix = [t](int x, int y) { return static_cast<int>(std::lround(x + t * (y - x))); };
            palette_.append(qRgba(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()),
                                  mix(a.alpha(), b.alpha())));
        }
    palette_.append(stops_.back().colour.rgba());
}

ColourRamp ColourRamp::fromStyle(const QmlStyle& style) {
    std::vector<Stop> out;
    for (const QmlRampItem& item : style.ramp) {
        if (!out.empty() && item.value <= out.back().density)
            throw InputError("the style's colour ramp items are not in ascending order");
        QColor colour = item.colour;
        colour.setAlpha(static_cast<int>(std::lround(colour.alpha() * std::clamp(style.opacity, 0.0, 1.0))));
        out.push_back({item.value, colour});
    }
    if (out.empty() || out.size() > kRampSteps + 1)
        throw InputError("the style has no colour ramp the server can draw (1 to " +
                         std::to_string(kRampSteps + 1) + " items)");
    return ColourRamp(std::move(out));
}

ColourRamp ColourRamp::stretchedTo(double top) const {
    std::vector<double> values;
    for (const Stop& s : stops_)
        values.push_back(s.density);
    const std::vector<double> breaks = heatmapClassBreaks(values, top);
    std::vector<Stop> out = stops_;
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i].density = breaks[i];
    return ColourRamp(std::move(out));
}

ColourRamp ColourRamp::fromJson(const QJsonArray& stops) {
    std::vector<Stop> out;
    for (const QJsonValue& v : stops) {
        const QJsonObject o = v.toObject();
        const QColor colour = QColor::fromString(o.value("colour").toString());
        const double density = o.value("density").toDouble(std::nan(""));
        if (!colour.isValid() || !std::isfinite(density) || (!out.empty() && density <= out.back().density))
            throw InputError(
                "heatmap.colour_stops: expected [{\"density\": D, \"colour\": \"#AARRGGBB\"}, ...] "
                "with ascending densities");
        out.push_back({density, colour});
    }
    if (out.empty() || out.size() > kRampSteps + 1)
        throw InputError("heatmap.colour_stops: give from 1 to " + std::to_string(kRampSteps + 1) + " stops");
    return ColourRamp(std::move(out));
}

uchar ColourRamp::index(double density) const {
    if (!(density > 0))
        return 0;
    if (density <= stops_.front().density)
        return 1;
    for (std::size_t i = 1; i < stops_.size(); ++i) {
        if (density > stops_[i].density)
            continue;
        const double t = (density - stops_[i - 1].density) / (stops_[i].density - stops_[i - 1].density);
        return static_cast<uchar>(1 + static_cast<long>(i - 1) * stepsPerSegment_ +
                                  std::lround(t * stepsPerSegment_));
    }
    return static_cast<uchar>(palette_.size() - 1);
}

} // namespace firebeat::ogc
