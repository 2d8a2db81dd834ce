// The fields of an output layer, declared once with how a row gives each value: the GeoPackage and
// CSV writers write them, the server's GetFeatureInfo answers with them, and the plugin's sinks
// take the layers the writers wrote.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>

namespace firebeat {

enum class OutputFieldType { Integer, Integer64, Real, Text, Boolean, DateTime };
// monostate: null. A DateTime is a Timestamp (seconds since the epoch, UTC).
using OutputValue = std::variant<std::monostate, std::int64_t, double, std::string, bool>;

template <class Row> struct OutputColumn {
    std::string name;
    OutputFieldType type;
    std::function<OutputValue(const Row&)> value;
};

inline OutputValue nullable(const std::optional<double>& v) {
    return v ? OutputValue(*v) : OutputValue();
}
inline OutputValue nullable(const std::optional<std::int64_t>& v) {
    return v ? OutputValue(*v) : OutputValue();
}
inline OutputValue nullIfEmpty(const std::string& s) {
    return s.empty() ? OutputValue() : OutputValue(s);
}

} // namespace firebeat
