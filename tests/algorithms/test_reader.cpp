// The inspection-layer reader: a clean fixture reads clean, and each fixture that plants one
// problem gets exactly that problem reported, naming layer, feature and field.
#include "fixtures.h"

#include "firebeat/reader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace firebeat;
using namespace firebeat::test;

namespace {

struct Planted {
    std::string code, layer, field, featureId;
};

std::string listProblems(const Report& r) {
    return r.toText();
}

} // namespace

class TestReader : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    std::string path(const char* name) { return (dir_.path() + "/" + name).toStdString(); }

    ReadResult read(const std::vector<MinimalLayer>& layers, ReadOptions options = {},
                    const char* driver = "GPKG") {
        const std::string file = path(std::string(driver) == "SQLite" ? "fixture.sqlite" : "fixture.gpkg");
        writeLayers(file, layers, driver);
        return readDataset(file, options);
    }

    // Exactly one problem, the planted one.
    void expectOnly(const ReadResult& r, const Planted& p) {
        const auto& problems = r.report.problems();
        QVERIFY2(problems.size() == 1, listProblems(r.report).c_str());
        QCOMPARE(problems[0].code, p.code);
        QCOMPARE(problems[0].layer, p.layer);
        QCOMPARE(problems[0].field, p.field);
        QCOMPARE(problems[0].featureId, p.featureId);
        QVERIFY(!problems[0].message.empty());
    }

  private Q_SLOTS:
    void cleanFixtureReadsClean() {
        const ReadResult r = read(minimalDataset());
        QVERIFY2(r.report.problems().empty(), listProblems(r.report).c_str());
        QCOMPARE(r.data.crs, std::string("EPSG:4543"));
        QCOMPARE(r.data.districts.size(), std::size_t{2});
        QCOMPARE(r.data.villages.size(), std::size_t{2});
        QCOMPARE(r.data.units.size(), std::size_t{3});
        QCOMPARE(r.data.inspections.size(), std::size_t{4});
        QCOMPARE(r.data.hazards.size(), std::size_t{3});
        QCOMPARE(r.data.stations.size(), std::size_t{1});
        QCOMPARE(r.data.officers.size(), std::size_t{2});
        const Hazard& h2 = r.data.hazards[1];
        QCOMPARE(h2.id, std::string("H2"));
        QCOMPARE(h2.category, HazardCategory::FireLane);
        QCOMPARE(h2.severity, 3);
        QCOMPARE(h2.foundAt, makeTimestamp(2026, 5, 3, 11, 0, 0));
        QCOMPARE(h2.deadline, std::optional<Timestamp>(makeTimestamp(2026, 5, 10)));
        QVERIFY(h2.isOpen());
        QCOMPARE(r.data.hazards[2].source, HazardSource::Hotline96119);
        QCOMPARE(r.data.units[1].inspectEveryDays, std::optional<int>(60));
        QVERIFY(r.data.units[1].districtId.empty());
        QCOMPARE(r.data.districts[1].kind, DistrictKind::Township);
        QCOMPARE(r.data.villages[0].population, std::optional<std::int64_t>(1200));
        // Projected to CGCS2000 / 3-degree GK CM 102E: easting around 500 km + 70 km.
        const Point u1 = r.data.units[0].position;
        QVERIFY(u1.x > 560000 && u1.x < 575000);
        QVERIFY(u1.y > 2760000 && u1.y < 2780000);
        QVERIFY(r.data.districts[0].geometry.envelope.contains(u1));
    }

    void spatialiteAndGeopackageReadIdentically() {
        const ReadResult a = read(minimalDataset(), {}, "GPKG");
        const ReadResult b = read(minimalDataset(), {}, "SQLite");
        QVERIFY2(b.report.problems().empty(), listProblems(b.report).c_str());
        QCOMPARE(a.data.hazards.size(), b.data.hazards.size());
        for (std::size_t i = 0; i < a.data.hazards.size(); ++i) {
            QCOMPARE(a.data.hazards[i].id, b.data.hazards[i].id);
            QCOMPARE(a.data.hazards[i].position, b.data.hazards[i].position);
            QCOMPARE(a.data.hazards[i].foundAt, b.data.hazards[i].foundAt);
            QCOMPARE(a.data.hazards[i].rectifiedAt, b.data.hazards[i].rectifiedAt);
        }
        for (std::size_t i = 0; i < a.data.inspections.size(); ++i)
            QCOMPARE(a.data.inspections[i].inspectedAt, b.data.inspections[i].inspectedAt);
        QCOMPARE(a.data.districts[0].geometry.envelope, b.data.districts[0].geometry.envelope);
    }

    // A GeoPackage stores date-times in UTC ("...Z", as GDAL and QGIS write them): read as the
    // same instants as SpatiaLite's "+08:00" text, also where the UTC date is the day before.
    void geopackageUtcDateTimesAreTheSameInstants() {
        std::vector<MinimalLayer> utc = minimalDataset();
        const std::map<std::string, std::string> inUtc = {
            {"2026-03-01T09:30:00+08:00", "2026-03-01T01:30:00Z"},
            {"2026-03-01T10:00:00+08:00", "2026-03-01T02:00:00Z"},
            {"2026-05-03T11:00:00+08:00", "2026-05-03T03:00:00Z"},
            {"2026-05-10T00:00:00+08:00", "2026-05-09T16:00:00Z"},
            {"2026-07-01T08:00:00+08:00", "2026-07-01T00:00:00Z"}};
        for (auto& [wkt, values] : layerNamed(utc, "hazards").features)
            for (const char* field : {"found_at", "deadline", "rectified_at"})
                if (values.count(field)) {
                    QVERIFY2(inUtc.count(values[field]), values[field].c_str());
                    values[field] = inUtc.at(values[field]);
                }
        const ReadResult a = read(utc, {}, "GPKG");
        const ReadResult b = read(minimalDataset(), {}, "SQLite");
        QVERIFY2(a.report.problems().empty(), listProblems(a.report).c_str());
        QCOMPARE(a.data.hazards.size(), std::size_t{3});
        for (std::size_t i = 0; i < a.data.hazards.size(); ++i) {
            QCOMPARE(a.data.hazards[i].foundAt, b.data.hazards[i].foundAt);
            QCOMPARE(a.data.hazards[i].deadline, b.data.hazards[i].deadline);
            QCOMPARE(a.data.hazards[i].rectifiedAt, b.data.hazards[i].rectifiedAt);
        }
        QCOMPARE(a.data.hazards[1].deadline, std::optional(makeTimestamp(2026, 5, 10, 0, 0, 0)));
    }

    void missingLayer() {
        auto layers = minimalDataset();
        std::erase_if(layers, [](const MinimalLayer& l) { return l.name == "fire_stations"; });
        expectOnly(read(layers), {"missing_layer", "fire_stations", "", ""});
    }

    void missingRequiredField() {
        auto layers = minimalDataset();
        auto& hazards = layerNamed(layers, "hazards");
        std::erase_if(hazards.fields, [](const auto& f) { return f.first == "severity"; });
        for (auto& [wkt, values] : hazards.features)
            values.erase("severity");
        const ReadResult r = read(layers);
        expectOnly(r, {"missing_field", "hazards", "severity", ""});
        QVERIFY(r.data.hazards.empty());
    }

    void wrongFieldType() {
        auto layers = minimalDataset();
        auto& districts = layerNamed(layers, "police_districts");
        for (auto& f : districts.fields)
            if (f.first == "officers")
                f.second = "text";
        expectOnly(read(layers), {"wrong_field_type", "police_districts", "officers", ""});
    }

    void nullGeometry() {
        auto layers = minimalDataset();
        layerNamed(layers, "units").features[2].first = "";
        const ReadResult r = read(layers);
        // U3 is left out; its inspections and hazard are not reported again for naming it.
        expectOnly(r, {"null_geometry", "units", "", "U3"});
        QCOMPARE(r.data.units.size(), std::size_t{2});
    }

    void invalidPolygonIsReportedOrRepaired() {
        auto layers = minimalDataset();
        // A bow-tie: self-intersecting ring.
        layerNamed(layers, "villages").features[1].first =
            "MULTIPOLYGON(((102.7 25.0,102.75 25.05,102.75 25.0,102.7 25.05,102.7 25.0)))";
        expectOnly(read(layers), {"invalid_geometry", "villages", "", "V2"});
        ReadOptions repair;
        repair.repairInvalidGeometries = true;
        const ReadResult r = read(layers, repair);
        expectOnly(r, {"repaired_geometry", "villages", "", "V2"});
        QCOMPARE(r.report.problems()[0].severity, Severity::Warning);
        QCOMPARE(r.data.villages.size(), std::size_t{2});
    }

    void wrongGeometryType() {
        auto layers = minimalDataset();
        layerNamed(layers, "fire_stations").geometry = "polygon";
        layerNamed(layers, "fire_stations").features[0].first =
            "POLYGON((102.7 25,102.71 25,102.71 25.01,102.7 25))";
        expectOnly(read(layers), {"wrong_geometry_type", "fire_stations", "", ""});
    }

    void unparseableDate() {
        auto layers = minimalDataset();
        auto& inspections = layerNamed(layers, "inspections");
        for (auto& f : inspections.fields)
            if (f.first == "inspected_at")
                f.second = "text";
        inspections.features[1].second["inspected_at"] = "2026-02-30 10:00";
        expectOnly(read(layers), {"unparseable_date", "inspections", "inspected_at", "I2"});
    }

    void severityOutOfRange() {
        auto layers = minimalDataset();
        layerNamed(layers, "hazards").features[0].second["severity"] = "4";
        expectOnly(read(layers), {"invalid_value", "hazards", "severity", "H1"});
    }

    void unknownCategoryCode() {
        auto layers = minimalDataset();
        layerNamed(layers, "hazards").features[2].second["category"] = "SMOKING";
        const ReadResult r = read(layers);
        expectOnly(r, {"invalid_value", "hazards", "category", "H3"});
        QVERIFY(r.report.problems()[0].message.find("EVAC_BLOCKED") != std::string::npos);
    }

    void duplicateId() {
        auto layers = minimalDataset();
        layerNamed(layers, "officers").features[1].second["officer_id"] = "O1";
        const ReadResult r = read(layers);
        // The duplicate also leaves O2's inspections pointing at an unknown officer.
        QCOMPARE(r.report.count("duplicate_id"), std::size_t{1});
        const Problem& p = r.report.problems()[0];
        QCOMPARE(p.layer, std::string("officers"));
        QCOMPARE(p.featureId, std::string("O1"));
        QCOMPARE(p.code, std::string("duplicate_id"));
    }

    void unknownReference() {
        auto layers = minimalDataset();
        layerNamed(layers, "hazards").features[0].second["unit_id"] = "U99";
        expectOnly(read(layers), {"unknown_reference", "hazards", "unit_id", "H1"});
    }

    void pointOutsideEveryDistrict() {
        auto layers = minimalDataset();
        layerNamed(layers, "hazards").features[2].first = "POINT(102.9 25.2)";
        expectOnly(read(layers), {"outside_districts", "hazards", "", "H3"});
    }

    void missingCrs() {
        auto layers = minimalDataset();
        layerNamed(layers, "fire_stations").epsg = 0;
        expectOnly(read(layers), {"missing_crs", "fire_stations", "", ""});
    }

    void rectifiedBeforeFound() {
        auto layers = minimalDataset();
        layerNamed(layers, "hazards").features[0].second["rectified_at"] = "2026-02-01T10:00:00+08:00";
        expectOnly(read(layers), {"rectified_before_found", "hazards", "rectified_at", "H1"});
    }

    void mappedNamesAreUsed() {
        auto layers = minimalDataset();
        auto& hazards = layerNamed(layers, "hazards");
        hazards.name = "t_hazard";
        for (auto& f : hazards.fields)
            if (f.first == "severity")
                f.first = "grade";
        for (auto& [wkt, values] : hazards.features) {
            values["grade"] = values["severity"];
            values.erase("severity");
        }
        ReadOptions options;
        options.mapping.parseAssignment("hazards=t_hazard");
        options.mapping.parseAssignment("hazards.severity=grade");
        const ReadResult r = read(layers, options);
        QVERIFY2(r.report.problems().empty(), listProblems(r.report).c_str());
        QCOMPARE(r.data.hazards[1].severity, 3);
        // Unmapped, the field is reported under the user's layer name.
        ReadOptions layerOnly;
        layerOnly.mapping.parseAssignment("hazards=t_hazard");
        expectOnly(read(layers, layerOnly), {"missing_field", "t_hazard", "severity", ""});
        QVERIFY_THROWS_EXCEPTION(InputError, options.mapping.parseAssignment("hazards.colour=x"));
        QVERIFY_THROWS_EXCEPTION(InputError, options.mapping.parseAssignment("bridges=x"));
    }

    void gcj02PointsAreShiftedBack() {
        auto layers = minimalDataset();
        ReadResult plain = read(layers);
        // Shift the stations' point to GCJ-02 by ~360 m; declared GCJ-02 it reads back in place.
        layerNamed(layers, "fire_stations").features[0].first = "POINT(102.701462 25.016993)";
        ReadOptions options;
        options.mapping.setGcj02(LayerKind::FireStations, true);
        const ReadResult r = read(layers, options);
        const Point a = plain.data.stations[0].position, b = r.data.stations[0].position;
        QVERIFY2(std::hypot(a.x - b.x, a.y - b.y) < 30,
                 qPrintable(QString::number(std::hypot(a.x - b.x, a.y - b.y))));
    }

    // A source projected in metres keeps its own CRS (issue "your own layers"); Web Mercator,
    // whose metres are not the ground's, gets the metric CRS of its centre.
    void projectedMetricSourceKeepsItsCrs() {
        auto layers = minimalDataset();
        MinimalLayer& hazards = layerNamed(layers, "hazards");
        hazards.epsg = 32648; // WGS 84 / UTM 48N: these points lie near 102.7E 25.0N (Kunming)
        for (std::size_t i = 0; i < hazards.features.size(); ++i)
            hazards.features[i].first = "POINT(" + std::to_string(268000 + 100 * i) + " 2768000)";
        ReadOptions options;
        options.layers = {LayerKind::Hazards};
        options.checkConsistency = false;
        const ReadResult r = read(layers, options);
        QVERIFY2(r.report.problems().empty(), listProblems(r.report).c_str());
        QCOMPARE(r.data.crs, std::string("EPSG:32648"));
        QCOMPARE(r.data.hazards.size(), hazards.features.size());
        QCOMPARE(r.data.hazards[0].position.x, 268000.0); // not reprojected

        hazards.epsg = 3857; // Web Mercator near Kunming (102.7E, 25.0N)
        for (std::size_t i = 0; i < hazards.features.size(); ++i)
            hazards.features[i].first = "POINT(" + std::to_string(11432600 + 100 * i) + " 2875700)";
        const ReadResult mercator = read(layers, options);
        QCOMPARE(mercator.data.crs, std::string("EPSG:4543")); // CGCS2000 3-degree zone of CM 102E
    }

    void extraNumericFieldsAreReadAlignedWithRecords() {
        auto layers = minimalDataset();
        auto& hazards = layerNamed(layers, "hazards");
        hazards.fields.push_back({"weight", "real"});
        hazards.fields.push_back({"note", "text"});
        hazards.features[0].second["weight"] = "2.5";
        hazards.features[1].second["severity"] = "0"; // this hazard is left out: no value for it
        hazards.features[2].second["weight"] = "0.25";
        hazards.features[2].second["note"] = "lots";
        ReadOptions options;
        options.numericFields[LayerKind::Hazards] = {"weight"};
        ReadResult r = read(layers, options);
        const AttributeColumn* weight = r.data.attribute(LayerKind::Hazards, "weight");
        QVERIFY(weight);
        QCOMPARE(r.data.hazards.size(), std::size_t{2});
        QCOMPARE(weight->values, (std::vector<std::optional<double>>{2.5, 0.25}));

        options.numericFields[LayerKind::Hazards] = {"note"};
        r = read(layers, options);
        QCOMPARE(r.report.count("invalid_value"), std::size_t{2}); // severity 0, note "lots"
        options.numericFields[LayerKind::Hazards] = {"nope"};
        r = read(layers, options);
        QCOMPARE(r.report.count("missing_field"), std::size_t{1});
        QCOMPARE(r.report.problems()[0].field, std::string("nope"));
    }

    void unreadableSourceThrows() {
        QVERIFY_THROWS_EXCEPTION(InputError, readDataset(path("does-not-exist.gpkg"), {}));
    }

    void manyBadRowsStayReadable() {
        auto layers = minimalDataset();
        auto& hazards = layerNamed(layers, "hazards");
        const auto proto = hazards.features[0];
        hazards.features.clear();
        for (int i = 0; i < 500; ++i) {
            auto f = proto;
            f.second["hazard_id"] = "H" + std::to_string(i);
            f.second["severity"] = "9";
            hazards.features.push_back(f);
        }
        const ReadResult r = read(layers);
        QCOMPARE(r.report.count("invalid_value"), std::size_t{500});
        QCOMPARE(r.report.problems().size(), Report::kDetailLimit);
        QVERIFY(r.report.toText().find("and 450 more [invalid_value] in hazards") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestReader)
#include "test_reader.moc"
