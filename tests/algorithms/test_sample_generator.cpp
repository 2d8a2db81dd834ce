// The Kunming-like sample: reproducible from its seed, realistic counts and attributes, districts
// and villages that tile without gaps or overlaps, and the planted patterns that the analyses
// must find (sample-layers/README.md lists them).
#include "firebeat/crs.h"
#include "firebeat/dataset_writer.h"
#include "firebeat/gcj02.h"
#include "firebeat/geos_support.h"
#include "firebeat/polygon_index.h"
#include "firebeat/reader.h"
#include "firebeat/sample_generator.h"

#include "../../algorithms/src/util/random.h" // header-only, internal to the library

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

using namespace firebeat;

namespace {

GEOSContextHandle_t ctx() {
    return geosContext();
}

GeosGeometry geos(const Polygon& p) {
    return geosFromWkb(p.wkb);
}

double area(const GEOSGeometry* g) {
    double a = 0;
    GEOSArea_r(ctx(), g, &a);
    return a;
}

// Every feature of every layer as text (fields, then the geometry as hex WKB), read back with
// plain OGR, so two files compare feature by feature.
std::vector<std::string> dump(const std::string& path) {
    std::vector<std::string> lines;
    GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
    if (!ds)
        return lines;
    std::vector<std::string> names;
    for (int i = 0; i < ds->GetLayerCount(); ++i)
        names.emplace_back(ds->GetLayer(i)->GetName());
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
        OGRLayer* layer = ds->GetLayerByName(name.c_str());
        layer->ResetReading();
        while (OGRFeature* f = layer->GetNextFeature()) {
            std::string line = name + ":" + std::to_string(f->GetFID());
            for (int i = 0; i < f->GetFieldCount(); ++i)
                line += "|" + std::string(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "<null>");
            if (const OGRGeometry* g = f->GetGeometryRef()) {
                std::vector<unsigned char> wkb(static_cast<std::size_t>(g->WkbSize()));
                g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
                line += "|" + QByteArray(reinterpret_cast<const char*>(wkb.data()),
                                         static_cast<qsizetype>(wkb.size()))
                                  .toHex()
                                  .toStdString();
            }
            lines.push_back(std::move(line));
            OGRFeature::DestroyFeature(f);
        }
    }
    GDALClose(GDALDataset::ToHandle(ds));
    return lines;
}

template <class T> std::unordered_map<std::string, std::size_t> indexById(const std::vector<T>& items) {
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < items.size(); ++i)
        index.emplace(items[i].id, i);
    return index;
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Metres between lon/lat points near Kunming (local plane; enough for tolerances of metres).
double metres(Point a, Point b) {
    return std::hypot((a.x - b.x) * 100908.0, (a.y - b.y) * 110773.0);
}

class Canceller : public Progress {
  public:
    bool cancelled() const override { return true; }
};

} // namespace

class TestSampleGenerator : public QObject {
    Q_OBJECT
  private:
    QTemporaryDir dir_;
    Dataset data_;
    SamplePlanted planted_;
    std::vector<std::size_t> unitVillage_;  // index of the village holding each unit
    std::vector<std::size_t> unitDistrict_; // index of the district holding each unit
    std::unordered_map<std::string, std::size_t> unitIndex_, villageIndex_, districtIndex_;

    std::string path(const char* name) const { return dir_.filePath(name).toStdString(); }

    // Per district (index): inspections per unit.
    std::vector<double> inspectionsPerUnit() const {
        std::vector<double> units(data_.districts.size()), visits(data_.districts.size());
        for (std::size_t u = 0; u < data_.units.size(); ++u)
            units[unitDistrict_[u]] += 1;
        for (const Inspection& i : data_.inspections)
            visits[unitDistrict_[unitIndex_.at(i.unitId)]] += 1;
        for (std::size_t d = 0; d < units.size(); ++d)
            visits[d] /= units[d];
        return visits;
    }

    // Hazards per unit over a set of villages (by id), or over all when empty.
    double hazardsPerUnit(const std::vector<std::string>& villages) const {
        std::set<std::size_t> chosen;
        for (const std::string& id : villages)
            chosen.insert(villageIndex_.at(id));
        double units = 0, hazards = 0;
        for (std::size_t u = 0; u < data_.units.size(); ++u)
            units += chosen.empty() || chosen.contains(unitVillage_[u]);
        for (const Hazard& h : data_.hazards)
            hazards += chosen.empty() || chosen.contains(unitVillage_[unitIndex_.at(h.unitId)]);
        return hazards / units;
    }

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        QVERIFY(dir_.isValid());
        data_ = generateSample({}, nullptr, &planted_);
        unitIndex_ = indexById(data_.units);
        villageIndex_ = indexById(data_.villages);
        districtIndex_ = indexById(data_.districts);
        const PolygonIndex villages = PolygonIndex::of(data_.villages);
        const PolygonIndex districts = PolygonIndex::of(data_.districts);
        for (const Unit& u : data_.units) {
            const auto v = villages.locate(u.position);
            const auto d = districts.locate(u.position);
            QVERIFY2(v && d, u.id.c_str());
            unitVillage_.push_back(*v);
            unitDistrict_.push_back(*d);
        }
    }

    // The generator's random numbers are fixed numbers, not whatever a standard library or libm
    // gives: these values must come out on every machine.
    void randomNumbersAreFixed() {
        using detail::Random;
        std::uint64_t state = 0;
        QCOMPARE(detail::splitmix64(state), 0xE220A8397B1DCDAFULL); // the published first value
        Random r(20261129);
        QCOMPARE(r.next(), 1573789316533009821ULL);
        QCOMPARE(r.next(), 10827265605520284016ULL);
        QCOMPARE(r.next(), 4732212417232593942ULL);
        Random q(20261129, 3);
        QVERIFY(q.uniform() == 0.010924513649205436);
        QVERIFY(q.normal() == 0.46487383479827415);
        QCOMPARE(q.poisson(3.5), 5);
        QCOMPARE(q.below(1000), std::uint64_t(23));
        for (double x = 1e-6; x < 1e6; x *= 1.0137)
            QVERIFY(std::abs(detail::deterministicLog(x) - std::log(x)) <=
                    1e-15 * std::max(1.0, std::abs(std::log(x))));
        // And they have the right distributions.
        Random d(7);
        double sum = 0, squares = 0, small = 0, large = 0;
        constexpr int n = 100000;
        for (int i = 0; i < n; ++i) {
            const double z = d.normal();
            sum += z;
            squares += z * z;
            small += d.poisson(3.5);
            large += d.poisson(80);
        }
        QVERIFY(std::abs(sum / n) < 0.02 && std::abs(squares / n - 1) < 0.02);
        QVERIFY(std::abs(small / n - 3.5) < 0.05 && std::abs(large / n - 80) < 0.3);
    }

    void sameSeedGivesIdenticalFiles() {
        writeDataset(data_, path("a.gpkg"));
        writeDataset(generateSample({}), path("b.gpkg"));
        const std::vector<std::string> a = dump(path("a.gpkg")), b = dump(path("b.gpkg"));
        QVERIFY(a.size() > 30000);
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY2(a[i] == b[i], a[i].c_str());
    }

    void differentSeedDiffers() {
        SampleOptions other;
        other.seed = 20261130;
        const Dataset d = generateSample(other);
        writeDataset(d, path("c.gpkg"));
        const std::vector<std::string> a = dump(path("a.gpkg")), c = dump(path("c.gpkg"));
        QVERIFY(a != c);
        QVERIFY(d.districts[0].geometry.wkb != data_.districts[0].geometry.wkb);
        QVERIFY(d.units[0].position != data_.units[0].position);
    }

    void geographyAndPlantedIdsDoNotDependOnScale() {
        SampleOptions half;
        half.scale = 0.5;
        SamplePlanted planted;
        const Dataset d = generateSample(half, nullptr, &planted);
        QCOMPARE(planted.blindSpotVillages, planted_.blindSpotVillages);
        QCOMPARE(planted.hotVillages, planted_.hotVillages);
        QCOMPARE(planted.coldVillages, planted_.coldVillages);
        QCOMPARE(planted.underInspectedDistricts, planted_.underInspectedDistricts);
        QCOMPARE(planted.unreachedDistrict, planted_.unreachedDistrict);
        QCOMPARE(d.villages.size(), data_.villages.size());
        QVERIFY(d.villages.back().geometry.wkb == data_.villages.back().geometry.wkb);
        QVERIFY(d.units.size() > 1300 && d.units.size() < 1700);
    }

    void countsAreInRange() {
        QCOMPARE(data_.crs, std::string("EPSG:4326"));
        QCOMPARE(data_.districts.size(), std::size_t(12));
        QVERIFY(data_.villages.size() >= 130 && data_.villages.size() <= 170);
        QVERIFY(data_.units.size() >= 2800 && data_.units.size() <= 3200);
        QVERIFY(data_.officers.size() >= 80 && data_.officers.size() <= 110);
        QVERIFY2(data_.inspections.size() >= 16000 && data_.inspections.size() <= 24000,
                 qPrintable(QString::number(data_.inspections.size())));
        QVERIFY2(data_.hazards.size() >= 9000 && data_.hazards.size() <= 18000,
                 qPrintable(QString::number(data_.hazards.size())));
        QVERIFY(data_.stations.size() >= 15 && data_.stations.size() <= 40);
        QCOMPARE(data_.districts.front().id, std::string("D01"));
        QCOMPARE(data_.districts.back().id, std::string("D12"));
        QCOMPARE(data_.villages.front().id, std::string("V001"));
        QCOMPARE(data_.officers.front().id, std::string("O001"));
        QCOMPARE(data_.stations.front().id, std::string("S01"));
        for (const Unit& u : data_.units)
            QVERIFY(u.position.x > 102.6 && u.position.x < 102.9 && u.position.y > 24.9 &&
                    u.position.y < 25.15);
    }

    void districtsTileTheStudyArea() {
        const GeosGeometry study = geos(sampleStudyArea());
        QVERIFY(study);
        std::vector<GeosGeometry> parts;
        int townships = 0;
        for (const District& d : data_.districts) {
            parts.push_back(geos(d.geometry));
            QVERIFY2(GEOSisValid_r(ctx(), parts.back().get()) == 1, d.id.c_str());
            QVERIFY2(d.officers && *d.officers >= 4 && *d.officers <= 12, d.id.c_str());
            QVERIFY(d.station.ends_with("派出所"));
            townships += d.kind == DistrictKind::Township;
        }
        QVERIFY(townships >= 2 && townships <= 3);
        const double total = area(study.get());
        for (std::size_t i = 0; i < parts.size(); ++i)
            for (std::size_t j = i + 1; j < parts.size(); ++j) {
                const GeosGeometry overlap(GEOSIntersection_r(ctx(), parts[i].get(), parts[j].get()));
                QVERIFY(overlap);
                QVERIFY2(area(overlap.get()) <= 1e-12 * total, qPrintable(QString("%1 %2").arg(i).arg(j)));
            }
        std::vector<GEOSGeometry*> clones;
        for (const GeosGeometry& g : parts)
            clones.push_back(GEOSGeom_clone_r(ctx(), g.get()));
        const GeosGeometry all(GEOSGeom_createCollection_r(ctx(), GEOS_GEOMETRYCOLLECTION, clones.data(),
                                                           static_cast<unsigned>(clones.size())));
        const GeosGeometry merged(GEOSUnaryUnion_r(ctx(), all.get()));
        QVERIFY(std::abs(area(merged.get()) - total) <= 1e-9 * total);
        const GeosGeometry difference(GEOSSymDifference_r(ctx(), merged.get(), study.get()));
        QVERIFY(area(difference.get()) <= 1e-9 * total);
    }

    void villagesTileTheirDistricts() {
        std::vector<double> villageArea(data_.districts.size());
        std::map<VillageKind, int> kinds;
        std::set<std::string> names;
        for (const Village& v : data_.villages) {
            const auto d = districtIndex_.find(v.districtId);
            QVERIFY2(d != districtIndex_.end(), v.id.c_str());
            const GeosGeometry village = geos(v.geometry),
                               district = geos(data_.districts[d->second].geometry);
            QVERIFY2(GEOSisValid_r(ctx(), village.get()) == 1, v.id.c_str());
            const GeosGeometry outside(GEOSDifference_r(ctx(), village.get(), district.get()));
            QVERIFY2(area(outside.get()) <= 1e-9 * area(village.get()), v.id.c_str());
            villageArea[d->second] += area(village.get());
            QVERIFY(v.population && *v.population >= 500 && *v.population <= 30000);
            QVERIFY2(names.insert(v.name).second, v.name.c_str());
            ++kinds[v.kind];
        }
        for (std::size_t d = 0; d < data_.districts.size(); ++d) {
            const double expected = area(geos(data_.districts[d].geometry).get());
            QVERIFY2(std::abs(villageArea[d] - expected) <= 1e-9 * expected, data_.districts[d].id.c_str());
        }
        QVERIFY(kinds[VillageKind::UrbanVillage] >= 20);
        QVERIFY(kinds[VillageKind::Community] >= 40);
        QVERIFY(kinds[VillageKind::RuralVillage] >= 10);
        // Rural villages are mostly in the township districts.
        int ruralInTownships = 0;
        for (const Village& v : data_.villages)
            ruralInTownships +=
                v.kind == VillageKind::RuralVillage &&
                data_.districts[districtIndex_.at(v.districtId)].kind == DistrictKind::Township;
        QVERIFY(ruralInTownships * 2 > kinds[VillageKind::RuralVillage]);
    }

    void unitsHaveRealisticAttributes() {
        std::map<UnitCategory, int> categories;
        int withoutDistrict = 0, explicitInterval = 0;
        std::map<VillageKind, std::pair<int, int>> threeInOne; // (three_in_one, all) by village kind
        for (std::size_t u = 0; u < data_.units.size(); ++u) {
            const Unit& unit = data_.units[u];
            ++categories[unit.category];
            QVERIFY(!unit.name.empty());
            if (unit.districtId.empty())
                ++withoutDistrict;
            else
                QCOMPARE(unit.districtId, data_.districts[unitDistrict_[u]].id);
            if (unit.inspectEveryDays) {
                ++explicitInterval;
                QVERIFY(*unit.inspectEveryDays >= 30 && *unit.inspectEveryDays <= 365);
            }
            auto& [tio, all] = threeInOne[data_.villages[unitVillage_[u]].kind];
            tio += unit.category == UnitCategory::ThreeInOne;
            ++all;
        }
        const double n = static_cast<double>(data_.units.size());
        QCOMPARE(categories.size(), std::size_t(kUnitCategoryCount));
        const double keyShare = categories[UnitCategory::KeyUnit] / n;
        QVERIFY2(keyShare >= 0.01 && keyShare <= 0.03, qPrintable(QString::number(keyShare)));
        QVERIFY(withoutDistrict / n > 0.03 && withoutDistrict / n < 0.07);
        QVERIFY(explicitInterval / n > 0.05 && explicitInterval / n < 0.2);
        const auto share = [&](VillageKind k) { return double(threeInOne[k].first) / threeInOne[k].second; };
        QVERIFY(share(VillageKind::UrbanVillage) > 2 * share(VillageKind::Community));
    }

    void officersBelongToTheirDistricts() {
        std::map<std::string, int> perDistrict;
        std::set<std::string> names;
        for (const Officer& o : data_.officers) {
            ++perDistrict[o.districtId];
            QVERIFY2(names.insert(o.name).second, o.name.c_str());
        }
        for (const District& d : data_.districts)
            QCOMPARE(perDistrict[d.id], *d.officers);
    }

    void inspectionsAreWorkingHourVisitsByTheDistrictsOfficers() {
        const auto officers = indexById(data_.officers);
        std::map<Outcome, int> outcomes;
        double worstFix = 0;
        for (const Inspection& i : data_.inspections) {
            QVERIFY(i.inspectedAt >= sampleWindowStart() && i.inspectedAt < sampleWindowEnd());
            const Timestamp local = i.inspectedAt - sampleWindowStart(); // the window starts on a Monday
            const std::int64_t day = local / kSecondsPerDay, second = local % kSecondsPerDay;
            QVERIFY2(day % 7 < 5, i.id.c_str());
            QVERIFY2(second >= 8 * 3600 + 1800 && second < 17 * 3600 + 1800, i.id.c_str());
            const std::size_t u = unitIndex_.at(i.unitId);
            QCOMPARE(data_.officers[officers.at(i.officerId)].districtId,
                     data_.districts[unitDistrict_[u]].id);
            worstFix = std::max(worstFix, metres(i.position, data_.units[u].position));
            ++outcomes[i.outcome];
        }
        QCOMPARE(outcomes.size(), std::size_t(4));
        QVERIFY2(worstFix > 5 && worstFix < 40, qPrintable(QString::number(worstFix)));
        QCOMPARE(formatTimestamp(sampleWindowStart()), std::string("2025-12-01T00:00:00+08:00"));
        QCOMPARE(formatTimestamp(sampleWindowEnd()), std::string("2026-11-29T00:00:00+08:00"));
    }

    void hazardsAreConsistent() {
        const auto inspections = indexById(data_.inspections);
        std::set<HazardCategory> categories;
        std::array<int, 3> severities{};
        int open = 0, hotline = 0;
        for (const Hazard& h : data_.hazards) {
            categories.insert(h.category);
            QVERIFY(h.severity >= 1 && h.severity <= 3);
            ++severities[static_cast<std::size_t>(h.severity - 1)];
            QCOMPARE(h.deadline.has_value(), h.severity >= 2);
            if (h.deadline)
                QVERIFY(*h.deadline > h.foundAt);
            if (h.rectifiedAt)
                QVERIFY(*h.rectifiedAt >= h.foundAt && *h.rectifiedAt < sampleWindowEnd());
            else
                ++open;
            const std::size_t u = unitIndex_.at(h.unitId);
            QVERIFY(metres(h.position, data_.units[u].position) < 25);
            if (h.source == HazardSource::Hotline96119) {
                ++hotline;
                QVERIFY(h.inspectionId.empty());
            } else {
                const Inspection& i = data_.inspections[inspections.at(h.inspectionId)];
                QCOMPARE(i.unitId, h.unitId);
                QCOMPARE(i.inspectedAt, h.foundAt);
                QCOMPARE(i.outcome, Outcome::Hazards);
            }
        }
        const double n = static_cast<double>(data_.hazards.size());
        QCOMPARE(categories.size(), std::size_t(kHazardCategoryCount));
        QVERIFY(severities[0] > severities[1] && severities[1] > severities[2] && severities[2] > 0);
        QVERIFY(severities[0] / n > 0.6);
        QVERIFY2(open / n > 0.02 && open / n < 0.2, qPrintable(QString::number(open / n)));
        QVERIFY2(hotline / n > 0.03 && hotline / n < 0.07, qPrintable(QString::number(hotline / n)));
        // Severity 1 is fixed on the spot: mostly the same day.
        int sameDay = 0, minor = 0;
        for (const Hazard& h : data_.hazards)
            if (h.severity == 1 && h.rectifiedAt) {
                ++minor;
                sameDay += formatDate(*h.rectifiedAt) == formatDate(h.foundAt);
            }
        QVERIFY(sameDay > 0.7 * minor);
    }

    void stationsOfEveryKind() {
        std::set<StationKind> kinds;
        for (const FireStation& s : data_.stations) {
            kinds.insert(s.kind);
            QVERIFY(!s.name.empty());
        }
        QVERIFY(kinds.contains(StationKind::Standard) && kinds.contains(StationKind::Small) &&
                kinds.contains(StationKind::Micro));
    }

    void plantedUnderInspectedDistricts() {
        QCOMPARE(planted_.underInspectedDistricts.size(), std::size_t(2));
        const std::vector<double> rate = inspectionsPerUnit();
        double lowestOther = 1e9;
        for (std::size_t d = 0; d < data_.districts.size(); ++d)
            if (!contains(planted_.underInspectedDistricts, data_.districts[d].id))
                lowestOther = std::min(lowestOther, rate[d]);
        for (const std::string& id : planted_.underInspectedDistricts) {
            const double r = rate[districtIndex_.at(id)];
            QVERIFY2(r > 0 && r < 0.35 * lowestOther,
                     qPrintable(QString("%1: %2 vs %3").arg(id.c_str()).arg(r).arg(lowestOther)));
        }
    }

    void plantedBlindSpots() {
        QVERIFY(planted_.blindSpotVillages.size() >= 4 && planted_.blindSpotVillages.size() <= 6);
        std::vector<int> units(data_.villages.size()), visits(data_.villages.size());
        for (std::size_t u = 0; u < data_.units.size(); ++u)
            ++units[unitVillage_[u]];
        for (const Inspection& i : data_.inspections)
            ++visits[unitVillage_[unitIndex_.at(i.unitId)]];
        for (const std::string& id : planted_.blindSpotVillages) {
            const std::size_t v = villageIndex_.at(id);
            QCOMPARE(data_.villages[v].kind, VillageKind::UrbanVillage);
            QVERIFY2(units[v] >= 5, id.c_str());
            QCOMPARE(visits[v], 0);
        }
        // Elsewhere every village with units saw at least one inspection.
        for (std::size_t v = 0; v < data_.villages.size(); ++v)
            if (!contains(planted_.blindSpotVillages, data_.villages[v].id) && units[v] > 0)
                QVERIFY2(visits[v] > 0, data_.villages[v].id.c_str());
    }

    void plantedHotAndColdClusters() {
        for (const auto* cluster : {&planted_.hotVillages, &planted_.coldVillages}) {
            QVERIFY(cluster->size() >= 4 && cluster->size() <= 9);
            const GeosGeometry core = geos(data_.villages[villageIndex_.at(cluster->front())].geometry);
            for (std::size_t i = 1; i < cluster->size(); ++i) { // all adjacent to the first
                double d = 1;
                GEOSDistance_r(ctx(), core.get(),
                               geos(data_.villages[villageIndex_.at((*cluster)[i])].geometry).get(), &d);
                QVERIFY2(d < 1e-9, (*cluster)[i].c_str());
            }
        }
        const double overall = hazardsPerUnit({});
        const double hot = hazardsPerUnit(planted_.hotVillages), cold = hazardsPerUnit(planted_.coldVillages);
        QVERIFY2(hot > 2.5 * overall, qPrintable(QString("hot %1 overall %2").arg(hot).arg(overall)));
        QVERIFY2(cold < 0.2 * overall, qPrintable(QString("cold %1 overall %2").arg(cold).arg(overall)));
        for (const std::string& id : planted_.hotVillages)
            QVERIFY(!contains(planted_.coldVillages, id) && !contains(planted_.blindSpotVillages, id));
    }

    void plantedUnreachedDistrict() {
        const District& far = data_.districts[districtIndex_.at(planted_.unreachedDistrict)];
        QCOMPARE(far.kind, DistrictKind::Township);
        // Distances in metres in the analysis CRS.
        CoordinateTransform toMetric("EPSG:4326", "EPSG:4543");
        Polygon farMetric = far.geometry;
        toMetric.apply(farMetric);
        const GeosGeometry farGeometry = geos(farMetric);
        std::vector<Point> stations;
        for (const FireStation& s : data_.stations) {
            stations.push_back(toMetric.apply(s.position));
            double d = 0;
            GEOSDistance_r(ctx(), farGeometry.get(), geosPoint(stations.back()).get(), &d);
            QVERIFY2(d > 5000, qPrintable(QString("%1 at %2 m").arg(s.id.c_str()).arg(d)));
        }
        // Every other district has a station inside and most of its units within 5 km of one.
        const PolygonIndex districts = PolygonIndex::of(data_.districts);
        std::set<std::size_t> withStation;
        for (const FireStation& s : data_.stations)
            withStation.insert(*districts.locate(s.position));
        std::vector<int> units(data_.districts.size()), reached(data_.districts.size());
        for (std::size_t u = 0; u < data_.units.size(); ++u) {
            const Point p = toMetric.apply(data_.units[u].position);
            ++units[unitDistrict_[u]];
            reached[unitDistrict_[u]] += std::any_of(stations.begin(), stations.end(), [&](Point s) {
                return std::hypot(s.x - p.x, s.y - p.y) <= 5000;
            });
        }
        for (std::size_t d = 0; d < data_.districts.size(); ++d) {
            const std::string& id = data_.districts[d].id;
            if (id == planted_.unreachedDistrict) {
                QCOMPARE(reached[d], 0);
                continue;
            }
            QVERIFY2(withStation.contains(d), id.c_str());
            QVERIFY2(reached[d] * 2 > units[d], id.c_str());
        }
    }

    // The invariants hold for other seeds too, not only for the default one.
    void otherSeedsKeepTheInvariants() {
        const GeosGeometry study = geos(sampleStudyArea());
        for (std::uint64_t seed : {1ULL, 2ULL, 42ULL, 987654321ULL}) {
            SampleOptions options;
            options.seed = seed;
            SamplePlanted planted;
            const Dataset d = generateSample(options, nullptr, &planted);
            const QByteArray name = QByteArray::number(qulonglong(seed));
            Report report;
            checkConsistency(d, SourceMapping{}, report);
            QVERIFY2(report.problems().empty(), report.toText().c_str());
            double districts = 0;
            for (const District& district : d.districts) {
                const GeosGeometry g = geos(district.geometry);
                QVERIFY2(GEOSisValid_r(ctx(), g.get()) == 1, name);
                districts += area(g.get());
            }
            double villages = 0;
            for (const Village& village : d.villages) {
                const GeosGeometry g = geos(village.geometry);
                QVERIFY2(GEOSisValid_r(ctx(), g.get()) == 1, name);
                villages += area(g.get());
            }
            const double total = area(study.get());
            QVERIFY2(std::abs(districts - total) <= 1e-9 * total &&
                         std::abs(villages - total) <= 1e-9 * total,
                     name);
            QVERIFY2(planted.hotVillages.size() >= 4 && planted.hotVillages.size() <= 9, name);
            QVERIFY2(planted.coldVillages.size() >= 4 && planted.coldVillages.size() <= 9, name);
            QVERIFY2(planted.blindSpotVillages.size() >= 4, name);
            const auto villageIndex = indexById(d.villages);
            const PolygonIndex villageOf = PolygonIndex::of(d.villages);
            std::set<std::size_t> blind;
            for (const std::string& id : planted.blindSpotVillages)
                blind.insert(villageIndex.at(id));
            const auto units = indexById(d.units);
            for (const Inspection& i : d.inspections)
                QVERIFY2(!blind.contains(*villageOf.locate(d.units[units.at(i.unitId)].position)), name);
            const GeosGeometry far =
                geos(d.districts[indexById(d.districts).at(planted.unreachedDistrict)].geometry);
            for (const FireStation& station : d.stations) {
                double degrees = 0;
                GEOSDistance_r(ctx(), far.get(), geosPoint(station.position).get(), &degrees);
                QVERIFY2(degrees * 100908.0 > 5000, name); // a degree of longitude is the shorter here
            }
        }
    }

    void readerFindsNoProblems() {
        const ReadResult read = readDataset(path("a.gpkg"), ReadOptions{});
        QVERIFY2(read.report.problems().empty(), read.report.toText().c_str());
        QCOMPARE(read.data.hazards.size(), data_.hazards.size());
    }

    void gcj02OptionMovesPointsOnly() {
        SampleOptions options;
        options.gcj02 = true;
        const Dataset g = generateSample(options);
        QVERIFY(g.districts[3].geometry.wkb == data_.districts[3].geometry.wkb);
        QVERIFY(g.units.size() == data_.units.size() && g.hazards.size() == data_.hazards.size());
        for (std::size_t u = 0; u < g.units.size(); u += 97) {
            const double shift = metres(g.units[u].position, data_.units[u].position);
            QVERIFY2(shift > 300 && shift < 600, qPrintable(QString::number(shift)));
            QVERIFY(g.units[u].position == wgs84ToGcj02(data_.units[u].position));
        }
        QVERIFY(g.stations[0].position == wgs84ToGcj02(data_.stations[0].position));
        QVERIFY(g.inspections[5].position == wgs84ToGcj02(data_.inspections[5].position));
    }

    void badScaleAndCancellation() {
        SampleOptions zero;
        zero.scale = 0;
        QVERIFY_THROWS_EXCEPTION(InputError, generateSample(zero));
        Canceller cancel;
        QVERIFY_THROWS_EXCEPTION(Cancelled, generateSample({}, &cancel));
    }
};

QTEST_GUILESS_MAIN(TestSampleGenerator)
#include "test_sample_generator.moc"
