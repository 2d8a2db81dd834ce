// JobSpec look-ups and JobParameters: option values checked against their declaration.
#include "firebeat/job.h"

#include "firebeat/progress.h"
#include "firebeat/time.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace firebeat {
namespace {

std::string quotedValue(const std::string& value) {
    return "\"" + value + "\"";
}

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    const auto last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

std::string formatBound(double v) {
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    return ec == std::errc() ? std::string(buffer, end) : std::to_string(v);
}

// " >= 0", " in [1, 100]" or "".
std::string rangeText(const OptionSpec& o) {
    if (o.minimum && o.maximum)
        return " in [" + formatBound(*o.minimum) + ", " + formatBound(*o.maximum) + "]";
    if (o.minimum)
        return " >= " + formatBound(*o.minimum);
    if (o.maximum)
        return " <= " + formatBound(*o.maximum);
    return {};
}

void checkRange(const OptionSpec& o, double v, const std::string& what, const std::string& text) {
    if ((o.minimum && v < *o.minimum) || (o.maximum && v > *o.maximum))
        throw InputError(o.key + ": expected " + what + rangeText(o) + ", got " + quotedValue(text));
}

} // namespace

const OptionSpec* JobSpec::option(std::string_view key) const {
    for (const OptionSpec& o : options)
        if (o.key == key)
            return &o;
    return nullptr;
}

const InputLayer* JobSpec::input(std::string_view key) const {
    for (const InputLayer& l : inputs)
        if (l.key == key)
            return &l;
    return nullptr;
}

const OptionSpec& JobParameters::declared(std::string_view key) const {
    if (const OptionSpec* o = spec_->option(key))
        return *o;
    throw std::logic_error("job " + spec_->name + " declares no option " + std::string(key));
}

void JobParameters::set(const std::string& key, std::string value) {
    declared(key);
    values_[key] = std::move(value);
}

std::optional<std::string> JobParameters::raw(std::string_view key) const {
    const OptionSpec& o = declared(key);
    if (const auto it = values_.find(std::string(key)); it != values_.end())
        return trimmed(it->second);
    if (!o.defaultValue.empty())
        return o.defaultValue;
    return std::nullopt;
}

bool JobParameters::has(std::string_view key) const {
    const auto v = raw(key);
    return v && !v->empty();
}

std::string JobParameters::text(std::string_view key) const {
    return raw(key).value_or(std::string());
}

bool JobParameters::flag(std::string_view key) const {
    const OptionSpec& o = declared(key);
    const std::string v = text(key);
    if (v.empty() || v == "false" || v == "0" || v == "no")
        return false;
    if (v == "true" || v == "1" || v == "yes")
        return true;
    throw InputError(o.key + ": expected true or false, got " + quotedValue(v));
}

std::optional<long long> JobParameters::optionalInteger(std::string_view key) const {
    const OptionSpec& o = declared(key);
    const std::string v = text(key);
    if (v.empty())
        return std::nullopt;
    long long n = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size()) {
        // QGIS hands integers over as numbers, which may arrive as "12.0".
        char* stop = nullptr;
        const double d = std::strtod(v.c_str(), &stop);
        if (stop != v.c_str() + v.size() || !std::isfinite(d) || d != std::floor(d))
            throw InputError(o.key + ": expected an integer" + rangeText(o) + ", got " + quotedValue(v));
        n = static_cast<long long>(d);
    }
    checkRange(o, static_cast<double>(n), "an integer", v);
    return n;
}

long long JobParameters::integer(std::string_view key) const {
    if (const auto n = optionalInteger(key))
        return *n;
    throw InputError(std::string(key) + ": a value is required");
}

std::optional<double> JobParameters::optionalReal(std::string_view key) const {
    const OptionSpec& o = declared(key);
    const std::string v = text(key);
    if (v.empty())
        return std::nullopt;
    char* stop = nullptr;
    const double d = std::strtod(v.c_str(), &stop);
    if (stop != v.c_str() + v.size() || !std::isfinite(d))
        throw InputError(o.key + ": expected a number" + rangeText(o) + ", got " + quotedValue(v));
    checkRange(o, d, "a number", v);
    return d;
}

double JobParameters::real(std::string_view key) const {
    if (const auto d = optionalReal(key))
        return *d;
    throw InputError(std::string(key) + ": a value is required");
}

std::vector<std::string> JobParameters::list(std::string_view key) const {
    std::vector<std::string> out;
    const std::string v = text(key);
    std::size_t start = 0;
    while (start <= v.size() && !v.empty()) {
        const std::size_t comma = v.find(',', start);
        const std::string item = trimmed(std::string_view(v).substr(start, comma - start));
        if (!item.empty())
            out.push_back(item);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return out;
}

std::size_t JobParameters::choice(std::string_view key) const {
    const OptionSpec& o = declared(key);
    const std::string v = text(key);
    for (std::size_t i = 0; i < o.choices.size(); ++i)
        if (o.choices[i] == v)
            return i;
    std::string expected;
    for (std::size_t i = 0; i < o.choices.size(); ++i)
        expected += (i ? ", " : "") + o.choices[i];
    throw InputError(o.key + ": expected one of " + expected + ", got " + quotedValue(v));
}

std::optional<Timestamp> JobParameters::date(std::string_view key, bool endOfDay) const {
    const OptionSpec& o = declared(key);
    const std::string v = text(key);
    if (v.empty())
        return std::nullopt;
    const auto t = parseTimestamp(v);
    if (!t)
        throw InputError(o.key +
                         ": expected an ISO 8601 date or date-time (2026-06-30, 2026-06-30T18:00), got " +
                         quotedValue(v));
    const bool dateAlone = v.size() == 10;
    return endOfDay && dateAlone ? *t + kSecondsPerDay - 1 : *t;
}

} // namespace firebeat
