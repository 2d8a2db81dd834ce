// Emerging hot spots (docs/emerging.md): a space-time cube of event counts per location and
// China Standard Time month, space-time Getis-Ord Gi* over the whole cube, Benjamini-Hochberg
// FDR over all bins, a Mann-Kendall trend per location and the 17 patterns (new, consecutive,
// intensifying, persistent, diminishing, sporadic, oscillating, historical hot/cold spots).
#pragma once

#include "firebeat/filters.h"
#include "firebeat/job.h"
#include "firebeat/progress.h"
#include "firebeat/spatial_weights.h"
#include "firebeat/time.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace firebeat {

// ---- The statistics, each usable on its own (and tested so) ----

// Two values closer than this are equal for the trend test (ties).
inline constexpr double kEmergingTieTolerance = 1e-9;

// Space-time Gi* of every bin of an N x T cube (x[i * T + t]): the neighbourhood of (i, t) is
// {i} and its spatial neighbours at months max(0, t - k) ... t, binary weights, self included;
// mean and population SD over all n = N T bins. z is nullopt where the denominator is 0.
// Throws InputError when all counts are equal (S = 0).
struct SpaceTimeGi {
    std::vector<std::optional<double>> z;
    std::vector<std::optional<double>> p; // two-sided
};
SpaceTimeGi spaceTimeGiStar(std::span<const double> counts, std::size_t months, const SpatialWeights& weights,
                            int neighbourhoodSteps, Progress* progress = nullptr);

// Benjamini-Hochberg over all bins at once (m = p.size(), a null p counts in m and is never
// significant): +1 hot (z > 0), -1 cold (z < 0), 0 not significant. z and p are not adjusted.
std::vector<std::int8_t> fdrBinClasses(std::span<const std::optional<double>> z,
                                       std::span<const std::optional<double>> p, double alpha = 0.10);

// A bin's class as the outputs spell it: "hot", "cold" or "none".
inline std::string_view binClassName(std::int8_t binClass) {
    return binClass > 0 ? "hot" : binClass < 0 ? "cold" : "none";
}

// Mann-Kendall on one series in time order, ties within kEmergingTieTolerance, continuity
// corrected: z = (S - 1)/sqrt(Var) for S > 0, (S + 1)/sqrt(Var) for S < 0, else 0.
struct MannKendall {
    double s = 0;
    double variance = 0;
    double z = 0;
    double p = 1; // two-sided
};
MannKendall mannKendall(std::span<const double> series);

enum class EmergingPattern : int {
    NoPattern = 0,
    NewHot = 1,
    ConsecutiveHot = 2,
    IntensifyingHot = 3,
    PersistentHot = 4,
    DiminishingHot = 5,
    SporadicHot = 6,
    OscillatingHot = 7,
    HistoricalHot = 8,
    NewCold = -1,
    ConsecutiveCold = -2,
    IntensifyingCold = -3,
    PersistentCold = -4,
    DiminishingCold = -5,
    SporadicCold = -6,
    OscillatingCold = -7,
    HistoricalCold = -8,
};
// "New Hot Spot", ..., "No Pattern Detected" (the output's `pattern`).
std::string_view patternName(EmergingPattern pattern);
inline int patternCode(EmergingPattern pattern) {
    return static_cast<int>(pattern);
}

struct LocationClass {
    EmergingPattern pattern = EmergingPattern::NoPattern;
    MannKendall trend;
    int hot = 0;  // nH: hot bins over all months
    int cold = 0; // nC
};

// The rules of one location: its Gi* z series in time order (a null z counts as 0 in the trend)
// and its bins' classes (+1 hot, -1 cold, 0). The last element is the final month.
// trendAlpha: the trend is up or down when its p <= trendAlpha.
LocationClass classifyLocation(std::span<const std::optional<double>> z, std::span<const std::int8_t> bins,
                               double trendAlpha = 0.10);

// ---- CST calendar months ----

// Months since January 1970 of the instant in China Standard Time (2026-03 -> 56 * 12 + 2).
int cstMonthIndex(Timestamp t);
// "2026-03".
std::string monthLabel(int monthIndex);

// ---- The whole analysis ----

struct EmergingEvent {
    std::int64_t fid = -1;
    Point position;
    // nullopt: an empty stamp (ignored and counted).
    std::optional<Timestamp> time;
};

// Input attribute values copied to the output under their own names.
enum class AttributeType { Integer, Real, Text };
using AttributeValue = std::variant<std::monostate, std::int64_t, double, std::string>;
struct AttributeField {
    std::string name;
    AttributeType type = AttributeType::Text;
};

struct EmergingInput {
    std::string crs; // of every geometry below (metric)
    std::string locationsLayer = "villages";
    std::string eventsLayer = "hazards";
    std::vector<Area> locations;                         // ids unique
    std::vector<AttributeField> fields;                  // the locations' attributes...
    std::vector<std::vector<AttributeValue>> attributes; // ...one row per location
    std::vector<EmergingEvent> events;                   // already through the filters
    std::size_t emptyStamps = 0;                         // events without a time, left out
    std::size_t filteredOut = 0;                         // events the hazard filters rejected
};

struct EmergingOptions {
    Timestamp reference = 0;    // the cube ends with this instant's CST month
    int neighbourhoodSteps = 1; // k
    double binAlpha = 0.10;     // FDR level of the bins
    double trendAlpha = 0.10;
    WeightsOptions weights; // queen contiguity
};

struct EmergingRow {
    LocationClass cls;
    std::optional<double> finalZ;
    std::size_t neighbours = 0; // spatial, self excluded; 0: an island, flagged
};

struct EmergingResult {
    std::vector<std::size_t> order; // rows[r] is input.locations[order[r]] (sorted by id)
    std::vector<EmergingRow> rows;
    int firstMonth = 0; // cstMonthIndex of month 0
    std::size_t months = 0;
    // Per bin, row-major by location (in `order`) then month.
    std::vector<std::uint32_t> counts;
    SpaceTimeGi gi;
    std::vector<std::int8_t> binClass;
    SpatialWeights weights;
    std::vector<std::string> islands; // ids of locations without a spatial neighbour
    std::size_t eventsUsed = 0, outsideLocations = 0, afterReference = 0;
    std::vector<std::string> notes; // the summary for the log
};

// Throws InputError for no locations, duplicate ids, invalid polygons, a reference date before
// every event, fewer than two months, all counts equal; Cancelled when cancelled.
EmergingResult analyseEmerging(const EmergingInput& input, const EmergingOptions& options,
                               Progress* progress = nullptr);

// ---- The job: options declared once for every front end ----

// Inputs "villages" (any polygon layer; option id-field) and "events" (any point layer, the
// hazards by default; option time-field); options reference-date, neighbourhood-steps and the hazard filters.
const JobSpec& emergingJob();

// Options read from the parameters (reference date required, filters checked).
EmergingOptions emergingOptions(const JobParameters& parameters);

// One event as a front end reads it, before the rules on stamps and the hazard filters.
struct RawEvent {
    std::int64_t fid = -1;
    Point position;                // in the input's (analysis) CRS
    std::optional<Timestamp> time; // from a date/date-time field...
    std::string timeText;          // ...or its text (empty: no stamp)
    int severity = 1;
    std::string category, source;       // codes, empty when absent
    std::optional<Timestamp> rectified; // set: rectified then
};

// Which of the hazard fields the events layer has (the filters that need a missing one fail).
struct EventFields {
    bool severity = false, category = false, rectifiedAt = false, source = false;
};

// The rules every front end applies to the events it reads: an empty stamp is counted and left
// out, an unparseable one is collected and reported with the feature ids by finish(), the
// hazard filters decide the rest.
class EmergingEventRules {
  public:
    // Throws InputError when a filter needs a field the layer lacks.
    EmergingEventRules(const JobParameters& parameters, const EventFields& fields, std::string layer);
    void add(const RawEvent& event, EmergingInput& input);
    // Throws InputError naming the features whose time could not be read.
    void finish() const;

  private:
    HazardFilter filter_;
    std::string layer_, timeField_;
    std::vector<std::int64_t> unparseable_;
};

// Reads the two layers of an OGR data source, source.name, with the parameters' id-field,
// time-field and hazard filters, as source.read says: the layers named as its mapping names the
// data model's villages and hazards ("villages", "hazards" unless mapped), the hazard fields the
// filters read and found_at (when no time-field is given) through its field mapping, the points
// taken from GCJ-02 when it says so (they must be longitude/latitude), into its analysis CRS when
// set, else the polygons' own CRS when projected, else their Gauss-Kruger/UTM zone. Throws
// InputError naming the layer, field or feature (an unparseable time names the features' ids).
EmergingInput readEmergingInput(const JobSource& source, const JobParameters& parameters,
                                Progress* progress = nullptr);

// The data model's villages (id: village_id; attributes village_id, name, district_id, kind,
// population) and the hazards `filter` accepts (time: found_at) of a data set already read, in its
// CRS: the input the server's emerging_hotspots layer analyses.
EmergingInput emergingInputFrom(const Dataset& data, const HazardFilter& filter = {});

// The instant the server's cube ends with: the latest hazard found (0 when there is none).
Timestamp latestHazard(const Dataset& data);

struct EmergingJobResult : AnalysisRun {
    EmergingInput input;
    EmergingResult result;
};

// The job as both front ends run it: the source's villages and events layers (their names from
// the source's mapping, the analysis CRS from its read options), the analysis and the
// GeoPackage output (written under a temporary name, renamed at the end).
EmergingJobResult runEmergingJob(const JobSource& source, const JobParameters& parameters,
                                 Progress* progress = nullptr);

} // namespace firebeat
