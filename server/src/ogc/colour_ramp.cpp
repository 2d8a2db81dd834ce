#include "colour_ramp.h"

#include "firebeat/progress.h"

#include <QJsonObject>

#include <cmath>

namespace firebeat::ogc {

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

QRgb ColourRamp::colour(double density) const {
    if (!(density > 0))
        return qRgba(0, 0, 0, 0);
    if (density <= stops_.front().density)
        return stops_.front().colour.rgba();
    for (std::size_t i = 1; i < stops_.size(); ++i) {
        if (density > stops_[i].density)
            continue;
        const Stop& a = stops_[i - 1];
        const Stop& b = stops_[i];
        const double t = (density - a.density) / (b.density - a.density);
        const auto mix = [t](int x, int y) { return static_cast<int>(std::lround(x + t * (y - x))); };
        return qRgba(mix(a.colour.red(), b.colour.red()), mix(a.colour.green(), b.colour.green()),
                     mix(a.colour.blue(), b.colour.blue()), mix(a.colour.alpha(), b.colour.alpha()));
    }
    return stops_.back().colour.rgba();
}

} // namespace firebeat::ogc
