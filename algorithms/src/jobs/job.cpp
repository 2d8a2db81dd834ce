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

std::string_view inputKey(LayerKind kind) {
    switch (kind) {
    case LayerKind::PoliceDistricts:
        return "districts";
    case LayerKind::Villages:
        return "villages";
    case LayerKind::Units:
        return "units";
    case LayerKind::Inspections:
        return "inspections";
    case LayerKind::Hazards:
        return "hazards";
    case LayerKind::FireStations:
        return "stations";
    case LayerKind::Officers:
        break;
    }
    return "officers";
}

InputLayer modelInput(LayerKind kind, bool required, std::string help, std::string withoutIt,
                      const std::map<std::string, std::string>& fieldsLost) {
    const LayerSpec& model = layerSpec(kind);
    for (const auto& [field, lost] : fieldsLost)
        if (!findField(model, field))
            throw std::logic_error("the data model's " + std::string(model.name) + " have no field " + field);
    InputLayer input{.key = std::string(inputKey(kind)),
                     .kind = kind,
                     .geometry = model.geometry,
                     .required = required,
                     .help = std::move(help),
                     .withoutIt = std::move(withoutIt),
                     .fields = {}};
    for (const FieldSpec& f : model.fields) {
        const auto lost = fieldsLost.find(std::string(f.name));
        input.fields.push_back({.key = std::string(f.name),
                                .type = f.type,
                                .required = f.required,
                                .help = {},
                                .withoutIt = lost == fieldsLost.end() ? std::string() : lost->second});
    }
    return input;
}

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

const OutputSpec* JobSpec::output(std::string_view key) const {
    for (const OutputSpec& o : outputs)
        if (o.key == key)
            return &o;
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
    const auto t = endOfDay ? parsePeriodEnd(v) : parseTimestamp(v);
    if (!t)
        throw InputError(o.key +
                         ": expected an ISO 8601 date or date-time (2026-06-30, 2026-06-30T18:00), got " +
                         quotedValue(v));
    return *t;
}

void JobParameters::setOutput(const std::string& key, std::string path) {
    if (!spec_->output(key))
        throw std::logic_error("job " + spec_->name + " declares no output " + key);
    outputs_[key] = std::move(path);
}

std::string JobParameters::output(std::string_view key) const {
    const OutputSpec* o = spec_->output(key);
    if (!o)
        throw std::logic_error("job " + spec_->name + " declares no output " + std::string(key));
    const auto it = outputs_.find(std::string(key));
    const std::string path = it == outputs_.end() ? std::string() : trimmed(it->second);
    if (path.empty() && !o->optional)
        throw InputError(o->key + ": an output path is required");
    return path;
}

void selectInputLayers(const JobSpec& spec, ReadOptions& read) {
    read.layers.clear();
    read.optionalLayers.clear();
    for (const InputLayer& input : spec.inputs) {
        if (!input.kind)
            continue;
        read.layers.insert(*input.kind);
        if (!input.required)
            read.optionalLayers.insert(*input.kind);
    }
}

void nameInputLayer(const InputLayer& input, const std::string& name, const std::string& parameter,
                    SourceMapping& mapping) {
    if (!input.kind || name.empty())
        return;
    const std::string standard(layerName(*input.kind));
    const std::string mapped = mapping.layer(*input.kind);
    if (name == standard || name == mapped)
        return;
    if (mapped != standard)
        throw InputError(parameter + ": '" + name + "', but the mapping names the " + standard + " layer '" +
                         mapped + "': give its name in one of them");
    mapping.setLayer(*input.kind, name);
}

void throwIfUnusable(const Report& report) {
    for (const char* fatal : {"missing_layer", "missing_field", "wrong_field_type", "missing_crs"})
        if (report.count(fatal) > 0)
            throw InputError(report.toText());
}

} // namespace firebeat
