#include "coverage_city.h"

#include "firebeat/geos_support.h"

#include <cstdio>
#include <random>
#include <string>

namespace firebeat::bench {
namespace {

std::string numbered(char prefix, int n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%c%07d", prefix, n);
    return buf;
}

Polygon square(double x0, double y0, double side) {
    const GeosGeometry g(GEOSGeom_createRectangle_r(geosContext(), x0, y0, x0 + side, y0 + side));
    return toPolygon(g.get());
}

class CityBuilder {
  public:
    CityBuilder(const CitySize& size, Timestamp reference, std::uint64_t seed)
        : s_(size), reference_(reference), rng_(seed) {}

    Dataset build() {
        Dataset d;
        d.crs = "EPSG:4543";
        districts(d);
        units(d);
        inspections(d);
        hazards(d);
        return d;
    }

  private:
    double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng_); }
    int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
    bool chance(double p) { return uniform(0, 1) < p; }
    int districtOf(Point p) const {
        const int col = std::min(static_cast<int>(p.x / s_.districtSideM), s_.districtColumns - 1);
        const int row = std::min(static_cast<int>(p.y / s_.districtSideM), s_.districtRows - 1);
        return row * s_.districtColumns + col;
    }

    std::size_t villageOf(Point p) const {
        const int side = s_.villagesPerSide;
        const double villageSide = s_.districtSideM / side;
        const int vx = std::min(static_cast<int>(p.x / villageSide), s_.districtColumns * side - 1) % side;
        const int vy = std::min(static_cast<int>(p.y / villageSide), s_.districtRows * side - 1) % side;
        return static_cast<std::size_t>(districtOf(p) * side * side + vy * side + vx);
    }

    void districts(Dataset& d) {
        const double side = s_.districtSideM, villageSide = side / s_.villagesPerSide;
        for (int row = 0; row < s_.districtRows; ++row)
            for (int col = 0; col < s_.districtColumns; ++col) {
                const int i = row * s_.districtColumns + col;
                const bool edge =
                    row == 0 || col == 0 || row == s_.districtRows - 1 || col == s_.districtColumns - 1;
                District dist;
                dist.fid = i;
                dist.id = numbered('D', i);
                dist.name = "district " + dist.id;
                dist.kind = edge ? DistrictKind::Township : DistrictKind::Urban;
                dist.geometry = square(col * side, row * side, side);
                d.districts.push_back(dist);
                for (int v = 0; v < s_.villagesPerSide * s_.villagesPerSide; ++v) {
                    Village village;
                    village.fid = static_cast<std::int64_t>(d.villages.size());
                    village.id = numbered('V', static_cast<int>(village.fid));
                    village.districtId = chance(0.5) ? dist.id : "";
                    village.kind = static_cast<VillageKind>(below(3));
                    village.population = 500 + below(5000);
                    village.geometry =
                        square(col * side + (v % s_.villagesPerSide) * villageSide,
                               row * side + (v / s_.villagesPerSide) * villageSide, villageSide);
                    d.villages.push_back(std::move(village));
                    neglected_.push_back(chance(s_.neglectedVillageShare));
                }
                for (int k = 0; k < s_.stationsPerDistrict; ++k) {
                    FireStation st;
                    st.fid = static_cast<std::int64_t>(d.stations.size());
                    st.id = numbered('S', static_cast<int>(st.fid));
                    st.kind = static_cast<StationKind>(below(4));
                    st.position = {uniform(col * side, (col + 1) * side),
                                   uniform(row * side, (row + 1) * side)};
                    d.stations.push_back(std::move(st));
                }
                for (int k = 0; k < s_.officersPerDistrict; ++k) {
                    Officer o;
                    o.fid = static_cast<std::int64_t>(d.officers.size());
                    o.id = numbered('O', static_cast<int>(o.fid));
                    o.districtId = dist.id;
                    d.officers.push_back(std::move(o));
                }
            }
    }

    void units(Dataset& d) {
        // key units 5 %, small venues 40 %, three-in-one 15 %, residential 15 %, other 25 %
        std::discrete_distribution<int> category({5, 40, 15, 15, 25});
        const double width = s_.districtColumns * s_.districtSideM,
                     height = s_.districtRows * s_.districtSideM;
        for (int i = 0; i < s_.units; ++i) {
            Unit u;
            u.fid = i;
            u.id = numbered('U', i);
            u.category = static_cast<UnitCategory>(category(rng_));
            u.position = {uniform(0, width), uniform(0, height)};
            if (chance(0.3)) // the rest is located spatially
                u.districtId = d.districts[static_cast<std::size_t>(districtOf(u.position))].id;
            if (chance(0.05))
                u.inspectEveryDays = 30;
            d.units.push_back(std::move(u));
        }
    }

    void inspections(Dataset& d) {
        std::discrete_distribution<int> outcome({60, 30, 5, 5}); // pass, hazards, closed, refused
        for (int i = 0; i < s_.inspections; ++i) {
            const Unit* pick = &d.units[static_cast<std::size_t>(below(s_.units))];
            while (neglected_[villageOf(pick->position)])
                pick = &d.units[static_cast<std::size_t>(below(s_.units))];
            const Unit& u = *pick;
            Inspection ins;
            ins.fid = i;
            ins.id = numbered('I', i);
            ins.unitId = u.id;
            const int district = districtOf(u.position);
            ins.officerId = d.officers[static_cast<std::size_t>(district * s_.officersPerDistrict +
                                                                below(s_.officersPerDistrict))]
                                .id;
            ins.inspectedAt =
                reference_ - static_cast<Timestamp>(uniform(0, s_.historyDays) * kSecondsPerDay);
            ins.outcome = static_cast<Outcome>(outcome(rng_));
            ins.position = u.position;
            if (ins.outcome == Outcome::Hazards)
                withHazards_.push_back(static_cast<std::size_t>(i));
            d.inspections.push_back(std::move(ins));
        }
    }

    void hazards(Dataset& d) {
        std::discrete_distribution<int> severity({60, 35, 5});
        for (int i = 0; i < s_.hazards; ++i) {
            const Inspection& ins = d.inspections[withHazards_[static_cast<std::size_t>(
                below(static_cast<int>(withHazards_.size())))]];
            Hazard h;
            h.fid = i;
            h.id = numbered('H', i);
            h.inspectionId = ins.id;
            h.unitId = ins.unitId;
            h.category = static_cast<HazardCategory>(below(kHazardCategoryCount));
            h.severity = 1 + severity(rng_);
            h.foundAt = ins.inspectedAt;
            if (h.severity >= 2)
                h.deadline = h.foundAt + 30 * kSecondsPerDay;
            if (chance(0.75))
                h.rectifiedAt = h.foundAt + static_cast<Timestamp>(uniform(0, 60) * kSecondsPerDay);
            h.position = ins.position;
            d.hazards.push_back(std::move(h));
        }
    }

    CitySize s_;
    Timestamp reference_;
    std::mt19937_64 rng_;
    std::vector<std::size_t> withHazards_;
    std::vector<bool> neglected_; // by village
};

} // namespace

Dataset generateCity(const CitySize& size, Timestamp reference, std::uint64_t seed) {
    return CityBuilder(size, reference, seed).build();
}

} // namespace firebeat::bench
