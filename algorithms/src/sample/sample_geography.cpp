// The scale-independent part of the sample: police districts (a Voronoi tiling of the study
// area), villages (a Voronoi tiling of each district), fire stations, officers, and the choice
// of the planted patterns.
#include "sample/sample_internal.h"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>
#include <span>
#include <stdexcept>

namespace firebeat {
namespace {

using detail::Random;

// Independent random streams, so that e.g. more villages do not move the fire stations.
enum Stream : std::uint64_t { DistrictStream = 1, VillageStream, PlantStream, StationStream, OfficerStream };

constexpr std::array<Point, 16> kStudyArea = {{{102.600, 24.915},
                                               {102.640, 24.902},
                                               {102.700, 24.900},
                                               {102.760, 24.906},
                                               {102.820, 24.900},
                                               {102.880, 24.910},
                                               {102.900, 24.950},
                                               {102.895, 25.010},
                                               {102.900, 25.080},
                                               {102.890, 25.140},
                                               {102.830, 25.150},
                                               {102.760, 25.145},
                                               {102.690, 25.150},
                                               {102.630, 25.143},
                                               {102.602, 25.100},
                                               {102.606, 25.020}}};

struct DistrictPlan {
    Point seed; // jittered by the generator
    const char* station;
    const char* shortName;
    DistrictKind kind;
};

// The district seeds: a 4 x 3 grid, north to south, west to east; townships at three corners.
constexpr std::array<DistrictPlan, 12> kDistrictPlans = {{
    {{102.640, 25.112}, "西山区团结派出所", "团结", DistrictKind::Township},
    {{102.712, 25.116}, "五华区莲华派出所", "莲华", DistrictKind::Urban},
    {{102.785, 25.112}, "盘龙区龙泉派出所", "龙泉", DistrictKind::Urban},
    {{102.858, 25.110}, "盘龙区双龙派出所", "双龙", DistrictKind::Township},
    {{102.640, 25.030}, "西山区马街派出所", "马街", DistrictKind::Urban},
    {{102.712, 25.034}, "五华区华山派出所", "华山", DistrictKind::Urban},
    {{102.785, 25.030}, "盘龙区拓东派出所", "拓东", DistrictKind::Urban},
    {{102.858, 25.032}, "官渡区金马派出所", "金马", DistrictKind::Urban},
    {{102.640, 24.952}, "西山区前卫派出所", "前卫", DistrictKind::Urban},
    {{102.712, 24.948}, "西山区福海派出所", "福海", DistrictKind::Urban},
    {{102.785, 24.952}, "官渡区关上派出所", "关上", DistrictKind::Urban},
    {{102.858, 24.950}, "官渡区阿拉派出所", "阿拉", DistrictKind::Township},
}};

// The planted patterns, as indices into kDistrictPlans.
constexpr std::size_t kUnreachedDistrict = 0;                  // 团结, the north-west township
constexpr std::array<std::size_t, 2> kUnderInspected = {7, 9}; // 金马, 福海
constexpr std::size_t kHotDistrict = 6;                        // around the seed of 拓东
constexpr std::size_t kColdDistrict = 2;                       // around the seed of 龙泉
// Emerging hot spots around the seeds of three districts away from the other clusters:
// a new hot spot, an intensifying one and one stopped by a campaign.
constexpr std::array<std::size_t, 3> kEmergingDistricts = {4, 8, 10};
constexpr std::size_t kBlindSpots = 5;
constexpr double kHotFactor = 3.0;
constexpr double kColdFactor = 0.03;
constexpr double kUnderInspectedRate = 0.12;
// Stations keep this far from the unreached district: the 5 km reach plus a margin for the
// difference between the local plane and the analysis CRS.
constexpr double kStationKeepOutMetres = 5500;

GEOSContextHandle_t ctx() {
    return geosContext();
}

GeosGeometry checked(GEOSGeometry* g, const char* what) {
    if (!g)
        throw std::runtime_error(std::string("sample generator: GEOS failed in ") + what + ": " +
                                 lastGeosError());
    return GeosGeometry(g);
}

GeosGeometry makePolygon(std::span<const Point> ring) {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx(), static_cast<unsigned>(ring.size() + 1), 2);
    for (std::size_t i = 0; i <= ring.size(); ++i) {
        const Point p = ring[i % ring.size()];
        GEOSCoordSeq_setXY_r(ctx(), seq, static_cast<unsigned>(i), p.x, p.y);
    }
    GEOSGeometry* shell = GEOSGeom_createLinearRing_r(ctx(), seq);
    return checked(GEOSGeom_createPolygon_r(ctx(), shell, nullptr, 0), "createPolygon");
}

GeosPrepared prepare(const GeosGeometry& g) {
    const GEOSPreparedGeometry* p = GEOSPrepare_r(ctx(), g.get());
    if (!p)
        throw std::runtime_error("sample generator: GEOS failed to prepare a geometry: " + lastGeosError());
    return GeosPrepared(p);
}

// Voronoi cells of the seeds clipped to `area`; cell i belongs to seeds[i].
std::vector<GeosGeometry> voronoiCells(std::span<const Point> seeds, const GEOSGeometry* area) {
    std::vector<GEOSGeometry*> points;
    for (const Point& p : seeds)
        points.push_back(GEOSGeom_createPointFromXY_r(ctx(), p.x, p.y));
    const GeosGeometry multi = checked(GEOSGeom_createCollection_r(ctx(), GEOS_MULTIPOINT, points.data(),
                                                                   static_cast<unsigned>(points.size())),
                                       "createCollection");
    const GeosGeometry diagram =
        checked(GEOSVoronoiDiagram_r(ctx(), multi.get(), area, 0, 0), "VoronoiDiagram");
    // GEOS 3.11 returns the cells in its own order: match them to the seeds they contain.
    std::vector<GeosGeometry> cells(seeds.size());
    const int count = GEOSGetNumGeometries_r(ctx(), diagram.get());
    for (int c = 0; c < count; ++c) {
        const GEOSGeometry* cell = GEOSGetGeometryN_r(ctx(), diagram.get(), c);
        for (std::size_t s = 0; s < seeds.size(); ++s) {
            if (cells[s] ||
                GEOSContains_r(ctx(), cell, GEOSGetGeometryN_r(ctx(), multi.get(), static_cast<int>(s))) != 1)
                continue;
            GeosGeometry clipped = checked(GEOSIntersection_r(ctx(), cell, area), "Intersection");
            const int type = GEOSGeomTypeId_r(ctx(), clipped.get());
            if ((type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) || GEOSisEmpty_r(ctx(), clipped.get()))
                throw std::logic_error("sample generator: a Voronoi cell is not a polygon inside its area");
            cells[s] = std::move(clipped);
            break;
        }
    }
    for (const GeosGeometry& cell : cells)
        if (!cell)
            throw std::logic_error("sample generator: a Voronoi seed has no cell");
    return cells;
}

// n points inside a polygon, spread out by Mitchell's best-candidate sampling.
std::vector<Point> spreadPoints(Random& rng, std::size_t n, const GEOSPreparedGeometry* polygon,
                                const Envelope& envelope) {
    std::vector<Point> points;
    while (points.size() < n) {
        Point best;
        double bestDistance = -1;
        for (int candidate = 0; candidate < 10; ++candidate) {
            const Point p = detail::randomPointIn(rng, polygon, envelope);
            double nearest = std::numeric_limits<double>::infinity();
            for (const Point& q : points)
                nearest = std::min(nearest, detail::distanceMetres(p, q));
            if (nearest > bestDistance) {
                best = p;
                bestDistance = nearest;
            }
        }
        points.push_back(best);
    }
    return points;
}

bool touches(const GEOSGeometry* a, const GEOSGeometry* b) {
    double d = 0;
    if (!GEOSDistance_r(ctx(), a, b, &d))
        throw std::runtime_error("sample generator: GEOS distance failed: " + lastGeosError());
    return d < 1e-9; // queen contiguity, tolerant of last-bit differences along shared edges
}

Point centroid(const GEOSGeometry* g) {
    const GeosGeometry c = checked(GEOSGetCentroid_r(ctx(), g), "Centroid");
    Point p;
    GEOSGeomGetX_r(ctx(), c.get(), &p.x);
    GEOSGeomGetY_r(ctx(), c.get(), &p.y);
    return p;
}

template <class T> void shuffle(Random& rng, std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[rng.below(i)]);
}

class GeographyBuilder {
  public:
    GeographyBuilder(std::uint64_t seed, Progress* progress) : seed_(seed), progress_(progress) {}

    detail::SampleGeography build() {
        buildDistricts();
        report(0.3);
        buildVillages();
        report(0.6);
        plantPatterns();
        buildStations();
        buildOfficers();
        geo_.data.crs = "EPSG:4326";
        return std::move(geo_);
    }

  private:
    void report(double fraction) {
        throwIfCancelled(progress_);
        if (progress_)
            progress_->report(fraction * 0.05, "sample: districts and villages");
    }

    void buildDistricts() {
        Random rng(seed_, DistrictStream);
        studyArea_ = makePolygon(kStudyArea);
        for (const DistrictPlan& plan : kDistrictPlans)
            districtSeeds_.push_back(
                {plan.seed.x + rng.uniform(-0.011, 0.011), plan.seed.y + rng.uniform(-0.009, 0.009)});
        districtGeometry_ = voronoiCells(districtSeeds_, studyArea_.get());
        for (std::size_t d = 0; d < kDistrictPlans.size(); ++d) {
            const DistrictPlan& plan = kDistrictPlans[d];
            District district;
            district.id = detail::sampleId('D', d + 1, 2);
            district.station = plan.station;
            district.name = std::string(plan.station) + "辖区";
            district.kind = plan.kind;
            district.geometry = toPolygon(districtGeometry_[d].get());
            geo_.data.districts.push_back(std::move(district));
            districtPrepared_.push_back(prepare(districtGeometry_[d]));
        }
    }

    void buildVillages() {
        Random rng(seed_, VillageStream);
        for (std::size_t d = 0; d < geo_.data.districts.size(); ++d) {
            const bool urban = kDistrictPlans[d].kind == DistrictKind::Urban;
            const std::size_t n = static_cast<std::size_t>(urban ? rng.between(12, 15) : rng.between(7, 10));
            const std::vector<Point> seeds =
                spreadPoints(rng, n, districtPrepared_[d].get(), geo_.data.districts[d].geometry.envelope);
            for (GeosGeometry& cell : voronoiCells(seeds, districtGeometry_[d].get())) {
                Village village;
                village.id = detail::sampleId('V', geo_.data.villages.size() + 1, 3);
                village.districtId = geo_.data.districts[d].id;
                const double r = rng.uniform();
                if (urban)
                    village.kind = r < 0.35   ? VillageKind::UrbanVillage
                                   : r < 0.95 ? VillageKind::Community
                                              : VillageKind::RuralVillage;
                else
                    village.kind = r < 0.12   ? VillageKind::UrbanVillage
                                   : r < 0.30 ? VillageKind::Community
                                              : VillageKind::RuralVillage;
                village.name = detail::sampleVillageName(rng, village.kind, usedPlaceNames_);
                const double people = village.kind == VillageKind::Community      ? rng.uniform(6000, 22000)
                                      : village.kind == VillageKind::UrbanVillage ? rng.uniform(4000, 16000)
                                                                                  : rng.uniform(900, 4200);
                village.population = static_cast<std::int64_t>(std::floor(people / 10 + 0.5)) * 10;
                village.geometry = toPolygon(cell.get());
                geo_.data.villages.push_back(std::move(village));
                geo_.villageDistrict.push_back(d);
                geo_.villageHazardFactor.push_back(rng.uniform(0.7, 1.3));
                geo_.villagePrepared.push_back(prepare(cell));
                geo_.villageGeometry.push_back(std::move(cell));
            }
        }
        geo_.villageBlindSpot.assign(geo_.data.villages.size(), false);
    }

    // The village holding the district's seed and all its queen neighbours (nearest first),
    // leaving out under-inspected districts, where few hazards are found whatever the village.
    // With the whole neighbourhood in the cluster, its core stands out in Gi* even as a cold spot.
    std::vector<std::size_t> clusterAround(std::size_t district) {
        const Point centre = districtSeeds_[district];
        const GeosGeometry point = geosPoint(centre);
        std::size_t core = geo_.villageGeometry.size();
        for (std::size_t v = 0; v < geo_.villageGeometry.size() && core == geo_.villageGeometry.size(); ++v)
            if (GEOSPreparedContains_r(ctx(), geo_.villagePrepared[v].get(), point.get()) == 1)
                core = v;
        if (core == geo_.villageGeometry.size())
            throw std::logic_error("sample generator: no village holds a cluster centre");
        const Point coreCentre = centroid(geo_.villageGeometry[core].get());
        std::vector<std::pair<double, std::size_t>> neighbours;
        for (std::size_t v = 0; v < geo_.villageGeometry.size(); ++v)
            if (v != core && geo_.districtInspectionRate[geo_.villageDistrict[v]] == 1.0 &&
                touches(geo_.villageGeometry[core].get(), geo_.villageGeometry[v].get()))
                neighbours.emplace_back(
                    detail::distanceMetres(coreCentre, centroid(geo_.villageGeometry[v].get())), v);
        std::sort(neighbours.begin(), neighbours.end());
        std::vector<std::size_t> cluster{core};
        for (const auto& neighbour : neighbours)
            cluster.push_back(neighbour.second);
        return cluster;
    }

    void plantPatterns() {
        Random rng(seed_, PlantStream);
        SamplePlanted& planted = geo_.planted;
        const std::vector<Village>& villages = geo_.data.villages;
        geo_.districtInspectionRate.assign(geo_.data.districts.size(), 1.0);
        for (std::size_t d : kUnderInspected) {
            geo_.districtInspectionRate[d] = kUnderInspectedRate;
            planted.underInspectedDistricts.push_back(geo_.data.districts[d].id);
        }
        planted.unreachedDistrict = geo_.data.districts[kUnreachedDistrict].id;

        std::vector<bool> nearCluster(villages.size(), false);
        const auto plantCluster = [&](std::size_t district, double factor, std::vector<std::string>& ids) {
            for (std::size_t v : clusterAround(district)) {
                geo_.villageHazardFactor[v] = factor;
                ids.push_back(villages[v].id);
                for (std::size_t w = 0; w < villages.size(); ++w)
                    if (w == v || touches(geo_.villageGeometry[v].get(), geo_.villageGeometry[w].get()))
                        nearCluster[w] = true;
            }
        };
        plantCluster(kHotDistrict, kHotFactor, planted.hotVillages);
        plantCluster(kColdDistrict, kColdFactor, planted.coldVillages);
        // Only ids here: the reports come with the activity, and only when asked for.
        std::array<std::vector<std::string>*, 3> emergingIds = {&planted.emergingNewCluster,
                                                                &planted.emergingIntensifyingCluster,
                                                                &planted.emergingCampaignCluster};
        for (std::size_t k = 0; k < kEmergingDistricts.size(); ++k) {
            geo_.emergingClusters[k] = clusterAround(kEmergingDistricts[k]);
            for (std::size_t v : geo_.emergingClusters[k])
                emergingIds[k]->push_back(villages[v].id);
        }
        planted.emergingNewVillage = planted.emergingNewCluster.front();
        planted.emergingIntensifyingVillage = planted.emergingIntensifyingCluster.front();
        planted.emergingCampaignVillage = planted.emergingCampaignCluster.front();

        // Blind spots: urban villages of normally inspected urban districts, away from the
        // clusters, one per district while possible.
        std::vector<std::size_t> eligible;
        for (std::size_t v = 0; v < villages.size(); ++v) {
            const std::size_t d = geo_.villageDistrict[v];
            if (villages[v].kind == VillageKind::UrbanVillage &&
                kDistrictPlans[d].kind == DistrictKind::Urban && geo_.districtInspectionRate[d] == 1.0 &&
                !nearCluster[v])
                eligible.push_back(v);
        }
        shuffle(rng, eligible);
        std::vector<std::size_t> chosen;
        std::vector<bool> districtUsed(geo_.data.districts.size(), false);
        for (int pass = 0; pass < 2; ++pass)
            for (std::size_t v : eligible)
                if (chosen.size() < kBlindSpots &&
                    std::find(chosen.begin(), chosen.end(), v) == chosen.end() &&
                    (pass == 1 || !districtUsed[geo_.villageDistrict[v]])) {
                    chosen.push_back(v);
                    districtUsed[geo_.villageDistrict[v]] = true;
                }
        if (chosen.size() < 4)
            throw std::logic_error("sample generator: too few urban villages for the blind spots");
        std::sort(chosen.begin(), chosen.end());
        for (std::size_t v : chosen) {
            geo_.villageBlindSpot[v] = true;
            planted.blindSpotVillages.push_back(villages[v].id);
        }
    }

    bool outOfUnreachedDistrictReach(const GEOSGeometry* point) const {
        double degrees = 0;
        if (!GEOSDistance_r(ctx(), point, districtGeometry_[kUnreachedDistrict].get(), &degrees))
            throw std::runtime_error("sample generator: GEOS distance failed: " + lastGeosError());
        // A degree of longitude is the shorter one here, so this underestimates the distance.
        return degrees * detail::kMetresPerDegreeLon > kStationKeepOutMetres;
    }

    // A station site inside the area and out of reach of the unreached district: near
    // `preferred` when possible, else anywhere in the area. Nullopt when there is none.
    std::optional<Point> stationSite(Random& rng, Point preferred, double spreadMetres,
                                     const GEOSPreparedGeometry* area, const Envelope& envelope) const {
        for (int attempt = 0; attempt < 2000; ++attempt) {
            const Point p = attempt < 200 ? detail::offsetMetres(preferred, rng.normal(0, spreadMetres),
                                                                 rng.normal(0, spreadMetres))
                                          : detail::randomPointIn(rng, area, envelope);
            const GeosGeometry g = geosPoint(p);
            if (GEOSPreparedContains_r(ctx(), area, g.get()) == 1 && outOfUnreachedDistrictReach(g.get()))
                return p;
        }
        return std::nullopt;
    }

    void addStation(StationKind kind, std::string name, Point position) {
        FireStation station;
        station.id = detail::sampleId('S', geo_.data.stations.size() + 1, 2);
        station.name = std::move(name);
        station.kind = kind;
        station.position = position;
        geo_.data.stations.push_back(std::move(station));
    }

    void buildStations() {
        Random rng(seed_, StationStream);
        // A standard station in every urban district and a township brigade in every township
        // but the unreached one: each district but that one has a station inside it.
        for (StationKind kind : {StationKind::Standard, StationKind::Township})
            for (std::size_t d = 0; d < kDistrictPlans.size(); ++d) {
                const bool township = kDistrictPlans[d].kind == DistrictKind::Township;
                if (d == kUnreachedDistrict || township != (kind == StationKind::Township))
                    continue;
                const std::optional<Point> site =
                    stationSite(rng, districtSeeds_[d], 700, districtPrepared_[d].get(),
                                geo_.data.districts[d].geometry.envelope);
                if (!site)
                    throw std::logic_error("sample generator: no site for the station of " +
                                           geo_.data.districts[d].id);
                addStation(
                    kind, std::string(kDistrictPlans[d].shortName) + (township ? "专职消防队" : "消防救援站"),
                    *site);
            }
        // Small and micro stations in urban communities and urban villages.
        std::vector<std::size_t> candidates;
        for (std::size_t v = 0; v < geo_.data.villages.size(); ++v)
            if (geo_.data.villages[v].kind != VillageKind::RuralVillage &&
                kDistrictPlans[geo_.villageDistrict[v]].kind == DistrictKind::Urban)
                candidates.push_back(v);
        shuffle(rng, candidates);
        std::size_t small = 0, micro = 0;
        for (std::size_t v : candidates) {
            if (micro == 14)
                break;
            const Village& village = geo_.data.villages[v];
            const Point centre = centroid(geo_.villageGeometry[v].get());
            const std::optional<Point> site =
                stationSite(rng, centre, 300, geo_.villagePrepared[v].get(), village.geometry.envelope);
            if (!site)
                continue; // the whole village is within reach of the unreached district
            if (small < 4) {
                addStation(StationKind::Small, village.name + "小型消防站", *site);
                ++small;
            } else {
                addStation(StationKind::Micro, village.name + "微型消防站", *site);
                ++micro;
            }
        }
    }

    void buildOfficers() {
        Random rng(seed_, OfficerStream);
        std::set<std::string> usedNames;
        for (std::size_t d = 0; d < geo_.data.districts.size(); ++d) {
            District& district = geo_.data.districts[d];
            const bool under = geo_.districtInspectionRate[d] < 1.0;
            const int count = under                                     ? rng.between(4, 5)
                              : d == kUnreachedDistrict                 ? rng.between(4, 6)
                              : district.kind == DistrictKind::Township ? rng.between(5, 8)
                                                                        : rng.between(7, 12);
            district.officers = count;
            geo_.districtFirstOfficer.push_back(geo_.data.officers.size());
            geo_.districtOfficerCount.push_back(static_cast<std::size_t>(count));
            for (int i = 0; i < count; ++i) {
                Officer officer;
                officer.id = detail::sampleId('O', geo_.data.officers.size() + 1, 3);
                officer.name = detail::samplePersonName(rng, usedNames);
                officer.districtId = district.id;
                geo_.data.officers.push_back(std::move(officer));
            }
        }
    }

    std::uint64_t seed_;
    Progress* progress_;
    detail::SampleGeography geo_;
    GeosGeometry studyArea_;
    std::vector<Point> districtSeeds_;
    std::vector<GeosGeometry> districtGeometry_;
    std::vector<GeosPrepared> districtPrepared_;
    std::set<std::string> usedPlaceNames_;
};

} // namespace

Polygon sampleStudyArea() {
    return toPolygon(makePolygon(kStudyArea).get());
}

namespace detail {

Point randomPointIn(Random& rng, const GEOSPreparedGeometry* polygon, const Envelope& envelope) {
    for (int attempt = 0; attempt < 100000; ++attempt) {
        const Point p{rng.uniform(envelope.minX, envelope.maxX), rng.uniform(envelope.minY, envelope.maxY)};
        const GeosGeometry g = geosPoint(p);
        if (GEOSPreparedContains_r(geosContext(), polygon, g.get()) == 1)
            return p;
    }
    throw std::logic_error("sample generator: cannot place a point in a polygon");
}

bool insideStudyArea(Point p) {
    bool inside = false; // even-odd ray casting
    for (std::size_t i = 0, j = kStudyArea.size() - 1; i < kStudyArea.size(); j = i++) {
        const Point a = kStudyArea[i], b = kStudyArea[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
            inside = !inside;
    }
    return inside;
}

double metresToStudyAreaEdge(Point p) {
    double nearest = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0, j = kStudyArea.size() - 1; i < kStudyArea.size(); j = i++) {
        // In the local metric plane, with p at the origin.
        const double ax = (kStudyArea[i].x - p.x) * kMetresPerDegreeLon,
                     ay = (kStudyArea[i].y - p.y) * kMetresPerDegreeLat;
        const double bx = (kStudyArea[j].x - p.x) * kMetresPerDegreeLon,
                     by = (kStudyArea[j].y - p.y) * kMetresPerDegreeLat;
        const double dx = bx - ax, dy = by - ay;
        const double t = std::clamp(-(ax * dx + ay * dy) / (dx * dx + dy * dy), 0.0, 1.0);
        nearest = std::min(nearest, std::sqrt((ax + t * dx) * (ax + t * dx) + (ay + t * dy) * (ay + t * dy)));
    }
    return nearest;
}

SampleGeography buildSampleGeography(std::uint64_t seed, Progress* progress) {
    return GeographyBuilder(seed, progress).build();
}

} // namespace detail
} // namespace firebeat
