// The server's layers as `firebeat serve` builds them (makeLayers over a small GeoPackage), in
// process: every layer in GetCapabilities; drawn where its features are in the colours of
// styles/*.qml and transparent elsewhere; GetFeatureInfo against the CLI's own analysis outputs
// (`firebeat coverage`, `firebeat hotspots`) and the fixture's values; the heatmap's hazard
// selections against a hand computation; its mean-density rule against the hazards' mass.
#include "fixtures.h"

#include "ogc/heatmap_layer.h"
#include "ogc/layer_factory.h"
#include "ogc/map_crs.h"
#include "ogc/qml_style.h"
#include "ogc/router.h"

#include "firebeat/crs.h"
#include "firebeat/heatmap_scale.h"
#include "firebeat/kde.h"
#include "firebeat/reader.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <numbers>

using namespace firebeat;
using namespace firebeat::ogc;
using firebeat::test::kLoneLat;
using firebeat::test::kLoneLon;

namespace {

constexpr double kRadius = 500;
constexpr double kEarthRadius = 6378137; // of EPSG:3857
const std::array<double, 3> kSeverityWeights{1, 2, 4};

// The minimal data set with 3 x 3 villages V<row><col> (rows from the south, columns from the
// west, 0.03 x 0.015 degrees from 102.65 E, 25.0 N) and eight more hazards in the north-west, so
// the hot-spot analysis has something to find.
std::vector<test::MinimalLayer> fixtureLayers() {
    std::vector<test::MinimalLayer> layers = test::minimalDataset();
    test::MinimalLayer& villages = test::layerNamed(layers, "villages");
    villages.features.clear();
    for (int row = 1; row <= 3; ++row)
        for (int col = 1; col <= 3; ++col) {
            const double x0 = 102.65 + (col - 1) * 0.03, y0 = 25.0 + (row - 1) * 0.015;
            const QString wkt = QString("MULTIPOLYGON(((%1 %2,%3 %2,%3 %4,%1 %4,%1 %2)))")
                                    .arg(x0, 0, 'f', 3)
                                    .arg(y0, 0, 'f', 3)
                                    .arg(x0 + 0.03, 0, 'f', 3)
                                    .arg(y0 + 0.015, 0, 'f', 3);
            const std::string id = "V" + std::to_string(row) + std::to_string(col);
            villages.features.push_back({wkt.toStdString(),
                                         {{"village_id", id},
                                          {"name", "村" + id},
                                          {"district_id", col < 3 ? "D1" : "D2"},
                                          {"kind", "community"},
                                          {"population", std::to_string(1000 + 100 * row + col)}}});
        }
    test::MinimalLayer& hazards = test::layerNamed(layers, "hazards");
    const std::vector<std::tuple<const char*, const char*, const char*, const char*>> more = {
        {"POINT(102.655 25.035)", "1", "EBIKE", "2025-11-02T10:00:00+08:00"},
        {"POINT(102.660 25.040)", "1", "ELECTRICAL", "2025-12-12T10:00:00+08:00"},
        {"POINT(102.665 25.035)", "2", "EBIKE", "2026-01-20T10:00:00+08:00"},
        {"POINT(102.670 25.041)", "2", "HYDRANT", "2026-02-14T10:00:00+08:00"},
        {"POINT(102.675 25.036)", "1", "OTHER", "2026-03-30T10:00:00+08:00"},
        {"POINT(102.685 25.035)", "1", "EBIKE", "2026-04-11T10:00:00+08:00"},
        {"POINT(102.695 25.033)", "2", "ELECTRICAL", "2026-05-21T10:00:00+08:00"},
        {"POINT(102.700 25.036)", "1", "EXTINGUISHER", "2026-06-18T10:00:00+08:00"},
    };
    int n = 4;
    for (const auto& [wkt, severity, category, found] : more)
        hazards.features.push_back({wkt,
                                    {{"hazard_id", "H" + std::to_string(n++)},
                                     {"category", category},
                                     {"severity", severity},
                                     {"found_at", found},
                                     {"source", "hotline_96119"}}});
    return layers;
}

// The colours of styles/*.qml, as the files write them.
QRgb gapScoreColour(double score) {
    const QRgb colours[] = {qRgb(255, 255, 178), qRgb(254, 204, 92), qRgb(253, 141, 60), qRgb(240, 59, 32),
                            qRgb(189, 0, 38)};
    for (int k = 0; k < 5; ++k)
        if (score <= 20 * (k + 1))
            return colours[k];
    return 0;
}
QRgb giBinColour(int bin) {
    const QRgb colours[] = {qRgb(69, 117, 181),  qRgb(145, 191, 219), qRgb(224, 243, 248),
                            qRgb(200, 200, 200), qRgb(254, 224, 144), qRgb(252, 141, 89),
                            qRgb(215, 48, 39)};
    return colours[bin + 3];
}
constexpr QRgb kSeverity3Colour = qRgb(189, 0, 38);
constexpr QRgb kUnitColour = qRgb(49, 130, 189);
constexpr QRgb kStationColour = qRgb(227, 26, 28);
constexpr QRgb kDistrictOutline = qRgb(55, 55, 55);
constexpr QRgb kVillageFill = qRgba(199, 233, 192, 100);

// A map in lon/lat (x = longitude).
MapView lonLatView(double minLon, double minLat, double maxLon, double maxLat, int width, int height) {
    return {"EPSG:4326", {minLon, minLat, maxLon, maxLat}, width, height};
}
// The fixture's whole area at 0.00025 degrees per pixel.
const MapView kArea = lonLatView(102.64, 24.99, 102.76, 25.06, 480, 280);

QPoint pixelOf(const MapView& v, double lon, double lat) {
    return {static_cast<int>(std::floor((lon - v.bbox.minX) / v.bbox.width() * v.width)),
            static_cast<int>(std::floor((v.bbox.maxY - lat) / v.bbox.height() * v.height))};
}

// A one-pixel map a few centimetres wide around (lon, lat).
MapView pointView(double lon, double lat) {
    const double eps = 1e-7;
    return lonLatView(lon - eps, lat - eps, lon + eps, lat + eps, 1, 1);
}

// Every feature of an output layer by its id field: field name -> value (null: invalid QVariant).
std::map<QString, QVariantMap> readOutput(const QString& path, const char* layerName, const char* idField) {
    std::map<QString, QVariantMap> rows;
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_VECTOR));
    OGRLayer* layer = ds ? ds->GetLayerByName(layerName) : nullptr;
    if (!layer)
        return rows;
    for (const auto& f : *layer) {
        QVariantMap m;
        for (int i = 0; i < f->GetFieldCount(); ++i) {
            const OGRFieldDefn* defn = f->GetFieldDefnRef(i);
            QVariant v;
            if (f->IsFieldSetAndNotNull(i)) {
                if (defn->GetType() == OFTReal)
                    v = f->GetFieldAsDouble(i);
                else if (defn->GetType() == OFTInteger || defn->GetType() == OFTInteger64)
                    v = static_cast<qlonglong>(f->GetFieldAsInteger64(i));
                else
                    v = QString::fromUtf8(f->GetFieldAsString(i));
            }
            m[defn->GetNameRef()] = v;
        }
        rows[m[idField].toString()] = m;
    }
    return rows;
}

// Runs `firebeat ARGUMENTS`; its stderr when it fails, else empty.
QString runCli(const QStringList& arguments) {
    QProcess p;
    p.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")), arguments);
    if (!p.waitForFinished(300000) || p.exitCode() != 0)
        return "firebeat " + arguments.join(' ') + " failed: " + QString::fromUtf8(p.readAllStandardError());
    return {};
}

// The JSON property equals the output field: numbers to 1e-9 relative, nulls both null.
bool sameValue(const QJsonValue& json, const QVariant& field) {
    if (!field.isValid())
        return json.isNull();
    if (field.typeId() == QMetaType::QString)
        return json.toString() == field.toString();
    const double a = json.toDouble(std::nan("")), b = field.toDouble();
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

// Every channel within `tolerance`.
bool near(QRgb a, QRgb b, int tolerance) {
    return std::abs(qRed(a) - qRed(b)) <= tolerance && std::abs(qGreen(a) - qGreen(b)) <= tolerance &&
           std::abs(qBlue(a) - qBlue(b)) <= tolerance && std::abs(qAlpha(a) - qAlpha(b)) <= tolerance;
}

int opaquePixels(const QImage& image) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            n += qAlpha(image.pixel(x, y)) > 0;
    return n;
}

} // namespace

class TestServerLayers : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString source_;
    std::shared_ptr<const Dataset> data_;
    Catalogue catalogue_;

    const MapLayer* layer(const char* name) const { return catalogue_.find(name); }

    // The density reported at (lon, lat) for the hazards `selection` accepts.
    QJsonObject heatmapAt(double lon, double lat, const HazardSelection& selection) const {
        return layer("hazard_heatmap")->featureInfo(pointView(lon, lat), 0, 0, selection)[0].toObject();
    }

    // The features answered at (lon, lat) of the whole-area map.
    QJsonArray infoAt(const char* name, double lon, double lat, const HazardSelection& selection = {}) const {
        const QPoint p = pixelOf(kArea, lon, lat);
        return layer(name)->featureInfo(kArea, p.x(), p.y(), selection);
    }

    QRgb colourAt(const QImage& image, double lon, double lat) const {
        return image.pixel(pixelOf(kArea, lon, lat));
    }

    // The weight of every hazard of the fixture (by severity).
    double totalWeight() const {
        double total = 0;
        for (const Hazard& h : data_->hazards)
            total += kSeverityWeights[static_cast<std::size_t>(h.severity - 1)];
        return total;
    }

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        source_ = dir_.filePath("data.gpkg");
        test::writeLayers(source_.toStdString(), fixtureLayers());
        ReadOptions options;
        options.checkConsistency = false;
        ReadResult read = readDataset(source_.toStdString(), options);
        data_ = std::make_shared<const Dataset>(std::move(read.data));
        QCOMPARE(data_->hazards.size(), std::size_t{11});
        LayerSettings settings;
        settings.heatmapRadius = kRadius;
        settings.severityWeights = kSeverityWeights;
        catalogue_.dataVersion = "1";
        catalogue_.analysisCrs = data_->crs;
        catalogue_.layers = makeLayers(data_, settings);
    }

    // The heatmap's kernels in every offered map CRS exist as soon as the layers do (the server
    // makes them before it listens): no tile, not even the first, waits for them. Runs first,
    // before any request could have built them.
    void heatmapKernelsAreBuiltWithTheLayer() {
        const auto* heatmap = dynamic_cast<const HeatmapLayer*>(layer("hazard_heatmap"));
        QVERIFY(heatmap);
        const auto& offered = offeredCrss(data_->crs);
        QVERIFY(offered.size() >= 4);
        for (const OfferedCrs& crs : offered)
            QVERIFY2(heatmap->field().hasKernelsIn(crs.crs), crs.name.c_str());
        QVERIFY(!heatmap->field().hasKernelsIn("EPSG:32648")); // not offered: built on demand only
    }

    void everyLayerIsInTheCapabilities() {
        const HttpReply r =
            dispatch(catalogue_,
                     QUrl("http://127.0.0.1/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0"), nullptr);
        QCOMPARE(r.status, 200);
        QStringList names;
        QXmlStreamReader xml(r.body);
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"Name")
                names.push_back(xml.readElementText());
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        for (const char* name : {"hazard_heatmap", "district_coverage", "village_hotspots", "hazards",
                                 "units", "fire_stations", "police_districts", "villages"})
            QVERIFY2(names.contains(name), name);
    }

    // Each district in its gap-score colour; its metrics equal `firebeat coverage`'s for the
    // same reference date (the data's latest activity, H3 found 2026-07-01 08:00 +08:00).
    void districtCoverageMatchesTheCli() {
        const QString output = dir_.filePath("coverage.gpkg");
        const QString failed = runCli({"coverage", "--input", source_, "--reference-date",
                                       "2026-07-01T08:00:00+08:00", "--output", output, "--quiet"});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        const auto cli = readOutput(output, "district_coverage", "district_id");
        QCOMPARE(cli.size(), std::size_t{2});
        const QImage map = layer("district_coverage")->render(kArea, {}, nullptr);
        QCOMPARE(map.size(), QSize(480, 280));
        const std::map<QString, std::pair<double, double>> inside = {{"D1", {102.675, 25.025}},
                                                                     {"D2", {102.725, 25.035}}};
        for (const auto& [id, where] : inside) {
            const QVariantMap& row = cli.at(id);
            QCOMPARE(colourAt(map, where.first, where.second), gapScoreColour(row["gap_score"].toDouble()));
            const QJsonArray info = infoAt("district_coverage", where.first, where.second);
            QCOMPARE(info.size(), 1);
            const QJsonObject o = info[0].toObject();
            for (const char* field :
                 {"district_id", "gap_score", "gap_rank", "coverage_pct", "units_total", "units_inspected",
                  "overdue_units", "never_inspected", "inspections", "open_hazards", "open_major_hazards",
                  "overdue_rectifications", "officers", "units_per_officer", "blind_spot_villages",
                  "units_in_reach_pct", "area_in_reach_pct"})
                QVERIFY2(sameValue(o[field], row[field]),
                         qPrintable(id + " " + field + ": " + o[field].toVariant().toString() + " vs " +
                                    row[field].toString()));
        }
        QCOMPARE(qAlpha(colourAt(map, 102.645, 25.055)), 0); // outside both districts
        QVERIFY(infoAt("district_coverage", 102.645, 25.055).isEmpty());
    }

    // Each village in its Gi* class colour; its statistics equal `firebeat hotspots`'s defaults.
    void villageHotspotsMatchTheCli() {
        const QString output = dir_.filePath("hotspots.gpkg");
        const QString failed = runCli({"hotspots", "--input", source_, "--output", output, "--quiet"});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        const auto cli = readOutput(output, "village_hotspots", "village_id");
        QCOMPARE(cli.size(), std::size_t{9});
        const QImage map = layer("village_hotspots")->render(kArea, {}, nullptr);
        for (int row = 1; row <= 3; ++row)
            for (int col = 1; col <= 3; ++col) {
                const QString id = QString("V%1%2").arg(row).arg(col);
                const double lon = 102.65 + (col - 0.5) * 0.03, lat = 25.0 + (row - 0.5) * 0.015;
                const QVariantMap& expected = cli.at(id);
                QCOMPARE(colourAt(map, lon, lat), giBinColour(expected["gi_bin"].toInt()));
                const QJsonArray info = infoAt("village_hotspots", lon, lat);
                QCOMPARE(info.size(), 1);
                const QJsonObject o = info[0].toObject();
                for (const char* field : {"village_id", "name", "value", "gi_z", "gi_p", "gi_bin",
                                          "gi_bin_fdr", "lisa_i", "lisa_p", "lisa_quadrant"})
                    QVERIFY2(sameValue(o[field], expected[field]), qPrintable(id + " " + field));
            }
        QCOMPARE(qAlpha(colourAt(map, 102.745, 25.055)), 0);
    }

    // Markers in their style's colour at the features, nothing elsewhere, and their attributes.
    void pointLayersShowTheirFeatures() {
        const QImage hazards = layer("hazards")->render(kArea, {}, nullptr);
        QCOMPARE(colourAt(hazards, kLoneLon, kLoneLat), kSeverity3Colour);
        QCOMPARE(qAlpha(colourAt(hazards, 102.745, 25.055)), 0);
        const QJsonArray h2 = infoAt("hazards", kLoneLon, kLoneLat);
        QCOMPARE(h2.size(), 1);
        QCOMPARE(h2.at(0).toObject()["hazard_id"].toString(), QString("H2"));
        QCOMPARE(h2.at(0).toObject()["severity"].toInt(), 3);
        QCOMPARE(h2.at(0).toObject()["category"].toString(), QString("FIRE_LANE"));
        QCOMPARE(h2.at(0).toObject()["status"].toString(), QString("open"));
        QCOMPARE(h2.at(0).toObject()["found_at"].toString(), QString("2026-05-03T03:00:00Z"));
        // DIM_SEVERITY=1,2 leaves the severity-3 hazard out.
        HazardSelection minor;
        minor.severities = {1, 2};
        QCOMPARE(qAlpha(colourAt(layer("hazards")->render(kArea, minor, nullptr), kLoneLon, kLoneLat)), 0);
        QVERIFY(infoAt("hazards", kLoneLon, kLoneLat, minor).isEmpty());

        const QImage units = layer("units")->render(kArea, {}, nullptr);
        QCOMPARE(colourAt(units, 102.72, 25.01), kUnitColour);
        QCOMPARE(qAlpha(colourAt(units, 102.745, 25.055)), 0);
        const QJsonArray u3 = infoAt("units", 102.72, 25.01);
        QCOMPARE(u3.size(), 1);
        QCOMPARE(u3.at(0).toObject()["unit_id"].toString(), QString("U3"));
        QCOMPARE(u3.at(0).toObject()["name"].toString(), QString("商场"));
        QCOMPARE(u3.at(0).toObject()["category"].toString(), QString("key_unit"));

        const QImage stations = layer("fire_stations")->render(kArea, {}, nullptr);
        QCOMPARE(colourAt(stations, 102.70, 25.02), kStationColour);
        QCOMPARE(qAlpha(colourAt(stations, 102.745, 25.055)), 0);
        QCOMPARE(infoAt("fire_stations", 102.70, 25.02).at(0).toObject()["station_id"].toString(),
                 QString("S1"));
        QVERIFY(infoAt("fire_stations", 102.72, 25.04).isEmpty()); // 2 km from the station
    }

    void polygonLayersShowTheirFeatures() {
        // Districts: outlines only; the shared border at 102.70 E is pixel column 240's left edge
        // and the 0.6 mm (2.1 px) outline covers columns 239 and 240 entirely.
        const QImage districts = layer("police_districts")->render(kArea, {}, nullptr);
        const int row = pixelOf(kArea, 102.70, 25.025).y();
        QCOMPARE(districts.pixel(239, row), kDistrictOutline);
        QCOMPARE(districts.pixel(240, row), kDistrictOutline);
        QCOMPARE(qAlpha(colourAt(districts, 102.675, 25.025)), 0);
        const QJsonArray d2 = infoAt("police_districts", 102.725, 25.035);
        QCOMPARE(d2.size(), 1);
        QCOMPARE(d2.at(0).toObject()["district_id"].toString(), QString("D2"));
        QCOMPARE(d2.at(0).toObject()["station"].toString(), QString("东派出所"));
        QCOMPARE(d2.at(0).toObject()["officers"].toInt(), 2);

        // Villages: a translucent fill (alpha 100 of 255), within rounding of premultiplied alpha.
        const QRgb fill = colourAt(layer("villages")->render(kArea, {}, nullptr), 102.695, 25.0225);
        QVERIFY2(near(fill, kVillageFill, 2), qPrintable(QString::number(fill, 16)));
        const QJsonArray v22 = infoAt("villages", 102.695, 25.0225);
        QCOMPARE(v22.size(), 1);
        QCOMPARE(v22.at(0).toObject()["village_id"].toString(), QString("V22"));
        QCOMPARE(v22.at(0).toObject()["population"].toInt(), 1202);
    }

    // The lone hazard's density, weight 4 x 3 / (pi r^2) per km^2 at its centre, is there only
    // when TIME, DIM_SEVERITY, DIM_STATUS and DIM_CATEGORY select it.
    void heatmapHonoursTheSelection() {
        const double atHazard = 4 * 3 / (std::numbers::pi * kRadius * kRadius) * 1e6;
        HazardSelection all, major, minor, open, rectified, fireLane, ebike, fromJune, toMay;
        major.severities = {3};
        minor.severities = {1, 2};
        open.status = HazardSelection::Status::Open;
        rectified.status = HazardSelection::Status::Rectified;
        fireLane.categories = {HazardCategory::FireLane};
        ebike.categories = {HazardCategory::EBike};
        fromJune.from = makeTimestamp(2026, 6, 1);
        toMay.to = makeTimestamp(2026, 5, 31);
        const std::vector<std::tuple<const char*, HazardSelection, bool>> cases = {
            {"all", all, true},      {"severity 3", major, true},     {"severity 1,2", minor, false},
            {"open", open, true},    {"rectified", rectified, false}, {"FIRE_LANE", fireLane, true},
            {"EBIKE", ebike, false}, {"from June", fromJune, false},  {"to May", toMay, true}};
        for (const auto& [name, selection, selected] : cases) {
            const QJsonObject o = heatmapAt(kLoneLon, kLoneLat, selection);
            const double expected = selected ? atHazard : 0;
            QVERIFY2(
                std::abs(o["density_per_km2"].toDouble(-1) - expected) <= 1e-6 * atHazard,
                qPrintable(
                    QString("%1: %2 vs %3").arg(name).arg(o["density_per_km2"].toDouble()).arg(expected)));
            QCOMPARE(o["hazards_within_radius"].toInt(), selected ? 1 : 0);
        }
        // A map of the selection draws it; a map without it is empty there.
        const MapView around =
            lonLatView(kLoneLon - 0.01, kLoneLat - 0.01, kLoneLon + 0.01, kLoneLat + 0.01, 64, 64);
        QVERIFY(opaquePixels(layer("hazard_heatmap")->render(around, major, nullptr)) > 100);
        QCOMPARE(opaquePixels(layer("hazard_heatmap")->render(around, minor, nullptr)), 0);
    }

    void heatmapDimensionsSpanTheData() {
        std::map<QString, LayerDimension> dims;
        for (const LayerDimension& d : layer("hazard_heatmap")->dimensions())
            dims[d.name] = d;
        // H4 is the earliest hazard (2025-11-02 10:00 +08:00), H3 the latest (2026-07-01 08:00 +08:00).
        QCOMPARE(dims["time"].extent, QString("2025-11-02T02:00:00Z/2026-07-01T00:00:00Z"));
        QCOMPARE(dims["time"].defaultValue, dims["time"].extent);
        QCOMPARE(dims["time"].units, QString("ISO8601"));
        QCOMPARE(dims["severity"].extent, QString("1,2,3"));
        QCOMPARE(dims["status"].extent, QString("open,rectified,all"));
        QVERIFY(dims["category"].extent.split(',').contains("FIRE_LANE"));
        QCOMPARE(dims["category"].extent.split(',').size(), 14);
        QCOMPARE(layer("hazards")->dimensions().size(), std::size_t{4});
    }

    // Pixels wider than the bandwidth show the mean density over their footprint: summed over a
    // low-zoom map (pixel density x ground area) they hold every hazard's weight, which sampling
    // the density at pixel centres does not. Ground area of an EPSG:3857 pixel: (side x cos lat)^2.
    void meanDensityKeepsTheHazardsMass_data() {
        QTest::addColumn<double>("pixel"); // EPSG:3857 metres
        QTest::addColumn<int>("size");
        QTest::newRow("binned, 2.7 km pixels") << 3000.0 << 40;
        QTest::newRow("sampled 3 x 3, 540 m pixels") << 600.0 << 64;
        QTest::newRow("sampled 2 x 2, 360 m pixels") << 400.0 << 96;
    }

    void meanDensityKeepsTheHazardsMass() {
        QFETCH(double, pixel);
        QFETCH(int, size);
        const auto* heatmap = dynamic_cast<const HeatmapLayer*>(layer("hazard_heatmap"));
        QVERIFY(heatmap);
        const Point centre = CoordinateTransform("EPSG:4326", "EPSG:3857").apply(Point{102.69, 25.03});
        const double half = pixel * size / 2;
        const MapView view{
            "EPSG:3857", {centre.x - half, centre.y - half, centre.x + half, centre.y + half}, size, size};
        const std::vector<double> density = heatmap->density(view, 0, size, {});
        // The same pixels' centres, and the hazards, in the analysis CRS: density by hand there.
        CoordinateTransform toLonLat("EPSG:3857", "EPSG:4326"), toAnalysis("EPSG:4326", data_->crs);
        double mass = 0, centreMass = 0;
        for (int row = 0; row < size; ++row)
            for (int col = 0; col < size; ++col) {
                const Point p{view.bbox.minX + (col + 0.5) * pixel, view.bbox.maxY - (row + 0.5) * pixel};
                const double lat = std::atan(std::sinh(p.y / kEarthRadius));
                const double areaKm2 = std::pow(pixel * std::cos(lat), 2) / 1e6;
                mass += density[static_cast<std::size_t>(row * size + col)] * areaKm2;
                const Point at = toAnalysis.apply(toLonLat.apply(p));
                double sum = 0;
                for (const Hazard& h : data_->hazards) {
                    const double d2 = std::pow(at.x - h.position.x, 2) + std::pow(at.y - h.position.y, 2);
                    if (d2 < kRadius * kRadius)
                        sum += kSeverityWeights[static_cast<std::size_t>(h.severity - 1)] * 3 /
                               (std::numbers::pi * kRadius * kRadius) *
                               std::pow(1 - d2 / (kRadius * kRadius), 2);
                }
                centreMass += sum * 1e6 * areaKm2;
            }
        const double total = totalWeight();
        qInfo("pixel %.0f m: mean-density mass %.3f, centre-sampled mass %.3f, hazards' weight %.0f", pixel,
              mass, centreMass, total);
        QVERIFY2(std::abs(mass - total) < 0.02 * total, qPrintable(QString::number(mass)));
        if (pixel >= 3000)
            QVERIFY2(std::abs(centreMass - total) > 0.2 * total, qPrintable(QString::number(centreMass)));
    }

    // At low zooms too (footprint means, binning), four XYZ tiles equal one 512 x 512 map.
    void lowZoomTilesJoinWithoutSeams_data() {
        QTest::addColumn<int>("zoom");
        QTest::newRow("z7, binned") << 7;
        QTest::newRow("z8, sampled") << 8;
        QTest::newRow("z10, centres") << 10;
    }

    void lowZoomTilesJoinWithoutSeams() {
        QFETCH(int, zoom);
        const double halfWorld = 20037508.342789244;
        const double n = std::ldexp(1.0, zoom);
        const double fx = (102.69 + 180) / 360 * n;
        const double fy =
            (1 - std::asinh(std::tan(25.03 * std::numbers::pi / 180)) / std::numbers::pi) / 2 * n;
        const double x0 = std::floor(fx - 0.5), y0 = std::floor(fy - 0.5);
        const double tile = 2 * halfWorld / n;
        const auto tileView = [&](double x, double y, double tiles) {
            const double minx = -halfWorld + x * tile, maxy = halfWorld - y * tile;
            const int pixels = static_cast<int>(256 * tiles);
            return MapView{
                "EPSG:3857", {minx, maxy - tiles * tile, minx + tiles * tile, maxy}, pixels, pixels};
        };
        const MapLayer* heatmap = layer("hazard_heatmap");
        const QImage big = heatmap->render(tileView(x0, y0, 2), {}, nullptr);
        int coloured = 0, differing = 0, largest = 0;
        for (int ty = 0; ty < 2; ++ty)
            for (int tx = 0; tx < 2; ++tx) {
                const QImage t = heatmap->render(tileView(x0 + tx, y0 + ty, 1), {}, nullptr);
                for (int y = 0; y < 256; ++y)
                    for (int x = 0; x < 256; ++x) {
                        const QRgb a = t.pixel(x, y), b = big.pixel(tx * 256 + x, ty * 256 + y);
                        coloured += qAlpha(a) > 0;
                        const int d =
                            std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                                      std::abs(qBlue(a) - qBlue(b)), std::abs(qAlpha(a) - qAlpha(b))});
                        differing += d > 0;
                        largest = std::max(largest, d);
                    }
            }
        QVERIFY(coloured > 0);
        QVERIFY2(largest <= 1,
                 qPrintable(QString("largest difference %1 in %2 pixels").arg(largest).arg(differing)));
    }

    void everyLayerHasALegend() {
        for (const auto& l : catalogue_.layers) {
            const QImage legend = l->legend();
            QVERIFY2(legend.width() >= 20 && legend.height() >= 20, qPrintable(l->name()));
            QVERIFY2(opaquePixels(legend) > 50, qPrintable(l->name()));
        }
        // The heatmap's bar: the ramp's top colour at the top, transparent (density 0) at the bottom.
        const auto* heatmap = dynamic_cast<const HeatmapLayer*>(layer("hazard_heatmap"));
        const QImage bar = heatmap->legend();
        const QRgb top = heatmap->ramp().stops().back().colour.rgba();
        bool found = false;
        for (int y = 0; y < bar.height(); ++y)
            found = found || near(bar.pixel(10, y), top, 2);
        QVERIFY(found);
    }

    // The heatmap is drawn 8-bit indexed in 254 steps of the ramp: each stop's own colour at its
    // density, transparent at 0, within a step of the exact linear mix between stops.
    void heatmapPaletteSamplesTheRamp() {
        const auto stop = [](double density, const char* colour) {
            return QJsonObject{{"density", density}, {"colour", colour}};
        };
        const ColourRamp ramp =
            ColourRamp::fromJson({stop(0, "#00ffffb2"), stop(1, "#aafecc5c"), stop(10, "#c8fd8d3c"),
                                  stop(25, "#e1f03b20"), stop(50, "#f5bd0026")});
        QCOMPARE(ramp.palette().size(), 254); // transparent + 4 segments x 63 steps + the last stop
        QCOMPARE(ramp.colour(0), qRgba(0, 0, 0, 0));
        QCOMPARE(ramp.colour(-1), qRgba(0, 0, 0, 0));
        QCOMPARE(ramp.colour(std::nan("")), qRgba(0, 0, 0, 0));
        for (const ColourRamp::Stop& s : ramp.stops())
            QCOMPARE(ramp.colour(s.density > 0 ? s.density : 1e-9), s.colour.rgba());
        QCOMPARE(ramp.colour(1e6), ramp.stops().back().colour.rgba());
        // 17.5 is halfway from the stop at 10 (253, 141, 60, 200) to 25 (240, 59, 32, 225).
        const QRgb mid = ramp.colour(17.5);
        QVERIFY2(near(mid, qRgba(247, 100, 46, 213), 1), qPrintable(QString::number(mid, 16)));
        // The tile itself is indexed in that palette.
        const auto* heatmap = dynamic_cast<const HeatmapLayer*>(layer("hazard_heatmap"));
        const QImage tile = heatmap->render(
            MapView{"EPSG:3857", {11433000, 2878000, 11434000, 2879000}, 8, 8}, HazardSelection{}, nullptr);
        QCOMPARE(tile.format(), QImage::Format_Indexed8);
        QCOMPARE(tile.colorTable(), heatmap->ramp().palette());
    }

    // One colour scale per data version: the style's ramp (styles/hazard_heatmap.qml, colours
    // times its opacity) with its last class at the 99th percentile of the positive cells of the
    // density of every hazard on the 50 m analysis grid (recomputed here by a full sort), the same
    // palette for every zoom, stated in GetCapabilities; configured stops pin it instead.
    void heatmapScaleIsThePercentileOfTheAnalysisGrid() {
        const auto* heatmap = dynamic_cast<const HeatmapLayer*>(layer("hazard_heatmap"));
        QVERIFY(heatmap && heatmap->scale());
        const HeatmapScale& scale = *heatmap->scale();
        QCOMPARE(scale.percentile, 99.0);
        QCOMPARE(scale.pixelSize, 50.0);
        const KdePointIndex& points = heatmap->field().points();
        QCOMPARE(points.size(), data_->hazards.size());
        const RasterWindow grid = qgisWindow(points, 50);
        std::vector<float> values(grid.pixelCount());
        computeWindow(points, grid, KdeOptions{}, values);
        std::vector<float> positive;
        std::copy_if(values.begin(), values.end(), std::back_inserter(positive),
                     [](float v) { return v > 0; });
        std::sort(positive.begin(), positive.end());
        QCOMPARE(scale.cells, positive.size());
        const auto rank =
            static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(positive.size()) - 1e-9));
        QCOMPARE(scale.top, static_cast<double>(positive[rank - 1]));
        QVERIFY(scale.top < positive.back()); // not the maximum

        const QmlStyle style = loadQmlStyle("hazard_heatmap");
        const auto& stops = heatmap->ramp().stops();
        QCOMPARE(stops.size(), style.ramp.size());
        for (std::size_t i = 0; i < stops.size(); ++i) {
            const double expected = style.ramp[i].value * scale.top / style.ramp.back().value;
            QVERIFY2(std::abs(stops[i].density - expected) <= 1e-12 * scale.top,
                     qPrintable(QString("stop %1: %2 vs %3").arg(i).arg(stops[i].density).arg(expected)));
            QCOMPARE(stops[i].colour.rgb(), style.ramp[i].colour.rgb());
            QCOMPARE(stops[i].colour.alpha(), qRound(style.ramp[i].colour.alpha() * style.opacity));
        }
        QCOMPARE(stops.back().density, scale.top);

        const QByteArray capabilities =
            dispatch(catalogue_,
                     QUrl("http://127.0.0.1/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0"), nullptr)
                .body;
        QStringList breaks;
        for (const auto& s : stops)
            breaks.push_back(QString::number(s.density, 'g', 6));
        for (const QString& said :
             {"the top colour at " + QString::number(scale.top, 'g', 6) + " hazards per km2",
              QString("the 99th percentile"), "class breaks " + breaks.join(", ")})
            QVERIFY2(capabilities.contains(said.toUtf8()), qPrintable(said));

        // Every zoom is drawn in the one palette.
        for (const MapView& view : {MapView{"EPSG:3857", {11433000, 2878000, 11434000, 2879000}, 8, 8},
                                    MapView{"EPSG:3857", {11400000, 2850000, 11480000, 2930000}, 64, 64}})
            QCOMPARE(heatmap->render(view, HazardSelection{}, nullptr).colorTable(),
                     heatmap->ramp().palette());

        // Other data (every weight doubled: every density doubles exactly), another scale.
        LayerSettings doubled;
        doubled.heatmapRadius = kRadius;
        for (std::size_t i = 0; i < 3; ++i)
            doubled.severityWeights[i] = 2 * kSeverityWeights[i];
        const auto other = makeLayers(data_, doubled);
        const auto* otherHeatmap = dynamic_cast<const HeatmapLayer*>(other.front().get());
        QVERIFY(otherHeatmap && otherHeatmap->scale());
        QCOMPARE(otherHeatmap->scale()->top, 2 * scale.top);

        // Another percentile (heatmap.scale_percentile): the median cell.
        LayerSettings median;
        median.heatmapRadius = kRadius;
        median.severityWeights = kSeverityWeights;
        median.heatmapPercentile = 50;
        const auto medianLayers = makeLayers(data_, median);
        const auto* medianHeatmap = dynamic_cast<const HeatmapLayer*>(medianLayers.front().get());
        QVERIFY(medianHeatmap && medianHeatmap->scale());
        QCOMPARE(medianHeatmap->scale()->top, static_cast<double>(positive[(positive.size() + 1) / 2 - 1]));
        QVERIFY(medianHeatmap->abstract().contains("the 50th percentile"));

        // Stops from the configuration are kept as they are.
        LayerSettings pinned = doubled;
        pinned.heatmapRamp = ColourRamp::fromJson({QJsonObject{{"density", 0}, {"colour", "#00000000"}},
                                                   QJsonObject{{"density", 100}, {"colour", "#ff0000ff"}}});
        const auto fixed = makeLayers(data_, pinned);
        const auto* fixedHeatmap = dynamic_cast<const HeatmapLayer*>(fixed.front().get());
        QVERIFY(fixedHeatmap && !fixedHeatmap->scale());
        QCOMPARE(fixedHeatmap->ramp().stops().back().density, 100.0);
        QVERIFY(
            fixedHeatmap->abstract().contains("(set by the configuration): stops at 0, 100 hazards per km2"));
    }

    // The heatmap's cache of hazard selections keeps at most so many fields and so many points,
    // evicting the least recently used, and always the newest.
    void selectionCacheIsBounded() {
        int built = 0;
        const auto field = [&built](std::size_t n) {
            return [&built, n] {
                ++built;
                std::vector<KdePoint> points(n, KdePoint{500000, 2770000, 1, kRadius});
                return std::make_shared<const DensityField>(
                    std::make_shared<const KdePointIndex>(std::move(points)), "EPSG:4543", kRadius);
            };
        };
        HeatmapIndexCache byPoints(16, 10);
        byPoints.get("a", field(4));
        byPoints.get("b", field(4));
        byPoints.get("a", field(4));
        QCOMPARE(built, 2);          // a was kept
        byPoints.get("c", field(4)); // 12 points: b, the least recently used, goes
        byPoints.get("a", field(4));
        QCOMPARE(built, 3);
        byPoints.get("b", field(4));
        QCOMPARE(built, 4);
        byPoints.get("big", field(50)); // over the limit alone: kept, the others go
        byPoints.get("big", field(50));
        QCOMPARE(built, 5);
        byPoints.get("a", field(4));
        QCOMPARE(built, 6);
        HeatmapIndexCache byFields(2, 1000);
        for (const char* key : {"x", "y", "z", "x"})
            byFields.get(key, field(1));
        QCOMPARE(built, 10); // x was evicted by z
    }

    void stylesAreReadFromTheQmlFiles() {
        const QmlStyle coverage = loadQmlStyle("district_coverage");
        QCOMPARE(coverage.renderer, QmlStyle::Renderer::Graduated);
        QCOMPARE(coverage.attribute, QString("gap_score"));
        QCOMPARE(coverage.classes.size(), std::size_t{5});
        QCOMPARE(coverage.classFor(20.0)->symbol.fill, QColor(255, 255, 178)); // the first range wins
        QCOMPARE(coverage.classFor(20.5)->symbol.fill, QColor(254, 204, 92));
        QCOMPARE(coverage.classFor(100.0)->symbol.stroke, QColor(35, 35, 35));
        QVERIFY(!coverage.classFor(QJsonValue()));
        const QmlStyle hotspots = loadQmlStyle("village_hotspots");
        QCOMPARE(hotspots.classFor(-3)->symbol.fill, QColor(69, 117, 181));
        QCOMPARE(hotspots.classFor(0)->label, QString("Not significant"));
        const QmlStyle ramp = loadQmlStyle("hazard_heatmap");
        QCOMPARE(ramp.renderer, QmlStyle::Renderer::RasterPseudocolor);
        QCOMPARE(ramp.ramp.size(), std::size_t{6});
        QCOMPARE(ramp.ramp.front().colour.alpha(), 0);
        QCOMPARE(ramp.ramp.back().colour, QColor(189, 0, 38));
        const QmlStyle stations = loadQmlStyle("fire_stations");
        QCOMPARE(stations.classes.front().symbol.shape, QmlSymbol::Shape::Square);
        QCOMPARE(stations.classes.front().symbol.sizeMm, 3.2);
        QVERIFY(!loadQmlStyle("police_districts").classes.front().symbol.fill.isValid()); // style "no"
        // What the server cannot draw is a clear error naming the file.
        const auto errorOf = [](const QByteArray& qml) {
            try {
                parseQmlStyle(qml, "test.qml");
            } catch (const InputError& e) {
                return QString(e.what());
            }
            return QString();
        };
        QFile rules(stylesDirectory() + "/overdue_units.qml");
        QVERIFY(rules.open(QIODevice::ReadOnly));
        QVERIFY(errorOf(rules.readAll()).contains("RuleRenderer"));
        QVERIFY(errorOf("<qgis><renderer-v2 type=\"singleSymbol\">").contains("test.qml: not well-formed"));
        QVERIFY(
            errorOf(
                "<qgis><renderer-v2 type=\"categorizedSymbol\" attr=\"a\"><categories><category value=\"1\" "
                "symbol=\"7\"/></categories></renderer-v2></qgis>")
                .contains("symbol 7, which is not defined"));
    }
};

QTEST_MAIN(TestServerLayers)
#include "test_server_layers.moc"
