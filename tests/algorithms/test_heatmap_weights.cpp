// The heatmap's points from hazards: which hazards the filters keep (hand-counted fixture), their
// weights (severity, field, time decay) and radii.
#include "firebeat/heatmap.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace firebeat;

namespace {

Timestamp day(int y, int m, int d) {
    return makeTimestamp(y, m, d);
}

Hazard hazard(std::int64_t fid, HazardCategory category, int severity, Timestamp found,
              std::optional<Timestamp> rectified, HazardSource source, Point at) {
    Hazard h;
    h.fid = fid;
    h.id = "H" + std::to_string(fid);
    h.category = category;
    h.severity = severity;
    h.foundAt = found;
    h.rectifiedAt = rectified;
    h.source = source;
    h.position = at;
    return h;
}

// H1..H6, see each line.
std::vector<Hazard> fixture() {
    using C = HazardCategory;
    using S = HazardSource;
    return {
        hazard(1, C::EvacBlocked, 1, day(2026, 1, 10), std::nullopt, S::Inspection, {0, 0}), // open
        hazard(2, C::FireLane, 2, day(2026, 2, 15), day(2026, 2, 20), S::Inspection,
               {100, 0}),                                                                      // fixed in Feb
        hazard(3, C::Electrical, 3, day(2026, 3, 1), std::nullopt, S::Hotline96119, {200, 0}), // open
        hazard(4, C::EBike, 2, day(2026, 3, 20), day(2026, 4, 10), S::Hotline96119, {300, 0}), // fixed in Apr
        hazard(5, C::Electrical, 1, day(2026, 4, 5), std::nullopt, S::Inspection, {400, 0}),   // open
        hazard(6, C::Hazmat, 3, day(2025, 12, 31), day(2026, 1, 5), S::Inspection, {500, 0}),  // fixed in Jan
    };
}

std::vector<std::int64_t> acceptedFids(const HazardFilter& filter) {
    const std::vector<Hazard> hazards = fixture();
    const HeatmapPoints points = heatmapPoints(hazards, filter, {}, {100, {}, false});
    std::vector<std::int64_t> fids;
    for (std::size_t i : points.hazardIndex)
        fids.push_back(hazards[i].fid);
    return fids;
}

double totalWeight(const HeatmapPoints& p) {
    double w = 0;
    for (const KdePoint& k : p.points)
        w += k.weight;
    return w;
}

using Fids = std::vector<std::int64_t>;

} // namespace

class TestHeatmapWeights : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void filtersKeepExactlyTheExpectedHazards() {
        QCOMPARE(acceptedFids({}), (Fids{1, 2, 3, 4, 5, 6}));
        HazardFilter window;
        window.from = day(2026, 1, 1);
        window.to = day(2026, 4, 1);
        QCOMPARE(acceptedFids(window), (Fids{1, 2, 3, 4}));
        HazardFilter open;
        open.status = HazardFilter::Status::Open;
        QCOMPARE(acceptedFids(open), (Fids{1, 3, 5}));
        // Open at the end of the window: H4 was fixed only after it.
        window.status = HazardFilter::Status::Open;
        QCOMPARE(acceptedFids(window), (Fids{1, 3, 4}));
        HazardFilter electrical;
        electrical.categories = {HazardCategory::Electrical};
        QCOMPARE(acceptedFids(electrical), (Fids{3, 5}));
        HazardFilter serious;
        serious.minSeverity = 2;
        QCOMPARE(acceptedFids(serious), (Fids{2, 3, 4, 6}));
        HazardFilter hotline;
        hotline.source = HazardSource::Hotline96119;
        QCOMPARE(acceptedFids(hotline), (Fids{3, 4}));
        HazardFilter combined;
        combined.categories = {HazardCategory::Electrical, HazardCategory::EBike, HazardCategory::Hazmat};
        combined.minSeverity = 2;
        combined.status = HazardFilter::Status::Open;
        QCOMPARE(acceptedFids(combined), (Fids{3}));
    }

    // What the server's TIME, DIM_SEVERITY and DIM_STATUS select.
    void severitySetsAndStatusNow() {
        HazardFilter oddSeverities;
        oddSeverities.severities = {1, 3};
        QCOMPARE(acceptedFids(oddSeverities), (Fids{1, 3, 5, 6}));
        HazardFilter rectified;
        rectified.status = HazardFilter::Status::Rectified;
        QCOMPARE(acceptedFids(rectified), (Fids{2, 4, 6}));
        // Rectified by the end of the window: H4 was fixed only after it.
        HazardFilter window;
        window.from = day(2026, 1, 1);
        window.to = day(2026, 4, 1);
        window.status = HazardFilter::Status::Rectified;
        QCOMPARE(acceptedFids(window), (Fids{2}));
        // As of now, whatever the window.
        window.statusNow = true;
        QCOMPARE(acceptedFids(window), (Fids{2, 4}));
        window.status = HazardFilter::Status::Open;
        QCOMPARE(acceptedFids(window), (Fids{1, 3}));
    }

    void keysTellFiltersApart() {
        QCOMPARE(HazardFilter{}.key(), std::string());
        HazardFilter open, openNow, severity3, minSeverity3;
        open.status = openNow.status = HazardFilter::Status::Open;
        openNow.statusNow = true;
        severity3.severities = {3};
        minSeverity3.minSeverity = 3;
        const std::set<std::string> keys = {open.key(), openNow.key(), severity3.key(), minSeverity3.key()};
        QCOMPARE(keys.size(), std::size_t{4});
        QVERIFY(!keys.contains(""));
    }

    void severityWeightsDefaultToOneTwoFour() {
        const std::vector<Hazard> hazards = fixture();
        const HeatmapPoints p = heatmapPoints(hazards, {}, {}, {100, {}, false});
        QCOMPARE(p.points.size(), std::size_t(6));
        QCOMPARE(totalWeight(p), 1.0 + 2 + 4 + 2 + 1 + 4);
        QCOMPARE(p.points[2].weight, 4.0);
        QCOMPARE(p.points[2].x, 200.0);
        QCOMPARE(p.bandwidth, std::optional<double>(100));
        HazardWeighting custom;
        custom.severityWeights = {1, 3, 9};
        QCOMPARE(totalWeight(heatmapPoints(hazards, {}, custom, {100, {}, false})), 1.0 + 3 + 9 + 3 + 1 + 9);
    }

    void fieldWeightsReplaceSeverity() {
        std::vector<Hazard> hazards = fixture();
        hazards[0].severity = 5; // only a problem when weighting by severity
        HazardWeighting field;
        field.perHazard = {0.5, 1, 1.5, 2, 2.5, 3};
        HazardFilter serious;
        serious.minSeverity = 2;
        const HeatmapPoints p = heatmapPoints(hazards, serious, field, {100, {}, false});
        QCOMPARE(totalWeight(p), 1.0 + 1.5 + 2 + 3 + 0.5); // H2, H3, H4, H6 and H1 (severity 5)
        try {
            heatmapPoints(hazards, {}, {}, {100, {}, false});
            QFAIL("severity 5 was accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("'H1'") && QString(e.what()).contains("severity 5"),
                     e.what());
        }
        field.perHazard.pop_back();
        QVERIFY_THROWS_EXCEPTION(InputError, heatmapPoints(hazards, {}, field, {100, {}, false}));
        field.perHazard = {1, 1, -1, 1, 1, 1};
        QVERIFY_THROWS_EXCEPTION(InputError, heatmapPoints(fixture(), {}, field, {100, {}, false}));
    }

    void timeDecayHalvesEachHalfLife() {
        const std::vector<Hazard> hazards = fixture();
        HazardWeighting decay;
        decay.halfLifeDays = 30;
        decay.referenceDate = day(2026, 4, 5);
        HazardFilter filter;
        filter.from = day(2026, 1, 1); // after the filters: H6 is gone before decay matters
        const HeatmapPoints p = heatmapPoints(hazards, filter, decay, {100, {}, false});
        QCOMPARE(p.points.size(), std::size_t(5));
        const double ages[] = {85, 49, 35, 16, 0}; // days from found_at to 2026-04-05
        const double base[] = {1, 2, 4, 2, 1};
        for (std::size_t i = 0; i < 5; ++i)
            QVERIFY(std::abs(p.points[i].weight - base[i] * std::pow(0.5, ages[i] / 30)) < 1e-12);
        // A hazard found after the reference date counts with its full weight.
        decay.referenceDate = day(2026, 3, 1);
        QCOMPARE(heatmapPoints(hazards, filter, decay, {100, {}, false}).points[4].weight, 1.0);
        decay.halfLifeDays = 0;
        QVERIFY_THROWS_EXCEPTION(InputError, heatmapPoints(hazards, filter, decay, {100, {}, false}));
    }

    void decayScalesTheRasterLinearly() {
        // One hazard aged exactly two half-lives: its raster is a quarter of the undecayed one.
        const std::vector<Hazard> one{fixture()[2]};
        HazardWeighting decay;
        decay.halfLifeDays = 10;
        decay.referenceDate = one[0].foundAt + 20 * kSecondsPerDay;
        const RasterWindow w = windowForExtent(Envelope{0, -200, 400, 200}, 10);
        std::vector<float> full(w.pixelCount()), decayed(w.pixelCount());
        computeWindow(KdePointIndex(heatmapPoints(one, {}, {}, {150, {}, false}).points), w, {}, full);
        computeWindow(KdePointIndex(heatmapPoints(one, {}, decay, {150, {}, false}).points), w, {}, decayed);
        double peak = 0;
        for (std::size_t i = 0; i < full.size(); ++i) {
            QVERIFY(std::abs(decayed[i] - full[i] / 4) <= 1e-6f * full[i]);
            peak = std::max(peak, double(full[i]));
        }
        QVERIFY(peak > 0);
    }

    void radiiFixedPerHazardOrAutomatic() {
        const std::vector<Hazard> hazards = fixture();
        HazardBandwidth perHazard{0, {10, 20, 30, 40, 50, 60}, false};
        HazardFilter serious;
        serious.minSeverity = 3;
        HeatmapPoints p = heatmapPoints(hazards, serious, {}, perHazard);
        QCOMPARE(p.points.size(), std::size_t(2));
        QCOMPARE(p.points[0].radius, 30.0);
        QCOMPARE(p.points[1].radius, 60.0);
        QCOMPARE(p.bandwidth, std::optional<double>());
        HazardBandwidth automatic{0, {}, true};
        p = heatmapPoints(hazards, {}, {}, automatic);
        QVERIFY(p.bandwidth);
        QCOMPARE(*p.bandwidth, silvermanBandwidth(p.points));
        for (const KdePoint& k : p.points)
            QCOMPARE(k.radius, *p.bandwidth);
        QVERIFY_THROWS_EXCEPTION(InputError, heatmapPoints(hazards, {}, {}, {0, {}, false}));
        QVERIFY_THROWS_EXCEPTION(InputError, heatmapPoints(hazards, {}, {}, {0, {1, 2}, false}));
    }
};

QTEST_GUILESS_MAIN(TestHeatmapWeights)
#include "test_heatmap_weights.moc"
