#include "firebeat/gcj02.h"

#include <cmath>
#include <numbers>

namespace firebeat {
namespace {

constexpr double kA = 6378245.0;
constexpr double kEE = 0.00669342162296594323;
constexpr double kPi = std::numbers::pi;

double offsetLat(double x, double y) {
    double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    r += (160.0 * std::sin(y / 12.0 * kPi) + 320 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return r;
}

double offsetLon(double x, double y) {
    double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
    r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return r;
}

} // namespace

bool outsideChina(double lon, double lat) {
    return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

Point wgs84ToGcj02(Point wgs) {
    if (outsideChina(wgs.x, wgs.y))
        return wgs;
    double dLat = offsetLat(wgs.x - 105.0, wgs.y - 35.0);
    double dLon = offsetLon(wgs.x - 105.0, wgs.y - 35.0);
    const double radLat = wgs.y / 180.0 * kPi;
    double magic = std::sin(radLat);
    magic = 1 - kEE * magic * magic;
    const double sqrtMagic = std::sqrt(magic);
    dLat = (dLat * 180.0) / ((kA * (1 - kEE)) / (magic * sqrtMagic) * kPi);
    dLon = (dLon * 180.0) / (kA / sqrtMagic * std::cos(radLat) * kPi);
    return {wgs.x + dLon, wgs.y + dLat};
}

Point gcj02ToWgs84(Point gcj) {
    if (outsideChina(gcj.x, gcj.y))
        return gcj;
    // Fixed-point iteration: the offset varies slowly, so each step gains ~4 orders of magnitude.
    Point wgs = gcj;
    for (int i = 0; i < 30; ++i) {
        const Point back = wgs84ToGcj02(wgs);
        const double ex = back.x - gcj.x, ey = back.y - gcj.y;
        wgs.x -= ex;
        wgs.y -= ey;
        if (std::abs(ex) < 1e-12 && std::abs(ey) < 1e-12)
            break;
    }
    return wgs;
}

} // namespace firebeat
