#include "firebeat/report.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace firebeat {

void Report::add(Problem p) {
    Tally& t = tallies_.try_emplace({p.layer, p.code}, Tally{p.severity}).first->second;
    if (++t.total <= kDetailLimit)
        problems_.push_back(std::move(p));
}

void Report::error(std::string code, std::string layer, std::string message, std::string field,
                   std::optional<std::int64_t> fid, std::string featureId) {
    add({Severity::Error, std::move(code), std::move(layer), fid, std::move(featureId), std::move(field),
         std::move(message)});
}

void Report::warning(std::string code, std::string layer, std::string message, std::string field,
                     std::optional<std::int64_t> fid, std::string featureId) {
    add({Severity::Warning, std::move(code), std::move(layer), fid, std::move(featureId), std::move(field),
         std::move(message)});
}

std::size_t Report::count(Severity s) const {
    std::size_t n = 0;
    for (const auto& [key, t] : tallies_)
        if (t.severity == s)
            n += t.total;
    return n;
}

std::size_t Report::count(const std::string& code) const {
    std::size_t n = 0;
    for (const auto& [key, t] : tallies_)
        if (key.second == code)
            n += t.total;
    return n;
}

std::string describe(const Problem& p) {
    std::string out = p.severity == Severity::Error ? "error" : "warning";
    out += ": ";
    if (!p.layer.empty())
        out += p.layer;
    if (p.fid)
        out += " feature " + std::to_string(*p.fid);
    if (!p.featureId.empty())
        out += " (" + p.featureId + ")";
    if (!p.field.empty())
        out += " field " + p.field;
    if (!p.layer.empty() || p.fid || !p.field.empty())
        out += ": ";
    out += p.message;
    out += " [" + p.code + "]";
    return out;
}

std::string Report::toText() const {
    std::string out;
    for (const Problem& p : problems_)
        out += describe(p) + "\n";
    for (const auto& [key, t] : tallies_)
        if (t.total > kDetailLimit)
            out += "... and " + std::to_string(t.total - kDetailLimit) + " more [" + key.second + "] in " +
                   key.first + "\n";
    out += "source: " + source + "\n";
    if (!analysisCrs.empty())
        out += "analysis CRS: " + analysisCrs + "\n";
    for (const auto& [layer, n] : featureCounts)
        out += "  " + layer + ": " + std::to_string(n) + " features\n";
    const std::size_t errors = count(Severity::Error), warnings = count(Severity::Warning);
    out += errors == 0 && warnings == 0
               ? std::string("no problems found\n")
               : std::to_string(errors) + " error(s), " + std::to_string(warnings) + " warning(s)\n";
    return out;
}

std::string Report::toJson() const {
    nlohmann::ordered_json j;
    j["source"] = source;
    j["analysis_crs"] = analysisCrs;
    j["feature_counts"] = featureCounts;
    j["errors"] = count(Severity::Error);
    j["warnings"] = count(Severity::Warning);
    auto& list = j["problems"] = nlohmann::ordered_json::array();
    for (const Problem& p : problems_) {
        nlohmann::ordered_json item;
        item["severity"] = p.severity == Severity::Error ? "error" : "warning";
        item["code"] = p.code;
        item["layer"] = p.layer;
        item["fid"] = p.fid ? nlohmann::ordered_json(*p.fid) : nlohmann::ordered_json();
        item["feature_id"] = p.featureId;
        item["field"] = p.field;
        item["message"] = p.message;
        list.push_back(std::move(item));
    }
    auto& totals = j["totals_by_code"] = nlohmann::ordered_json::array();
    for (const auto& [key, t] : tallies_)
        totals.push_back({{"layer", key.first}, {"code", key.second}, {"count", t.total}});
    return j.dump(2);
}

} // namespace firebeat
