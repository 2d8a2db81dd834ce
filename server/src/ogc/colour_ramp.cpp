#include "colour_ramp.h"

#include "firebeat/progress.h"

#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace firebeat::ogc {
namespace {

constexpr int kRampEntries = 255; // palette entries 1..255; 0 is transparent

} // namespace

ColourRamp::ColourRamp(std::vector<Stop> stops) : stops_(std::move(stops)) {
    const double segments = static_cast<double>(stops_.size() - 1);
    palette_.append(qRgba(0, 0, 0, 0));
    for (int i = 0; i < kRampEntries; ++i) {
        const double position = segments * i / (kRampEntries - 1);
        const std::size_t s = std::min(static_cast<std::size_t>(position), stops_.size() - 1);
        if (s + 1 == stops_.size()) {
            palette_.append(stops_.back().colour.rgba());
            continue;
        }
        const QColor& a = stops_[s].colour;
        const QColor& b = stops_[s + 1].colour;
        const double t = position - static_cast<double>(s);
        const auto mix = [t](int x, int y) { return static_cast<int>(std::lround(x + t * (y - x))); };
        palette_.append(qRgba(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()),
                              mix(a.alpha(), b.alpha())));
    }
}

ColourRamp ColourRamp::defaults() {
    return ColourRamp({{0, QColor(255, 255, 178, 0)},
                       {1, QColor(254, 204, 92, 170)},
                       {10, QColor(253, 141, 60, 200)},
                       {25, QColor(240, 59, 32, 225)},
                       {50, QColor(189, 0, 38, 245)}});
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
    if (out.empty())
        throw InputError("heatmap.colour_stops: give at least one stop");
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
        const double position = (static_cast<double>(i - 1) + t) / static_cast<double>(stops_.size() - 1);
        return static_cast<uchar>(1 + std::lround(position * (kRampEntries - 1)));
    }
    return kRampEntries;
}

} // namespace firebeat::ogc
