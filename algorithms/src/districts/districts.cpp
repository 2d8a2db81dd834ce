// designDistricts: checks, the block graph, the search, then the districts' figures and shapes.
#include "firebeat/districts.h"

#include "districts/districts_internal.h"
#include "firebeat/geos_support.h"
#include "firebeat/polygon_index.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <thread>
#include <unordered_map>

namespace firebeat {
namespace {

constexpr double kTenPercent = 0.10;

std::string hours(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

GeosGeometry parse(const Area& a) {
    GeosGeometry g = geosFromWkb(a.geometry.wkb);
    if (!g)
        throw InputError("block '" + a.id + "': the geometry cannot be read (" + lastGeosError() + ")");
    return g;
}

Point centroidOf(const Area& a) {
    GEOSContextHandle_t ctx = geosContext();
    const GeosGeometry g = parse(a);
    const GeosGeometry c(GEOSGetCentroid_r(ctx, g.get()));
    Point p;
    if (!c || GEOSGeomGetX_r(ctx, c.get(), &p.x) != 1 || GEOSGeomGetY_r(ctx, c.get(), &p.y) != 1)
        throw InputError("block '" + a.id + "': no centroid (" + lastGeosError() + ")");
    return p;
}

double areaOf(const GEOSGeometry* g) {
    double v = 0;
    GEOSArea_r(geosContext(), g, &v);
    return v;
}

double perimeterOf(const GEOSGeometry* g) {
    double v = 0;
    GEOSLength_r(geosContext(), g, &v);
    return v;
}

double polsbyPopper(const GEOSGeometry* g) {
    const double p = perimeterOf(g);
    return p > 0 ? 4 * std::numbers::pi * areaOf(g) / (p * p) : 0.0;
}

struct Spread {
    double largest = 0, smallest = 0, mean = 0, largestDeviation = 0, cv = 0;
};

Spread spreadOf(const std::vector<double>& w) {
    Spread s;
    if (w.empty())
        return s;
    s.largest = *std::max_element(w.begin(), w.end());
    s.smallest = *std::min_element(w.begin(), w.end());
    s.mean = std::accumulate(w.begin(), w.end(), 0.0) / static_cast<double>(w.size());
    double squares = 0;
    for (double v : w) {
        s.largestDeviation = std::max(s.largestDeviation, std::abs(v - s.mean));
        squares += (v - s.mean) * (v - s.mean);
    }
    s.cv = s.mean > 0 ? std::sqrt(squares / static_cast<double>(w.size())) / s.mean : 0.0;
    return s;
}

void checkInput(const std::vector<Area>& blocks, const std::vector<double>& workloads) {
    if (blocks.empty())
        throw InputError("there are no blocks to make districts of");
    if (workloads.size() != blocks.size())
        throw InputError("district design: " + std::to_string(workloads.size()) + " workloads for " +
                         std::to_string(blocks.size()) + " blocks");
    for (std::size_t i = 0; i < blocks.size(); ++i)
        if (!std::isfinite(workloads[i]) || workloads[i] < 0)
            throw InputError("block '" + blocks[i].id + "': the workload must be a finite number >= 0, not " +
                             std::to_string(workloads[i]));
    if (std::accumulate(workloads.begin(), workloads.end(), 0.0) <= 0)
        throw InputError("every block has a workload of 0: there is nothing to balance");
}

int zonesFor(const DistrictDesignOptions& o, double total, std::size_t blocks, std::size_t stations) {
    if (o.zones.has_value() == o.targetHours.has_value())
        throw InputError("give either the number of districts (zones) or a target workload (target-hours)");
    long long k = 0;
    if (o.zones) {
        k = *o.zones;
    } else {
        if (!(*o.targetHours > 0) || !std::isfinite(*o.targetHours))
            throw InputError("target-hours: expected a workload above 0 hours");
        k = static_cast<long long>(std::ceil(total / *o.targetHours - 1e-9));
        k = std::max<long long>({k, 1, static_cast<long long>(stations)});
    }
    if (k < 1)
        throw InputError("zones: expected at least 1 district, not " + std::to_string(k));
    if (static_cast<std::size_t>(k) > blocks)
        throw InputError("zones: " + std::to_string(k) +
                         " districts need at least as many blocks, but there are " + std::to_string(blocks));
    if (static_cast<std::size_t>(k) < stations)
        throw InputError("zones: " + std::to_string(k) + " districts cannot give each of the " +
                         std::to_string(stations) + " stations its own district");
    return static_cast<int>(k);
}

} // namespace

std::string describeDistrictFlags(std::uint32_t flags) {
    std::string text;
    const auto add = [&](std::uint32_t bit, const char* name) {
        if (flags & bit)
            text += (text.empty() ? "" : ",") + std::string(name);
    };
    add(district_flags::kNoNeighbour, "no_neighbour");
    add(district_flags::kDetached, "detached");
    add(district_flags::kBeyondTravel, "beyond_travel");
    add(district_flags::kStationBlock, "station");
    return text;
}

double deviationLowerBound(const std::vector<double>& workloads, int zones, std::string* reason) {
    std::vector<double> w = workloads;
    std::sort(w.begin(), w.end(), std::greater<>());
    const double mean = std::accumulate(w.begin(), w.end(), 0.0) / zones;
    double bound = 0;
    std::string why = "no bound above 0: the blocks are small enough for any balance";
    if (!w.empty() && w[0] - mean > bound) {
        bound = w[0] - mean;
        why = "the largest block alone has " + hours(w[0]) + " h against a mean of " + hours(mean) + " h";
    }
    // Of the jK + 1 largest blocks, some district holds j + 1: at least the j + 1 smallest of them.
    const auto k = static_cast<std::size_t>(zones);
    for (std::size_t j = 1; j * k + 1 <= w.size(); ++j) {
        const std::size_t m = j * k + 1;
        double sum = 0;
        for (std::size_t i = m - j - 1; i < m; ++i)
            sum += w[i];
        if (sum - mean > bound) {
            bound = sum - mean;
            why = "of the " + std::to_string(m) + " largest blocks one district holds " +
                  std::to_string(j + 1) + ", at least " + hours(sum) + " h against a mean of " + hours(mean) +
                  " h";
        }
    }
    // With as many districts as blocks each district is one block.
    if (w.size() == k && !w.empty() && mean - w.back() > bound) {
        bound = mean - w.back();
        why = "one block per district: the smallest has " + hours(w.back()) + " h against a mean of " +
              hours(mean) + " h";
    }
    if (reason)
        *reason = why;
    return bound;
}

DistrictDesign designDistricts(const std::vector<Area>& blocks, const std::vector<double>& workloads,
                               const std::vector<DistrictStation>& stations,
                               const DistrictDesignOptions& options, Progress* progress) {
    checkInput(blocks, workloads);
    const double total = std::accumulate(workloads.begin(), workloads.end(), 0.0);
    const int zones = zonesFor(options, total, blocks.size(), stations.size());
    if (options.maxTravelM && stations.empty())
        throw InputError("max-travel: a maximum travel distance needs the stations layer");
    if (options.maxTravelM && !(*options.maxTravelM > 0))
        throw InputError("max-travel: expected a distance above 0 metres");

    ProgressSlice graphStage(progress, 0, 0.1);
    graphStage.report(0, "Finding neighbouring blocks");
    WeightsOptions wo;
    wo.kind = WeightsKind::Queen;
    wo.tolerance = options.tolerance;
    const SpatialWeights weights = buildWeights(blocks, wo, &graphStage);
    const std::size_t n = blocks.size();
    std::vector<Point> centroids(n);
    std::vector<double> areas(n);
    Point origin{0, 0};
    for (std::size_t i = 0; i < n; ++i) {
        centroids[i] = centroidOf(blocks[i]);
        areas[i] = areaOf(parse(blocks[i]).get()) / 1e6;
        origin.x += centroids[i].x / static_cast<double>(n);
        origin.y += centroids[i].y / static_cast<double>(n);
    }
    const detail::BlockGraph graph = detail::connectedBlockGraph(weights, centroids);
    throwIfCancelled(progress);

    detail::SearchProblem problem;
    problem.graph = &graph;
    problem.workload = workloads;
    problem.area = areas;
    problem.zones = zones;
    problem.seed = options.seed;
    const auto km = [&](Point p) { return Point{(p.x - origin.x) / 1000, (p.y - origin.y) / 1000}; };
    for (const Point& c : centroids)
        problem.centroid.push_back(km(c));
    if (!stations.empty()) {
        const PolygonIndex index = PolygonIndex::of(blocks);
        std::unordered_map<std::uint32_t, std::string> taken;
        for (const DistrictStation& s : stations) {
            const auto b = index.locate(s.position);
            if (!b)
                throw InputError("station '" + s.id +
                                 "' lies outside every block: it cannot anchor a district");
            const auto block = static_cast<std::uint32_t>(*b);
            if (const auto it = taken.find(block); it != taken.end())
                throw InputError("stations '" + it->second + "' and '" + s.id + "' lie in the same block '" +
                                 blocks[block].id + "': each station needs a district of its own");
            taken.emplace(block, s.id);
            problem.stationBlock.push_back(block);
            problem.stationPosition.push_back(km(s.position));
        }
    }
    if (options.maxTravelM)
        problem.maxTravelKm = *options.maxTravelM / 1000;
    problem.restarts =
        options.restarts > 0
            ? options.restarts
            : static_cast<int>(std::clamp<std::size_t>(40000 / std::max<std::size_t>(n, 1), 2, 16));
    const int threads = options.threads > 0
                            ? options.threads
                            : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    ProgressSlice searchStage(progress, 0.1, 0.85);
    const detail::SearchResult found = detail::searchDistricts(problem, threads, &searchStage);

    DistrictDesign d;
    d.zones = zones;
    d.flags = graph.flags;
    d.district.resize(n);
    std::vector<double> w(static_cast<std::size_t>(zones), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        d.district[i] = found.district[i] + 1;
        w[static_cast<std::size_t>(found.district[i])] += workloads[i];
    }
    for (std::size_t s = 0; s < problem.stationBlock.size(); ++s)
        d.flags[problem.stationBlock[s]] |= district_flags::kStationBlock;
    if (problem.maxTravelKm)
        for (std::size_t i = 0; i < n; ++i) {
            const auto z = static_cast<std::size_t>(found.district[i]);
            if (z < problem.stationPosition.size()) {
                const Point c = problem.centroid[i], s = problem.stationPosition[z];
                if (std::hypot(c.x - s.x, c.y - s.y) > *problem.maxTravelKm)
                    d.flags[i] |= district_flags::kBeyondTravel;
            }
        }
    const Spread spread = spreadOf(w);
    d.meanWorkload = spread.mean;
    d.largestWorkload = spread.largest;
    d.smallestWorkload = spread.smallest;
    d.largestDeviation = spread.largestDeviation;
    d.cv = spread.cv;
    d.deviationLowerBound = deviationLowerBound(workloads, zones, &d.boundReason);
    d.withinTenPercent = d.largestDeviation <= kTenPercent * d.meanWorkload * (1 + 1e-12);
    d.tenPercentImpossible = d.deviationLowerBound > kTenPercent * d.meanWorkload;

    // Dissolve each district and measure it.
    ProgressSlice shapeStage(progress, 0.85, 1.0);
    GEOSContextHandle_t ctx = geosContext();
    std::vector<std::vector<std::size_t>> members(static_cast<std::size_t>(zones));
    for (std::size_t i = 0; i < n; ++i)
        members[static_cast<std::size_t>(found.district[i])].push_back(i);
    for (std::size_t z = 0; z < members.size(); ++z) {
        shapeStage.report(static_cast<double>(z) / static_cast<double>(members.size()),
                          "Dissolving districts");
        throwIfCancelled(progress);
        DesignedDistrict out;
        out.district = static_cast<int>(z) + 1;
        out.workload = w[z];
        out.blocks = members[z].size();
        std::vector<GEOSGeometry*> parts;
        double s0 = 0, sx = 0, sy = 0, sxx = 0;
        for (std::size_t i : members[z]) {
            parts.push_back(parse(blocks[i]).release());
            const Point c = problem.centroid[i];
            s0 += areas[i];
            sx += areas[i] * c.x;
            sy += areas[i] * c.y;
            sxx += areas[i] * (c.x * c.x + c.y * c.y);
        }
        const GeosGeometry collection(GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                                  static_cast<unsigned>(parts.size())));
        GeosGeometry dissolved(GEOSUnaryUnion_r(ctx, collection.get()));
        if (!dissolved)
            throw std::runtime_error("district " + std::to_string(z + 1) + ": the union failed (" +
                                     lastGeosError() + ")");
        out.areaKm2 = areaOf(dissolved.get()) / 1e6;
        out.polsbyPopper = polsbyPopper(dissolved.get());
        const double inertia = s0 > 0 ? std::max(0.0, sxx - (sx * sx + sy * sy) / s0) : 0.0;
        out.momentCompactness = inertia > 0 ? std::min(1.0, s0 * s0 / (2 * std::numbers::pi * inertia)) : 1.0;
        out.officersNeeded = w[z] / options.capacityHoursPerPerson;
        out.officersNeededCeil = static_cast<int>(std::ceil(out.officersNeeded - 1e-9));
        if (z < stations.size())
            out.station = stations[z].id;
        out.geometry = toPolygon(dissolved.get());
        d.districts.push_back(std::move(out));
    }

    const auto count = [&](std::uint32_t bit) {
        return std::count_if(d.flags.begin(), d.flags.end(), [&](std::uint32_t f) { return (f & bit) != 0; });
    };
    if (const auto islands = count(district_flags::kNoNeighbour))
        d.notes.push_back(std::to_string(islands) +
                          " blocks have no neighbour: each joins the district of its nearest block (flag "
                          "no_neighbour)");
    if (const auto detached = count(district_flags::kDetached))
        d.notes.push_back(std::to_string(detached) +
                          " blocks lie in groups cut off from the rest: each group joins through its block "
                          "nearest to the others (flag detached)");
    if (const auto beyond = count(district_flags::kBeyondTravel))
        d.notes.push_back(std::to_string(beyond) + " blocks lie farther from their district's station than " +
                          hours(*options.maxTravelM) + " m (flag beyond_travel)");
    d.notes.push_back("largest deviation from the mean: " + hours(d.largestDeviation) + " h (" +
                      hours(100 * d.largestDeviation / d.meanWorkload) + " % of " + hours(d.meanWorkload) +
                      " h); lower bound " + hours(d.deviationLowerBound) + " h: " + d.boundReason);
    if (d.tenPercentImpossible)
        d.notes.push_back("balance within 10 % of the mean is impossible with these blocks: " +
                          d.boundReason);
    if (progress)
        progress->report(1, "Districts designed");
    return d;
}

DistrictLayoutSummary summariseDesign(const DistrictDesign& design) {
    DistrictLayoutSummary s;
    s.label = "proposed";
    std::vector<double> w;
    double pp = 0;
    for (const DesignedDistrict& d : design.districts) {
        w.push_back(d.workload);
        pp += d.polsbyPopper;
    }
    const Spread spread = spreadOf(w);
    s.districts = static_cast<int>(w.size());
    s.largestWorkload = spread.largest;
    s.smallestWorkload = spread.smallest;
    s.meanWorkload = spread.mean;
    s.largestDeviationPct = spread.mean > 0 ? 100 * spread.largestDeviation / spread.mean : 0;
    s.cv = spread.cv;
    s.meanPolsbyPopper = w.empty() ? 0 : pp / static_cast<double>(w.size());
    return s;
}

DistrictLayoutSummary summariseCurrentDistricts(const std::vector<Area>& blocks,
                                                const std::vector<double>& workloads,
                                                const std::vector<Area>& currentDistricts) {
    DistrictLayoutSummary s;
    s.label = "current";
    GEOSContextHandle_t ctx = geosContext();
    const PolygonIndex index = PolygonIndex::of(currentDistricts);
    std::vector<double> w(currentDistricts.size(), 0.0);
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const GeosGeometry g = parse(blocks[i]);
        const GeosGeometry p(GEOSPointOnSurface_r(ctx, g.get()));
        Point pt;
        if (!p || GEOSGeomGetX_r(ctx, p.get(), &pt.x) != 1 || GEOSGeomGetY_r(ctx, p.get(), &pt.y) != 1) {
            ++s.unassigned;
            continue;
        }
        if (const auto d = index.locate(pt))
            w[*d] += workloads[i];
        else
            ++s.unassigned;
    }
    double pp = 0;
    for (const Area& d : currentDistricts)
        pp += polsbyPopper(parse(d).get());
    const Spread spread = spreadOf(w);
    s.districts = static_cast<int>(w.size());
    s.largestWorkload = spread.largest;
    s.smallestWorkload = spread.smallest;
    s.meanWorkload = spread.mean;
    s.largestDeviationPct = spread.mean > 0 ? 100 * spread.largestDeviation / spread.mean : 0;
    s.cv = spread.cv;
    s.meanPolsbyPopper = currentDistricts.empty() ? 0 : pp / static_cast<double>(currentDistricts.size());
    return s;
}

} // namespace firebeat
