// The norms file: defaults, partial overrides, the example file, and clear errors.
#include "firebeat/norms.h"
#include "firebeat/progress.h"

#include <QtTest>

using namespace firebeat;

namespace {

// The message of the InputError `text` raises, or "" when it parses.
std::string errorOf(std::string_view text) {
    try {
        parseNorms(text, "my-norms.json");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

bool sameNorms(const Norms& a, const Norms& b) {
    for (std::size_t c = 0; c < a.categories.size(); ++c) {
        const CategoryNorm &x = a.categories[c], &y = b.categories[c];
        if (x.inspectEveryDays != y.inspectEveryDays || x.visitsPerYear != y.visitsPerYear ||
            x.minutesPerVisit != y.minutesPerVisit)
            return false;
    }
    const GapWeights &w = a.gapWeights, &v = b.gapWeights;
    return a.reinspectionShare == b.reinspectionShare && a.travel.speedKmh == b.travel.speedKmh &&
           a.travel.detourFactor == b.travel.detourFactor && a.travel.reachMinutes == b.travel.reachMinutes &&
           a.staffing.unitsPerOfficerUrban == b.staffing.unitsPerOfficerUrban &&
           a.staffing.unitsPerOfficerTownship == b.staffing.unitsPerOfficerTownship &&
           a.staffing.capacityHoursPerPerson == b.staffing.capacityHoursPerPerson &&
           w.uncovered == v.uncovered && w.overdue == v.overdue &&
           w.overdueRectifications == v.overdueRectifications && w.staffing == v.staffing &&
           w.outOfReach == v.outOfReach && w.blindSpots == v.blindSpots;
}

#define EXPECT_ERROR(json, ...)                                                                              \
    do {                                                                                                     \
        const std::string message = errorOf(json);                                                           \
        QVERIFY2(!message.empty(), "no error for " json);                                                    \
        for (const char* part : {__VA_ARGS__})                                                               \
            QVERIFY2(message.find(part) != std::string::npos, (message + " lacks: " + part).c_str());        \
    } while (false)

} // namespace

class TestNorms : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void builtInDefaults() {
        const Norms n;
        QCOMPARE(n.of(UnitCategory::KeyUnit).inspectEveryDays, 365);
        QCOMPARE(n.of(UnitCategory::ThreeInOne).inspectEveryDays, 90);
        QCOMPARE(n.of(UnitCategory::SmallVenue).inspectEveryDays, 180);
        QCOMPARE(n.of(UnitCategory::ResidentialProperty).inspectEveryDays, 365);
        QCOMPARE(n.of(UnitCategory::Other).inspectEveryDays, 365);
        QCOMPARE(n.unitsPerOfficer(DistrictKind::Urban), 500);
        QCOMPARE(n.unitsPerOfficer(DistrictKind::Township), 200);
        // 30 km/h for 5 minutes is 2500 m of road, 2500 / 1.4 in a straight line; micro 3 min.
        QCOMPARE(n.reachRadiusM(StationKind::Standard), 2500 / 1.4);
        QCOMPARE(n.reachRadiusM(StationKind::Small), 2500 / 1.4);
        QCOMPARE(n.reachRadiusM(StationKind::Micro), 1500 / 1.4);
    }

    void emptyDocumentKeepsDefaults() { QVERIFY(sameNorms(parseNorms("{}"), Norms{})); }

    void exampleFileEqualsTheDefaults() {
        QVERIFY(sameNorms(loadNorms(FIREBEAT_SOURCE_DIR "/sample-layers/norms.json"), Norms{}));
    }

    void partialOverride() {
        const Norms n = parseNorms(R"({
            // comments are allowed
            "categories": {"three_in_one": {"inspect_every_days": 60, "minutes_per_visit": 50}},
            "travel": {"speed_kmh": 40, "reach_minutes": {"micro": 4}},
            "staffing": {"units_per_officer_township": 250},
            "reinspection_share": 0.3,
            "gap_weights": {"blind_spots": 0}
        })");
        QCOMPARE(n.of(UnitCategory::ThreeInOne).inspectEveryDays, 60);
        QCOMPARE(n.of(UnitCategory::ThreeInOne).minutesPerVisit, 50.0);
        QCOMPARE(n.of(UnitCategory::ThreeInOne).visitsPerYear,
                 Norms{}.of(UnitCategory::ThreeInOne).visitsPerYear);
        QCOMPARE(n.of(UnitCategory::KeyUnit).inspectEveryDays, 365);
        QCOMPARE(n.travel.speedKmh, 40.0);
        QCOMPARE(n.reachMinutes(StationKind::Micro), 4.0);
        QCOMPARE(n.reachMinutes(StationKind::Standard), 5.0);
        QCOMPARE(n.travel.detourFactor, 1.4);
        QCOMPARE(n.unitsPerOfficer(DistrictKind::Township), 250);
        QCOMPARE(n.unitsPerOfficer(DistrictKind::Urban), 500);
        QCOMPARE(n.reinspectionShare, 0.3);
        QCOMPARE(n.gapWeights.blindSpots, 0.0);
        QCOMPARE(n.gapWeights.uncovered, 0.25);
    }

    void unknownKeysAreRejected() {
        EXPECT_ERROR(R"({"categorie": {}})", "my-norms.json", "categorie", "expected one of", "categories");
        EXPECT_ERROR(R"({"travel": {"sped_kmh": 30}})", "travel.sped_kmh", "speed_kmh");
        EXPECT_ERROR(R"({"categories": {"warehouse": {}}})", "categories.warehouse", "key_unit");
        EXPECT_ERROR(R"({"categories": {"key_unit": {"every": 1}}})", "categories.key_unit.every");
        EXPECT_ERROR(R"({"travel": {"reach_minutes": {"mini": 3}}})", "travel.reach_minutes.mini", "micro");
    }

    void wrongTypesAndRanges() {
        EXPECT_ERROR(R"({"travel": {"speed_kmh": "fast"}})", "travel.speed_kmh must be a number", "\"fast\"");
        EXPECT_ERROR(R"({"travel": {"speed_kmh": 0}})", "travel.speed_kmh must be greater than 0");
        EXPECT_ERROR(R"({"travel": {"detour_factor": 0.9}})", "travel.detour_factor must be at least 1");
        EXPECT_ERROR(R"({"categories": {"key_unit": {"inspect_every_days": 0}}})",
                     "categories.key_unit.inspect_every_days must be a whole number");
        EXPECT_ERROR(R"({"categories": {"key_unit": {"inspect_every_days": 1.5}}})", "inspect_every_days");
        EXPECT_ERROR(R"({"categories": {"small_venue": {"minutes_per_visit": -1}}})",
                     "categories.small_venue.minutes_per_visit must be at least 0");
        EXPECT_ERROR(R"({"reinspection_share": 1.5})", "reinspection_share must be between 0 and 1");
        EXPECT_ERROR(R"({"staffing": {"capacity_hours_per_person": 0}})", "capacity_hours_per_person");
        EXPECT_ERROR(R"({"staffing": {"units_per_officer_urban": 500.5}})", "units_per_officer_urban");
        EXPECT_ERROR(R"({"travel": []})", "travel must be an object");
        EXPECT_ERROR(R"([1, 2])", "the document must be an object");
        EXPECT_ERROR(R"({"gap_weights": {"uncovered": 0, "overdue": 0, "overdue_rectifications": 0,
                         "staffing": 0, "out_of_reach": 0, "blind_spots": 0}})",
                     "gap_weights must not all be 0");
    }

    void invalidJsonAndMissingFile() {
        EXPECT_ERROR(R"({"travel": )", "my-norms.json", "not valid JSON");
        EXPECT_ERROR("", "not valid JSON");
        try {
            loadNorms("/nonexistent/norms.json");
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY(std::string(e.what()).find("/nonexistent/norms.json") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestNorms)
#include "test_norms.moc"
