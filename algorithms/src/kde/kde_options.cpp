// Kernel and output names, and the checks of a KdeOptions.
#include "kde/kde_internal.h"

#include <array>
#include <cmath>
#include <string>
#include <utility>

namespace firebeat {
namespace {

constexpr std::array<std::pair<Kernel, std::string_view>, 6> kKernelNames{
    {{Kernel::Quartic, "quartic"},
     {Kernel::Triangular, "triangular"},
     {Kernel::Uniform, "uniform"},
     {Kernel::Triweight, "triweight"},
     {Kernel::Epanechnikov, "epanechnikov"},
     {Kernel::Gaussian, "gaussian"}}};
constexpr std::array<std::pair<OutputValue, std::string_view>, 3> kValueNames{
    {{OutputValue::Density, "density"}, {OutputValue::Raw, "raw"}, {OutputValue::Scaled, "scaled"}}};

template <class E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
    for (const auto& [e, name] : names)
        if (e == value)
            return name;
    return {};
}

template <class E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view s) {
    for (const auto& [e, name] : names)
        if (name == s)
            return e;
    return std::nullopt;
}

} // namespace

std::string_view code(Kernel k) {
    return nameOf(kKernelNames, k);
}
std::optional<Kernel> parseKernel(std::string_view s) {
    return valueOf(kKernelNames, s);
}
std::string_view code(OutputValue v) {
    return nameOf(kValueNames, v);
}
std::optional<OutputValue> parseOutputValue(std::string_view s) {
    return valueOf(kValueNames, s);
}

namespace kde {

Shape makeShape(const KdeOptions& options) {
    const double cutoff = options.gaussianCutoffSd;
    return Shape{options.kernel, static_cast<float>(1 - options.decay),
                 static_cast<float>(cutoff * cutoff / 2)};
}

void checkOptions(const KdeOptions& o) {
    if (!std::isfinite(o.decay))
        throw InputError("the triangular kernel's decay ratio must be a number");
    if (o.kernel == Kernel::Gaussian && !(o.gaussianCutoffSd >= 1 && o.gaussianCutoffSd <= 12))
        throw InputError("the Gaussian cutoff must be between 1 and 12 standard deviations");
    if (o.qgisCompatible && o.value == OutputValue::Density)
        throw InputError("QGIS-compatible output is raw or scaled: QGIS has no density output");
    if (o.qgisCompatible && o.kernel == Kernel::Gaussian)
        throw InputError("QGIS-compatible output has no Gaussian kernel: QGIS 3.22 does not offer one");
    const bool normalised =
        o.value == OutputValue::Density || (o.value == OutputValue::Scaled && !o.qgisCompatible);
    if (o.kernel == Kernel::Triangular && normalised && o.decay < 0)
        throw InputError(
            "a negative decay ratio makes the triangular kernel negative: use raw output for it");
}

std::optional<double> scaledConstant(const KdeOptions& o) {
    switch (o.kernel) {
    case Kernel::Uniform:
        return 1 / M_PI;
    case Kernel::Epanechnikov:
        return 2 / M_PI;
    case Kernel::Quartic:
        // QGIS 3.22 multiplies 116/(5 pi) by 15/16 (about 6.5 % too much); the integral is 1 with 3/pi.
        return o.qgisCompatible ? 116.0 / (5 * M_PI) * (15.0 / 16.0) : 3 / M_PI;
    case Kernel::Triweight:
        return 4 / M_PI;
    case Kernel::Triangular:
        if (o.decay < 0)
            return std::nullopt;
        return 3 / ((1 + 2 * o.decay) * M_PI);
    case Kernel::Gaussian: {
        // Truncated at c standard deviations and renormalised: sigma = radius / c.
        const double c = o.gaussianCutoffSd;
        return c * c / (2 * M_PI * (1 - std::exp(-c * c / 2)));
    }
    }
    return std::nullopt;
}

} // namespace kde
} // namespace firebeat
