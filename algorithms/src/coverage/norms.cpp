#include "firebeat/norms.h"

#include "firebeat/progress.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>
#include <utility>
#include <vector>

namespace firebeat {
namespace {

using nlohmann::json;

// Walks a norms document, naming the source and the dotted key path in every error.
class NormsReader {
  public:
    explicit NormsReader(std::string_view source) : source_(source) {}

    using Handler = std::function<void(const json&, const std::string&)>;
    using Fields = std::vector<std::pair<std::string, Handler>>;

    // Dispatches every key of the object at `path` to its handler; unknown keys are errors so a
    // misspelt key never silently leaves a default in place.
    void object(const json& value, const std::string& path, const Fields& fields) const {
        if (!value.is_object())
            fail(path, "must be an object");
        for (const auto& [key, item] : value.items()) {
            const auto it =
                std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == key; });
            if (it == fields.end()) {
                std::string expected;
                for (const auto& f : fields)
                    expected += (expected.empty() ? "" : ", ") + f.first;
                fail(join(path, key), "is not a known key (expected one of: " + expected + ")");
            }
            it->second(item, join(path, key));
        }
    }

    // A number >= min (or > min when `exclusive`).
    double number(const json& value, const std::string& path, double min, bool exclusive) const {
        if (!value.is_number())
            fail(path, "must be a number, not " + value.dump());
        const double v = value.get<double>();
        if (!std::isfinite(v) || v < min || (exclusive && v == min))
            fail(path, "must be " + std::string(exclusive ? "greater than " : "at least ") + format(min) +
                           ", not " + value.dump());
        return v;
    }
    double fraction(const json& value, const std::string& path) const {
        const double v = number(value, path, 0, false);
        if (v > 1)
            fail(path, "must be between 0 and 1, not " + value.dump());
        return v;
    }
    int positiveInteger(const json& value, const std::string& path) const {
        if (!value.is_number_integer() || value.get<long long>() < 1 || value.get<long long>() > 1000000)
            fail(path, "must be a whole number from 1 to 1000000, not " + value.dump());
        return value.get<int>();
    }

    [[noreturn]] void fail(const std::string& path, const std::string& what) const {
        throw InputError(source_ + ": " + (path.empty() ? "the document" : path) + " " + what);
    }

  private:
    static std::string join(const std::string& path, const std::string& key) {
        return path.empty() ? key : path + "." + key;
    }
    static std::string format(double v) {
        std::ostringstream s;
        s << v;
        return s.str();
    }
    std::string source_;
};

NormsReader::Fields categoryFields(const NormsReader& r, CategoryNorm& n) {
    return {
        {"inspect_every_days",
         [&](const json& v, const std::string& p) { n.inspectEveryDays = r.positiveInteger(v, p); }},
        {"visits_per_year",
         [&](const json& v, const std::string& p) { n.visitsPerYear = r.number(v, p, 0, false); }},
        {"minutes_per_visit",
         [&](const json& v, const std::string& p) { n.minutesPerVisit = r.number(v, p, 0, false); }},
    };
}

NormsReader::Fields travelFields(const NormsReader& r, TravelNorms& t) {
    NormsReader::Fields minutes;
    for (StationKind k :
         {StationKind::Standard, StationKind::Small, StationKind::Micro, StationKind::Township})
        minutes.emplace_back(std::string(code(k)), [&r, &t, k](const json& v, const std::string& p) {
            t.reachMinutes[static_cast<std::size_t>(k)] = r.number(v, p, 0, false);
        });
    return {
        {"speed_kmh", [&](const json& v, const std::string& p) { t.speedKmh = r.number(v, p, 0, true); }},
        {"detour_factor",
         [&](const json& v, const std::string& p) { t.detourFactor = r.number(v, p, 1, false); }},
        {"reach_minutes", [&r, minutes](const json& v, const std::string& p) { r.object(v, p, minutes); }},
    };
}

NormsReader::Fields staffingFields(const NormsReader& r, StaffingNorms& s) {
    return {
        {"units_per_officer_urban",
         [&](const json& v, const std::string& p) { s.unitsPerOfficerUrban = r.positiveInteger(v, p); }},
        {"units_per_officer_township",
         [&](const json& v, const std::string& p) { s.unitsPerOfficerTownship = r.positiveInteger(v, p); }},
        {"capacity_hours_per_person",
         [&](const json& v, const std::string& p) { s.capacityHoursPerPerson = r.number(v, p, 0, true); }},
    };
}

NormsReader::Fields weightFields(const NormsReader& r, GapWeights& w) {
    const auto weight = [&r](double& target) {
        return [&r, &target](const json& v, const std::string& p) { target = r.number(v, p, 0, false); };
    };
    return {
        {"uncovered", weight(w.uncovered)},
        {"overdue", weight(w.overdue)},
        {"overdue_rectifications", weight(w.overdueRectifications)},
        {"staffing", weight(w.staffing)},
        {"out_of_reach", weight(w.outOfReach)},
        {"blind_spots", weight(w.blindSpots)},
    };
}

} // namespace

Norms parseNorms(std::string_view text, std::string_view sourceName) {
    const NormsReader r(sourceName);
    json doc;
    try {
        doc = json::parse(text, nullptr, true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        r.fail("", std::string("is not valid JSON: ") + e.what());
    }

    Norms n;
    NormsReader::Fields categories;
    for (int i = 0; i < kUnitCategoryCount; ++i) {
        const auto c = static_cast<UnitCategory>(i);
        categories.emplace_back(std::string(code(c)), [&r, &n, i](const json& v, const std::string& p) {
            r.object(v, p, categoryFields(r, n.categories[static_cast<std::size_t>(i)]));
        });
    }
    r.object(
        doc, "",
        {
            {"categories", [&](const json& v, const std::string& p) { r.object(v, p, categories); }},
            {"reinspection_share",
             [&](const json& v, const std::string& p) { n.reinspectionShare = r.fraction(v, p); }},
            {"travel",
             [&](const json& v, const std::string& p) { r.object(v, p, travelFields(r, n.travel)); }},
            {"staffing",
             [&](const json& v, const std::string& p) { r.object(v, p, staffingFields(r, n.staffing)); }},
            {"gap_weights",
             [&](const json& v, const std::string& p) { r.object(v, p, weightFields(r, n.gapWeights)); }},
        });

    const GapWeights& w = n.gapWeights;
    if (w.uncovered + w.overdue + w.overdueRectifications + w.staffing + w.outOfReach + w.blindSpots <= 0)
        r.fail("gap_weights", "must not all be 0");
    return n;
}

Norms loadNorms(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError("cannot read the norms file " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return parseNorms(text.str(), path);
}

} // namespace firebeat
