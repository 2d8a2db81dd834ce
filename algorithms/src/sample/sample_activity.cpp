// The scaled part of the sample: units in the villages, a year of inspections by the district's
// officers, and the hazards they found plus those reported to the 96119 hotline.
#include "sample/sample_internal.h"

#include <algorithm>
#include <array>

namespace firebeat {
namespace {

using detail::Random;

enum Stream : std::uint64_t {
    UnitStream = 11,
    InspectionStream,
    HazardStream,
    HotlineStream,
    EmergingStream
};

constexpr double kUnitsAtScaleOne = 3000;
constexpr double kHotlineShare = 0.05;
constexpr double kMissingDistrictId = 0.05;
constexpr double kExplicitInterval = 0.12;
constexpr double kNeverInspected = 0.05;
constexpr double kGpsErrorMetres = 5;
constexpr double kHazardOffsetMetres = 3;
// Points keep this far inside the study area: its straight edges in lon/lat bow by up to a
// metre in a projected CRS, which must not throw a point out of every district.
constexpr double kEdgeMarginMetres = 5;

std::size_t index(UnitCategory c) {
    return static_cast<std::size_t>(c);
}

// Units by village kind (urban village, community, rural village): relative count and the
// shares of key_unit, small_venue, three_in_one, residential_property, other.
constexpr std::array<double, 3> kUnitsPerVillage = {34, 20, 7};
constexpr std::array<std::array<double, kUnitCategoryCount>, 3> kCategoryShares = {{
    {0.010, 0.40, 0.32, 0.07, 0.200},
    {0.025, 0.42, 0.06, 0.30, 0.195},
    {0.010, 0.35, 0.15, 0.05, 0.440},
}};
// By unit category: inspections a year, and the chance that an inspection finds hazards.
constexpr std::array<double, kUnitCategoryCount> kVisitsPerYear = {14, 10.5, 11.5, 6, 4.5};
constexpr std::array<double, kUnitCategoryCount> kHazardChance = {0.25, 0.35, 0.55, 0.30, 0.25};
// Hazard categories (in HazardCategory order) found in each unit category.
using HazardWeights = std::array<double, kHazardCategoryCount>;
constexpr std::array<HazardWeights, kUnitCategoryCount> kHazardCategoryWeights = {{
    {10, 6, 5, 6, 10, 14, 8, 8, 4, 1, 4, 3, 16, 5},
    {14, 2, 2, 16, 8, 3, 3, 18, 8, 6, 5, 5, 6, 4},
    {10, 2, 1, 10, 5, 2, 8, 16, 12, 20, 4, 10, 3, 3},
    {8, 16, 10, 6, 8, 10, 4, 6, 20, 1, 2, 3, 4, 2},
    {10, 6, 4, 12, 6, 6, 4, 14, 6, 2, 10, 10, 6, 4},
}};
constexpr std::array<double, 3> kSeverityShares = {0.74, 0.23, 0.03};
constexpr std::array<int, 4> kExplicitIntervals = {30, 60, 90, 180};

// A hazard and the index of its unit, for ordering.
struct UnitHazard {
    std::uint32_t unit;
    Hazard hazard;
    friend bool operator<(const UnitHazard& a, const UnitHazard& b) {
        return a.unit != b.unit ? a.unit < b.unit : a.hazard.foundAt < b.hazard.foundAt;
    }
};

// A visit before it becomes an Inspection.
struct Visit {
    Timestamp time;
    std::uint32_t order; // creation order, the tie-break
    std::uint32_t unit;
    std::uint32_t officer;
    Outcome outcome;
    int hazards;
    Point position;
};

class ActivityGenerator {
  public:
    ActivityGenerator(detail::SampleGeography& geo, const SampleOptions& options, Progress* progress,
                      double from)
        : geo_(geo), data_(geo.data), options_(options), progress_(progress), from_(from),
          start_(sampleWindowStart()), end_(sampleWindowEnd()) {}

    void run() {
        generateUnits();
        generateInspections();
        generateHazards();
    }

  private:
    void report(double fraction, std::string_view stage) {
        throwIfCancelled(progress_);
        if (progress_)
            progress_->report(from_ + (1 - from_) * fraction, stage);
    }

    std::size_t villageKindIndex(std::size_t village) const {
        return static_cast<std::size_t>(data_.villages[village].kind);
    }

    void generateUnits() {
        Random rng(options_.seed, UnitStream);
        std::vector<double> weights;
        double total = 0;
        for (std::size_t v = 0; v < data_.villages.size(); ++v) {
            weights.push_back(kUnitsPerVillage[villageKindIndex(v)] * rng.uniform(0.6, 1.4));
            total += weights.back();
        }
        const double units = kUnitsAtScaleOne * options_.scale;
        for (std::size_t v = 0; v < data_.villages.size(); ++v) {
            report(0.1 * static_cast<double>(v) / static_cast<double>(data_.villages.size()),
                   "sample: units");
            const auto count = static_cast<std::size_t>(std::floor(units * weights[v] / total + 0.5));
            villageUnits_.emplace_back(data_.units.size(), count);
            const District& district = data_.districts[geo_.villageDistrict[v]];
            for (std::size_t i = 0; i < count; ++i) {
                Unit unit;
                unit.id = detail::sampleId('U', data_.units.size() + 1, 6);
                unit.category = static_cast<UnitCategory>(rng.weighted(kCategoryShares[villageKindIndex(v)]));
                unit.name = detail::sampleUnitName(rng, unit.category);
                if (!rng.chance(kMissingDistrictId))
                    unit.districtId = district.id;
                if (rng.chance(kExplicitInterval))
                    unit.inspectEveryDays =
                        unit.category == UnitCategory::KeyUnit ? 30 : rng.choice(kExplicitIntervals);
                do
                    unit.position = detail::randomPointIn(rng, geo_.villagePrepared[v].get(),
                                                          data_.villages[v].geometry.envelope);
                while (detail::metresToStudyAreaEdge(unit.position) < kEdgeMarginMetres);
                unitNearEdge_.push_back(detail::metresToStudyAreaEdge(unit.position) < 10 * kGpsErrorMetres);
                data_.units.push_back(std::move(unit));
                unitVillage_.push_back(v);
            }
        }
    }

    // A GPS fix or hazard position near a unit; near the study area's edge it is drawn again
    // until it falls inside, so that it stays within the districts.
    Point near(Random& rng, std::size_t unit, double sdMetres) const {
        const Point at = data_.units[unit].position;
        for (int attempt = 0;; ++attempt) {
            const Point p = detail::offsetMetres(at, rng.normal(0, sdMetres), rng.normal(0, sdMetres));
            if (!unitNearEdge_[unit] ||
                (detail::insideStudyArea(p) && detail::metresToStudyAreaEdge(p) > kEdgeMarginMetres / 2))
                return p;
            if (attempt == 20)
                return at;
        }
    }

    // A working-day time (08:30-17:30 CST) on the day-th day of the window.
    Timestamp workingTime(Random& rng, std::int64_t day) const {
        const std::int64_t weekday = day % 7; // the window starts on a Monday
        if (weekday == 5)
            day -= 1;
        else if (weekday == 6)
            day = day + 1 < kSampleWindowDays ? day + 1 : day - 2;
        return start_ + day * kSecondsPerDay + 8 * 3600 + 1800 + static_cast<Timestamp>(rng.below(9 * 3600));
    }

    // `count` visits to unit u spread over the window, by the officers of its district.
    void addVisits(Random& rng, std::size_t u, int count, std::vector<Visit>& visits) const {
        const Unit& unit = data_.units[u];
        const std::size_t v = unitVillage_[u];
        const std::size_t d = geo_.villageDistrict[v];
        const std::size_t firstOfficer = geo_.districtFirstOfficer[d];
        const std::size_t officers = geo_.districtOfficerCount[d];
        const std::size_t primary = firstOfficer + rng.below(officers);
        const double factor = geo_.villageHazardFactor[v];
        for (int i = 0; i < count; ++i) {
            Visit visit;
            const auto day = static_cast<std::int64_t>(
                std::floor((i + rng.uniform(0.1, 0.9)) * kSampleWindowDays / count));
            visit.time = workingTime(rng, std::min<std::int64_t>(day, kSampleWindowDays - 1));
            visit.order = static_cast<std::uint32_t>(visits.size());
            visit.unit = static_cast<std::uint32_t>(u);
            visit.officer =
                static_cast<std::uint32_t>(rng.chance(0.7) ? primary : firstOfficer + rng.below(officers));
            visit.position = near(rng, u, kGpsErrorMetres);
            const double r = rng.uniform();
            visit.hazards = 0;
            if (r < 0.04) {
                visit.outcome = Outcome::Closed;
            } else if (r < 0.055) {
                visit.outcome = Outcome::Refused;
            } else if (rng.chance(std::min(0.95, kHazardChance[index(unit.category)] * factor))) {
                visit.outcome = Outcome::Hazards;
                visit.hazards = std::min(5, 1 + rng.poisson(0.7 * std::min(factor, 2.0)));
            } else {
                visit.outcome = Outcome::Pass;
            }
            visits.push_back(visit);
        }
    }

    void generateInspections() {
        Random rng(options_.seed, InspectionStream);
        std::vector<Visit> visits;
        std::vector<int> villageVisits(data_.villages.size());
        for (std::size_t u = 0; u < data_.units.size(); ++u) {
            if (u % 4096 == 0)
                report(0.1 + 0.4 * static_cast<double>(u) / static_cast<double>(data_.units.size()),
                       "sample: inspections");
            const std::size_t v = unitVillage_[u];
            double perYear = kVisitsPerYear[index(data_.units[u].category)] * rng.uniform(0.4, 1.6) *
                             geo_.districtInspectionRate[geo_.villageDistrict[v]];
            if (rng.chance(kNeverInspected) || geo_.villageBlindSpot[v])
                perYear = 0;
            const int count = rng.poisson(perYear * kSampleWindowDays / 365.0);
            addVisits(rng, u, count, visits);
            villageVisits[v] += count;
        }
        // Only the planted blind spots go the whole year without a visit.
        for (std::size_t v = 0; v < data_.villages.size(); ++v)
            if (!geo_.villageBlindSpot[v] && villageVisits[v] == 0 && villageUnits_[v].second > 0)
                addVisits(rng, villageUnits_[v].first, 1, visits);
        // Numbered by unit, then time: units are ordered village by village, so neighbouring
        // features share the pages of the file and a window query reads few of them.
        std::sort(visits.begin(), visits.end(), [](const Visit& a, const Visit& b) {
            return a.unit != b.unit   ? a.unit < b.unit
                   : a.time != b.time ? a.time < b.time
                                      : a.order < b.order;
        });
        report(0.5, "sample: inspections");
        data_.inspections.reserve(visits.size());
        for (const Visit& visit : visits) {
            Inspection inspection;
            inspection.id = detail::sampleId('I', data_.inspections.size() + 1, 7);
            inspection.unitId = data_.units[visit.unit].id;
            inspection.officerId = data_.officers[visit.officer].id;
            inspection.inspectedAt = visit.time;
            inspection.outcome = visit.outcome;
            inspection.position = visit.position;
            data_.inspections.push_back(std::move(inspection));
            visitUnit_.push_back(visit.unit);
            visitHazards_.push_back(visit.hazards);
        }
    }

    // A hazard of unit u found at `found`: category (not one in `taken`), severity, deadline,
    // rectification and position.
    Hazard makeHazard(Random& rng, std::uint32_t u, Timestamp found, HazardWeights& taken) const {
        const Unit& unit = data_.units[u];
        Hazard hazard;
        hazard.unitId = unit.id;
        hazard.foundAt = found;
        hazard.category = static_cast<HazardCategory>(rng.weighted(taken));
        taken[static_cast<std::size_t>(hazard.category)] = 0;
        hazard.severity = 1 + static_cast<int>(rng.weighted(kSeverityShares));
        const Timestamp dayStart = start_ + (found - start_) / kSecondsPerDay * kSecondsPerDay;
        if (hazard.severity > 1) { // an order to correct by a date, at 18:00
            const int days = hazard.severity == 3 ? (rng.chance(0.6) ? 30 : 60)
                             : rng.chance(0.3)    ? 7
                             : rng.chance(0.7)    ? 15
                                                  : 30;
            hazard.deadline = dayStart + days * kSecondsPerDay + 18 * 3600;
        }
        Timestamp rectified = 0;
        if (hazard.severity == 1) {
            rectified = rng.chance(0.85)
                            ? found + 600 + static_cast<Timestamp>(rng.below(6600))
                            : found + 3600 +
                                  static_cast<Timestamp>(std::floor(rng.exponential(3.0 * kSecondsPerDay)));
        } else {
            const double period = static_cast<double>(*hazard.deadline - found);
            rectified = found + static_cast<Timestamp>(
                                    std::floor(period * (hazard.severity == 2 ? rng.uniform(0.15, 1.25)
                                                                              : rng.uniform(0.3, 1.4))));
        }
        if (!rng.chance(0.04) && rectified < end_)
            hazard.rectifiedAt = rectified;
        hazard.position = near(rng, u, kHazardOffsetMetres);
        return hazard;
    }

    void generateHazards() {
        Random rng(options_.seed, HazardStream);
        std::vector<UnitHazard> found; // in inspection order: by unit, then time
        for (std::size_t i = 0; i < data_.inspections.size(); ++i) {
            if (i % 16384 == 0)
                report(0.5 + 0.35 * static_cast<double>(i) / static_cast<double>(data_.inspections.size()),
                       "sample: hazards");
            if (visitHazards_[i] == 0)
                continue;
            const std::uint32_t u = visitUnit_[i];
            HazardWeights weights = kHazardCategoryWeights[index(data_.units[u].category)];
            for (int h = 0; h < visitHazards_[i]; ++h) {
                found.push_back({u, makeHazard(rng, u, data_.inspections[i].inspectedAt, weights)});
                found.back().hazard.inspectionId = data_.inspections[i].id;
            }
        }
        std::vector<UnitHazard> hotline = hotlineHazards(found.size());
        if (options_.emergingPatterns) {
            std::vector<UnitHazard> planted = emergingHazards();
            hotline.insert(hotline.end(), planted.begin(), planted.end());
            std::stable_sort(hotline.begin(), hotline.end());
        }
        report(0.9, "sample: hazards");
        // Merge (inspection hazards first on a tie) and number them in that order.
        data_.hazards.reserve(found.size() + hotline.size());
        std::size_t a = 0, b = 0;
        while (a < found.size() || b < hotline.size()) {
            const bool takeFound = b == hotline.size() || (a < found.size() && !(hotline[b] < found[a]));
            Hazard hazard = std::move(takeFound ? found[a++].hazard : hotline[b++].hazard);
            hazard.id = detail::sampleId('H', data_.hazards.size() + 1, 7);
            data_.hazards.push_back(std::move(hazard));
        }
    }

    // Hotline reports (any day, 07:00-22:00), kHotlineShare of all hazards, at units drawn by
    // how likely they are to have hazards.
    std::vector<UnitHazard> hotlineHazards(std::size_t inspectionHazards) const {
        Random rng(options_.seed, HotlineStream);
        std::vector<double> cumulative;
        double total = 0;
        for (std::size_t u = 0; u < data_.units.size(); ++u) {
            total +=
                kHazardChance[index(data_.units[u].category)] * geo_.villageHazardFactor[unitVillage_[u]];
            cumulative.push_back(total);
        }
        const auto count = static_cast<std::size_t>(
            std::floor(static_cast<double>(inspectionHazards) * kHotlineShare / (1 - kHotlineShare) + 0.5));
        std::vector<UnitHazard> hazards;
        if (cumulative.empty())
            return hazards;
        for (std::size_t i = 0; i < count; ++i) {
            const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), rng.uniform() * total);
            const auto u = static_cast<std::uint32_t>(std::min<std::ptrdiff_t>(
                it - cumulative.begin(), static_cast<std::ptrdiff_t>(cumulative.size()) - 1));
            const Timestamp time = start_ +
                                   static_cast<Timestamp>(rng.below(kSampleWindowDays)) * kSecondsPerDay +
                                   7 * 3600 + static_cast<Timestamp>(rng.below(15 * 3600));
            HazardWeights weights = kHazardCategoryWeights[index(data_.units[u].category)];
            hazards.push_back({u, makeHazard(rng, u, time, weights)});
            hazards.back().hazard.source = HazardSource::Hotline96119;
        }
        std::stable_sort(hazards.begin(), hazards.end());
        return hazards;
    }

    // Reports per village of a planted cluster in each month of the window (Dec 2025 = 0 ..
    // Nov 2026 = 11), at scale 1: a new hot spot (only the last month), an intensifying one
    // (rising every month) and one a campaign stopped (high until September, none after).
    static int emergingReports(std::size_t pattern, int month) {
        switch (pattern) {
        case 0:
            return month == 11 ? kEmergingNewReports : 0;
        case 1:
            return kEmergingRiseFrom + kEmergingRiseStep * month;
        default:
            return month <= 9 ? kEmergingCampaignReports : 0;
        }
    }
    static constexpr int kEmergingNewReports = 30, kEmergingRiseFrom = 8, kEmergingRiseStep = 3,
                         kEmergingCampaignReports = 20;

    // Hotline reports at random units of each planted cluster's villages, month by month.
    std::vector<UnitHazard> emergingHazards() const {
        Random rng(options_.seed, EmergingStream);
        std::vector<UnitHazard> hazards;
        for (std::size_t pattern = 0; pattern < geo_.emergingClusters.size(); ++pattern)
            for (std::size_t v : geo_.emergingClusters[pattern]) {
                const auto [first, count] = villageUnits_[v];
                if (count == 0)
                    continue;
                for (int month = 0; month < 12; ++month) {
                    const int year = month == 0 ? 2025 : 2026, calendarMonth = month == 0 ? 12 : month;
                    const Timestamp monthStart = makeTimestamp(year, calendarMonth, 1);
                    const auto reports =
                        static_cast<int>(std::floor(emergingReports(pattern, month) * options_.scale + 0.5));
                    for (int r = 0; r < reports; ++r) {
                        const auto u = static_cast<std::uint32_t>(first + rng.below(count));
                        // Days 1-28 at 07:00-22:00: inside the month and the window.
                        const Timestamp time = monthStart +
                                               static_cast<Timestamp>(rng.below(28)) * kSecondsPerDay +
                                               7 * 3600 + static_cast<Timestamp>(rng.below(15 * 3600));
                        HazardWeights weights = kHazardCategoryWeights[index(data_.units[u].category)];
                        hazards.push_back({u, makeHazard(rng, u, time, weights)});
                        hazards.back().hazard.source = HazardSource::Hotline96119;
                    }
                }
            }
        return hazards;
    }

    detail::SampleGeography& geo_;
    Dataset& data_;
    const SampleOptions& options_;
    Progress* progress_;
    double from_;
    Timestamp start_, end_;
    std::vector<std::size_t> unitVillage_;
    std::vector<std::pair<std::size_t, std::size_t>> villageUnits_; // (first unit, count)
    std::vector<bool> unitNearEdge_;       // within reach of GPS noise of the study area's edge
    std::vector<std::uint32_t> visitUnit_; // per inspection
    std::vector<int> visitHazards_;        // per inspection
};

} // namespace

void detail::generateSampleActivity(SampleGeography& geo, const SampleOptions& options, Progress* progress,
                                    double from) {
    ActivityGenerator(geo, options, progress, from).run();
}

} // namespace firebeat
