// Coverage on the Kunming-like sample, through the real pipeline (generate, write a GeoPackage,
// read it back in the metric CRS): the gaps the generator planted must come out.
#include "firebeat/coverage.h"
#include "firebeat/dataset_writer.h"
#include "firebeat/reader.h"
#include "firebeat/sample_generator.h"

#include <QtTest>

#include <algorithm>

using namespace firebeat;

class TestCoverageSample : public QObject {
    Q_OBJECT
  private:
    SamplePlanted planted_;
    CoverageResult result_;
    Report report_;

    const DistrictCoverage& district(const std::string& id) const {
        const auto it = std::find_if(result_.districts.begin(), result_.districts.end(),
                                     [&](const DistrictCoverage& d) { return d.districtId == id; });
        if (it == result_.districts.end())
            throw std::runtime_error("no district " + id);
        return *it;
    }

  private Q_SLOTS:
    void initTestCase() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("sample.gpkg").toStdString();
        writeDataset(generateSample({}, nullptr, &planted_), path);
        const ReadResult read = readDataset(path, ReadOptions{});
        CoverageParameters p;
        p.referenceDate = sampleWindowEnd();
        p.windowDays = kSampleWindowDays;
        result_ = computeCoverage(read.data, p, report_);
    }

    void cleanDataReportsNothing() { QVERIFY2(report_.problems().empty(), report_.toText().c_str()); }

    void plantedBlindSpotsFound() {
        QVERIFY(!planted_.blindSpotVillages.empty());
        for (const std::string& id : planted_.blindSpotVillages)
            QVERIFY2(std::any_of(result_.blindSpots.begin(), result_.blindSpots.end(),
                                 [&](const BlindSpot& b) { return b.villageId == id; }),
                     id.c_str());
    }

    void unreachedDistrictHasNothingInReach() {
        const DistrictCoverage& d = district(planted_.unreachedDistrict);
        QVERIFY(d.unitsTotal > 0);
        QCOMPARE(d.unitsInReach, 0);
        QCOMPARE(*d.areaInReachPct, 0.0);
    }

    void underInspectedDistrictsHaveTheLowestCoverage() {
        // The sample plants two (D08, D10, sample-layers/README.md): an empty list would pass below.
        QCOMPARE(planted_.underInspectedDistricts.size(), std::size_t{2});
        QVERIFY(result_.districts.size() > planted_.underInspectedDistricts.size());
        double lowestOther = 100;
        for (const DistrictCoverage& d : result_.districts)
            if (std::find(planted_.underInspectedDistricts.begin(), planted_.underInspectedDistricts.end(),
                          d.districtId) == planted_.underInspectedDistricts.end())
                lowestOther = std::min(lowestOther, *d.coveragePct);
        for (const std::string& id : planted_.underInspectedDistricts) {
            const DistrictCoverage& d = district(id);
            QVERIFY2(*d.coveragePct < lowestOther, id.c_str());
            QVERIFY2(d.gapRank <= 2, id.c_str()); // the two largest gaps
        }
    }
};

QTEST_GUILESS_MAIN(TestCoverageSample)
#include "test_coverage_sample.moc"
