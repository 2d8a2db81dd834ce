// District design (docs/districts.md): K contiguous districts of building blocks (villages or any
// polygons) with balanced workloads. Balance first (the largest deviation from the mean workload,
// then the sum of squared deviations), compactness second (moment of inertia), every district
// connected under queen contiguity, optional stations anchoring their own district and an
// optional maximum distance from a district's station. Seeded region growing, then local search
// moving boundary blocks (descent, a tabu phase on the worst district, a compactness phase),
// repeated from several seeds; deterministic for a seed whatever the number of threads.
#pragma once

#include "firebeat/geometry.h"
#include "firebeat/job.h"
#include "firebeat/progress.h"
#include "firebeat/spatial_weights.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace firebeat {

// The job's declaration, shared by `firebeat districts` and `firebeat:districtdesign`.
const JobSpec& districtsJob();

// An anchor of a district: a police station (or any point).
struct DistrictStation {
    std::string id;
    Point position;
};

struct DistrictDesignOptions {
    std::optional<int> zones;          // K; or
    std::optional<double> targetHours; // as many districts as ceil(total / targetHours)
    std::uint64_t seed = 1;
    // Straight-line metres from a district's station to a block's centroid; needs stations.
    std::optional<double> maxTravelM;
    int restarts = 0;       // constructions tried; 0: chosen from the number of blocks (docs/districts.md)
    int threads = 0;        // 0: the machine's; the result does not depend on it
    double tolerance = 0.1; // contiguity snapping, metres (spatial_weights.h)
    double capacityHoursPerPerson = 1200; // officers needed = workload / capacity
};

namespace district_flags {
inline constexpr std::uint32_t kNoNeighbour = 1u << 0;  // island: joined to the nearest block
inline constexpr std::uint32_t kDetached = 1u << 1;     // in a group of blocks cut off from the rest
inline constexpr std::uint32_t kBeyondTravel = 1u << 2; // farther from its station than allowed
inline constexpr std::uint32_t kStationBlock = 1u << 3; // holds its district's station
} // namespace district_flags
// "no_neighbour,detached,..." for a flag set.
std::string describeDistrictFlags(std::uint32_t flags);

struct DesignedDistrict {
    int district = 0; // 1..K
    double workload = 0;
    std::size_t blocks = 0;
    double areaKm2 = 0;
    double officersNeeded = 0; // workload / capacity hours per person
    int officersNeededCeil = 0;
    double polsbyPopper = 0;      // 4 pi A / P^2 of the dissolved district (1 = disc)
    double momentCompactness = 0; // A^2 / (2 pi I) over the blocks' centroids (1 = disc)
    std::string station;          // the anchoring station's id, if any
    Polygon geometry;             // the dissolved blocks
};

struct DistrictDesign {
    std::vector<int> district;        // per block, 1..K
    std::vector<std::uint32_t> flags; // per block, district_flags
    std::vector<DesignedDistrict> districts;
    int zones = 0;
    double meanWorkload = 0;
    double largestWorkload = 0, smallestWorkload = 0;
    double largestDeviation = 0; // max |W - mean|, hours
    double cv = 0;               // population standard deviation / mean
    // A lower bound on largestDeviation any contiguous or not partition can reach, and why.
    double deviationLowerBound = 0;
    std::string boundReason;
    bool withinTenPercent = false;     // largestDeviation <= 10 % of the mean
    bool tenPercentImpossible = false; // proven by the bound
    std::vector<std::string> notes;
};

// Designs districts over `blocks` (ids unique, valid polygons in a metric CRS) with
// workloads[i] >= 0 for block i. Throws InputError for K < 1 or more than the blocks, a negative
// or non-finite workload, all workloads 0, a station outside every block or two in one block,
// fewer districts than stations, a maximum travel without stations; Cancelled when cancelled.
DistrictDesign designDistricts(const std::vector<Area>& blocks, const std::vector<double>& workloads,
                               const std::vector<DistrictStation>& stations,
                               const DistrictDesignOptions& options, Progress* progress = nullptr);

// The lower bound of DistrictDesign::deviationLowerBound for K districts: the largest block
// alone, and pigeonhole (of the jK + 1 largest blocks, j + 1 share a district).
double deviationLowerBound(const std::vector<double>& workloads, int zones, std::string* reason = nullptr);

// A current district layout for the comparison: each block goes to the district holding a point
// on its surface; blocks outside every district are left out (counted in `unassigned`).
struct DistrictLayoutSummary {
    std::string label; // "current", "proposed"
    int districts = 0;
    double largestWorkload = 0, smallestWorkload = 0, meanWorkload = 0;
    double largestDeviationPct = 0, cv = 0, meanPolsbyPopper = 0;
    std::size_t unassigned = 0;
};
DistrictLayoutSummary summariseCurrentDistricts(const std::vector<Area>& blocks,
                                                const std::vector<double>& workloads,
                                                const std::vector<Area>& currentDistricts);
DistrictLayoutSummary summariseDesign(const DistrictDesign& design);

// ---- The job: reading a source, computing workloads, writing the GeoPackage ----

using BlockValue = std::variant<std::monostate, std::int64_t, double, std::string>;
enum class BlockFieldType { Integer, Real, Text };

// A polygon layer read as it is: every attribute field under its own name.
struct BlockLayer {
    std::string layerName;
    std::vector<std::string> fieldNames;
    std::vector<BlockFieldType> fieldTypes;
    std::vector<Area> blocks;                    // id: the id field's value, else the feature id
    std::vector<std::vector<BlockValue>> values; // per block, per field
    std::vector<std::int64_t> fids;
};

struct DistrictJobResult {
    BlockLayer blocks;
    std::vector<double> workloads;
    std::string workloadDescription; // "sizing model: ..." or "field F"
    std::vector<DistrictStation> stations;
    DistrictDesign design;
    std::optional<DistrictLayoutSummary> current;
    DistrictLayoutSummary proposed;
    std::string crs;
};

// designFromSource() runs the job declared by districtsJob() on an OGR source (reads, designs; writes
// nothing). Where the job reads: an OGR source (a file, PG:"...", a /vsimem/ copy of QGIS features), the
// source's layer for an input key ("villages", "stations", "districts", ...; keys left out take
// the data model's default name, and the stations are read only when named), the metric CRS to
// work in (empty: the Gauss-Krüger/UTM zone of the blocks' centre).
struct DistrictsInput {
    std::string source;
    std::map<std::string, std::string> layers;
    std::string analysisCrs;
};
DistrictJobResult designFromSource(const DistrictsInput& input, const JobParameters& parameters,
                                   Progress* progress = nullptr);
// designFromSource() on the layers a front end found (JobSource), then the GeoPackage output.
DistrictJobResult runDistrictsJob(const JobSource& source, const JobParameters& parameters,
                                  Progress* progress = nullptr);

// Writes district_design_blocks, district_design and district_design_summary into a GeoPackage,
// under a temporary name renamed at the end.
void writeDistrictDesign(const std::string& path, const DistrictJobResult& result);

} // namespace firebeat
