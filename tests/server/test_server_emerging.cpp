// The server's emerging_hotspots layer against `firebeat emerging` on the same data (the sample
// layers with their planted space-time patterns, written to a GeoPackage): every village's pattern,
// trend and counts in GetFeatureInfo equal the CLI's emerging_hotspots row, its monthly series the
// CLI's emerging_bins rows, and it is drawn in its pattern's colour of styles/emerging_hotspots.qml;
// TIME=<month> draws and answers that month's bin of every village (styles/emerging_bins.qml),
// TIME outside the months or over several of them is InvalidDimensionValue; the legend shows the
// 17 patterns and the 3 month classes; in the web viewer (headless Chromium) a click on the
// planted new hot spot shows its monthly series as a chart whose values are the CLI's; hazards
// added in a new month show on the next request.
#include "chromium_devtools.h"
#include "ogc/qml_style.h"
#include "require_tool.h"
#include "server_process.h"

#include "firebeat/dataset_writer.h"
#include "firebeat/emerging.h"
#include "firebeat/geos_support.h"
#include "firebeat/sample_generator.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>
#include <map>
#include <memory>
#include <set>

using namespace firebeat;
using namespace firebeat::test;

namespace {

const QString kChromium = "/usr/bin/chromium";
constexpr double kTolerance = 1e-9;

// A row of a GeoPackage layer, fields by name (null fields absent).
using Row = QVariantMap;

Row rowOf(OGRFeature& f) {
    Row row;
    for (int i = 0; i < f.GetFieldCount(); ++i) {
        if (!f.IsFieldSetAndNotNull(i))
            continue;
        const char* name = f.GetFieldDefnRef(i)->GetNameRef();
        switch (f.GetFieldDefnRef(i)->GetType()) {
        case OFTInteger:
        case OFTInteger64:
            row[name] = static_cast<qlonglong>(f.GetFieldAsInteger64(i));
            break;
        case OFTReal:
            row[name] = f.GetFieldAsDouble(i);
            break;
        default:
            row[name] = QString::fromUtf8(f.GetFieldAsString(i));
        }
    }
    return row;
}

std::vector<Row> readLayer(const QString& gpkg, const char* layer) {
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(gpkg.toUtf8().constData(), GDAL_OF_VECTOR));
    std::vector<Row> rows;
    OGRLayer* l = ds ? ds->GetLayerByName(layer) : nullptr;
    if (!l)
        return rows;
    for (auto& f : *l)
        rows.push_back(rowOf(*f));
    return rows;
}

// A JSON number (or null) against a GeoPackage value (absent: null), to the contract's 1e-9.
bool sameNumber(const QJsonValue& served, const QVariant& written) {
    if (!written.isValid())
        return served.isNull();
    return served.isDouble() && std::abs(served.toDouble() - written.toDouble()) <= kTolerance;
}

// A point inside each village (lon, lat), by id.
std::map<std::string, Point> interiorPoints(const Dataset& data) {
    std::map<std::string, Point> points;
    GEOSContextHandle_t ctx = geosContext();
    for (const Village& v : data.villages) {
        const GeosGeometry polygon = geosFromWkb(v.geometry.wkb);
        const GeosGeometry inside(GEOSPointOnSurface_r(ctx, polygon.get()));
        double x = 0, y = 0;
        GEOSGeomGetX_r(ctx, inside.get(), &x);
        GEOSGeomGetY_r(ctx, inside.get(), &y);
        points[v.id] = {x, y};
    }
    return points;
}

// The fill of `style`'s class for `value`.
QRgb fillOf(const QString& style, const QJsonValue& value) {
    const ogc::QmlStyle s = ogc::loadQmlStyle(style);
    const ogc::QmlClass* c = s.classFor(value);
    return c ? c->symbol.fill.rgba() : 0;
}

} // namespace

class TestServerEmerging : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    Dataset data_;
    SamplePlanted planted_;
    std::map<std::string, Point> inside_;
    std::map<QString, Row> cli_;               // emerging_hotspots by village_id
    std::map<QString, std::vector<Row>> bins_; // emerging_bins by village_id, in month order
    QString firstMonth_, lastMonth_;
    QProcess server_;
    QString base_;

    // A WMS 1.3.0 request in CRS:84 (lon, lat) on a 5 x 5 pixel window a few metres wide
    // centred on `at` (pixel 2, 2).
    QByteArray around(const char* request, const Point& at, const QString& more = {}) const {
        const double d = 0.00002;
        return QString("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=%1&LAYERS=emerging_hotspots&STYLES="
                       "&CRS=CRS:84&BBOX=%2,%3,%4,%5&WIDTH=5&HEIGHT=5%6")
            .arg(request)
            .arg(at.x - d, 0, 'f', 7)
            .arg(at.y - d, 0, 'f', 7)
            .arg(at.x + d, 0, 'f', 7)
            .arg(at.y + d, 0, 'f', 7)
            .arg(more)
            .toUtf8();
    }

    QJsonObject infoAt(const Point& at, const QString& more = {}) const {
        const RawReply r = rawGet(base_, around("GetFeatureInfo", at,
                                                "&QUERY_LAYERS=emerging_hotspots&INFO_FORMAT=application/json"
                                                "&I=2&J=2" +
                                                    more));
        const QJsonArray features = QJsonDocument::fromJson(r.body).object()["features"].toArray();
        return features.size() == 1 ? features[0].toObject()["properties"].toObject() : QJsonObject();
    }

    QRgb colourAt(const Point& at, const QString& more = {}) const {
        const RawReply r = rawGet(base_, around("GetMap", at, "&FORMAT=image/png&TRANSPARENT=TRUE" + more));
        const QImage image = QImage::fromData(r.body, "PNG");
        return image.isNull() ? 0 : image.pixel(2, 2);
    }

    QString exceptionCode(const QByteArray& target) const {
        const RawReply r = rawGet(base_, target);
        QXmlStreamReader xml(r.body);
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement &&
                xml.name() == QStringLiteral("ServiceException"))
                return xml.attributes().value("code").toString();
        return QString::number(r.status);
    }

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        SampleOptions options;
        options.emergingPatterns = true;
        data_ = generateSample(options, nullptr, &planted_);
        inside_ = interiorPoints(data_);
        const QString sample = dir_.filePath("sample.gpkg");
        writeDataset(data_, sample.toStdString());

        // The CLI on the same file, with the server's rule for the end of the cube: the latest
        // hazard found.
        const QString cli = dir_.filePath("cli.gpkg");
        QProcess p;
        p.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")),
                {"emerging", "--quiet", "--input", sample, "--id-field", "village_id", "--reference-date",
                 QString::fromStdString(formatTimestamp(latestHazard(data_))), "--output", cli});
        QVERIFY(p.waitForFinished(300000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        for (const Row& row : readLayer(cli, "emerging_hotspots"))
            cli_[row["village_id"].toString()] = row;
        QCOMPARE(cli_.size(), data_.villages.size());
        for (const Row& row : readLayer(cli, "emerging_bins"))
            bins_[row["village_id"].toString()].push_back(row);
        for (auto& [id, rows] : bins_)
            std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
                return a["month_index"].toInt() < b["month_index"].toInt();
            });
        for (const Row& m : readLayer(cli, "emerging_metadata")) {
            if (m["key"] == "first_month")
                firstMonth_ = m["value"].toString();
            if (m["key"] == "last_month")
                lastMonth_ = m["value"].toString();
        }
        QCOMPARE(firstMonth_, QString("2025-12"));
        QCOMPARE(lastMonth_, QString("2026-11"));

        base_ = startServer(server_, {"--input", sample});
        QVERIFY(!base_.isEmpty());
    }

    void cleanupTestCase() { stopServer(server_); }

    // The layer is listed with the cube's months as its TIME (whole span by default).
    void capabilitiesListTheMonths() {
        const RawReply r = rawGet(base_, "/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0");
        QCOMPARE(r.status, 200);
        QVERIFY(capabilityLayers(r.body).contains("emerging_hotspots"));
        QXmlStreamReader xml(r.body);
        bool inLayer = false;
        QString extent, defaultValue;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QStringLiteral("Name"))
                inLayer = xml.readElementText() == "emerging_hotspots";
            else if (inLayer && xml.name() == QStringLiteral("Dimension")) {
                QCOMPARE(xml.attributes().value("name").toString(), QString("time"));
                defaultValue = xml.attributes().value("default").toString();
                extent = xml.readElementText();
            }
        }
        QCOMPARE(extent, firstMonth_ + "/" + lastMonth_ + "/P1M");
        QCOMPARE(defaultValue, firstMonth_ + "/" + lastMonth_);
    }

    // Feature by feature: GetFeatureInfo equals the CLI's row and bins, the map its pattern's colour.
    void layerEqualsTheCli() {
        std::set<int> codes;
        for (const Village& v : data_.villages) {
            const QString id = QString::fromStdString(v.id);
            const Row& row = cli_.at(id);
            const QJsonObject info = infoAt(inside_.at(v.id));
            QVERIFY2(!info.isEmpty(), qPrintable(id));
            QCOMPARE(info["village_id"].toString(), id);
            QCOMPARE(info["pattern"].toString(), row["pattern"].toString());
            QCOMPARE(info["code"].toInt(), row["code"].toInt());
            QCOMPARE(info["n_hot"].toInt(), row["n_hot"].toInt());
            QCOMPARE(info["n_cold"].toInt(), row["n_cold"].toInt());
            QCOMPARE(info["n_neighbours"].toInt(), row["n_neighbours"].toInt());
            QCOMPARE(info["flags"].toString(), row["flags"].toString());
            for (const char* field : {"trend_z", "trend_p", "final_z"})
                QVERIFY2(sameNumber(info[field], row[field]), qPrintable(id + " " + field));
            codes.insert(row["code"].toInt());

            // The series: the bins in month order, column by column.
            const QJsonObject series = info["series"].toObject();
            const std::vector<Row>& bins = bins_.at(id);
            QCOMPARE(series["month"].toArray().size(), qsizetype(bins.size()));
            for (std::size_t t = 0; t < bins.size(); ++t) {
                const auto at = static_cast<qsizetype>(t);
                QCOMPARE(series["month"][at].toString(), bins[t]["month"].toString());
                QCOMPARE(series["count"][at].toInt(), bins[t]["count"].toInt());
                QCOMPARE(series["class"][at].toString(), bins[t]["class"].toString());
                QVERIFY2(sameNumber(series["gi_z"][at], bins[t]["gi_z"]), qPrintable(id));
                QVERIFY2(sameNumber(series["gi_p"][at], bins[t]["gi_p"]), qPrintable(id));
            }

            QCOMPARE(colourAt(inside_.at(v.id)), fillOf("emerging_hotspots", row["code"].toInt()));
        }
        // The planted patterns are among them, so the colours compared are not all one.
        for (const int planted : {1, 3, 8})
            QVERIFY2(codes.contains(planted), qPrintable(QString::number(planted)));
        QCOMPARE(cli_.at(QString::fromStdString(planted_.emergingNewVillage))["code"].toInt(), 1);
    }

    // TIME=<month>: each village drawn in its bin's class colour, GetFeatureInfo adds the bin.
    void timeSelectsTheMonth_data() {
        QTest::addColumn<QString>("time");
        QTest::addColumn<int>("month");
        QTest::newRow("first month") << "2025-12" << 0;
        QTest::newRow("a day of June") << "2026-06-15" << 6;
        QTest::newRow("within September") << "2026-09-02/2026-09-20T12:00:00Z" << 9;
        QTest::newRow("last month") << "2026-11" << 11;
    }

    void timeSelectsTheMonth() {
        QFETCH(QString, time);
        QFETCH(int, month);
        std::map<QString, int> classes;
        for (const Village& v : data_.villages) {
            const QString id = QString::fromStdString(v.id);
            const Row& bin = bins_.at(id).at(static_cast<std::size_t>(month));
            QCOMPARE(bin["month_index"].toInt(), month);
            const QJsonObject info = infoAt(inside_.at(v.id), "&TIME=" + time);
            QCOMPARE(info["month"].toString(), bin["month"].toString());
            QCOMPARE(info["month_index"].toInt(), month);
            QCOMPARE(info["count"].toInt(), bin["count"].toInt());
            QCOMPARE(info["class"].toString(), bin["class"].toString());
            QVERIFY(sameNumber(info["gi_z"], bin["gi_z"]));
            QVERIFY(sameNumber(info["gi_p"], bin["gi_p"]));
            QCOMPARE(info["pattern"].toString(), cli_.at(id)["pattern"].toString()); // still there
            QCOMPARE(colourAt(inside_.at(v.id), "&TIME=" + time),
                     fillOf("emerging_bins", bin["class"].toString()));
            ++classes[bin["class"].toString()];
        }
        QVERIFY2(classes["hot"] > 0, qPrintable(time)); // the planted clusters are hot in every month
        QVERIFY(classes["none"] > 0);
    }

    void timeOutsideTheMonths() {
        const Point at = inside_.at(planted_.emergingNewVillage);
        for (const char* outside : {"2025-11", "2026-12", "2025-11-30", "2026-10/2026-11",
                                    "2026-03-31/2026-04-01", "2024-01/2027-01"}) {
            QVERIFY2(exceptionCode(around("GetMap", at, QString("&FORMAT=image/png&TIME=") + outside)) ==
                         "InvalidDimensionValue",
                     outside);
            QVERIFY2(exceptionCode(around("GetFeatureInfo", at,
                                          QString("&QUERY_LAYERS=emerging_hotspots&I=2&J=2&TIME=") +
                                              outside)) == "InvalidDimensionValue",
                     outside);
        }
        // The whole span is the default: the patterns.
        QCOMPARE(colourAt(at, "&TIME=2025-12/2026-11"), colourAt(at));
        QCOMPARE(infoAt(at, "&TIME=2025-12/2026-11").contains("month"), false);
    }

    // GetLegendGraphic: a swatch of each of the 17 patterns' colours and the 3 month classes'.
    void legendShowsEveryClass() {
        const RawReply r = rawGet(base_, "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic"
                                         "&LAYER=emerging_hotspots&FORMAT=image/png&SLD_VERSION=1.1.0");
        QCOMPARE(r.status, 200);
        const QImage legend = QImage::fromData(r.body, "PNG");
        QVERIFY(!legend.isNull());
        std::set<QRgb> colours;
        for (int y = 0; y < legend.height(); ++y)
            for (int x = 0; x < legend.width(); ++x)
                colours.insert(legend.pixel(x, y));
        int patterns = 0;
        for (int code = -8; code <= 8; ++code) {
            const QRgb fill = fillOf("emerging_hotspots", code);
            QVERIFY(qAlpha(fill) > 0);
            patterns += colours.contains(fill);
        }
        QCOMPARE(patterns, 17);
        for (const char* cls : {"hot", "cold", "none"})
            QVERIFY2(colours.contains(fillOf("emerging_bins", QString(cls))), cls);
    }

    // The viewer: the layer switched on, a click on the planted new hot spot shows its series as
    // a chart with the CLI's months, counts and Gi* z.
    void viewerChartsTheSeries() {
        FIREBEAT_REQUIRE_TOOL(QFile::exists(kChromium),
                              "headless Chromium missing: run scripts/install-deps.sh");
        ChromiumDevTools page(kChromium, base_ + "/", 1200, 800);
        QVERIFY(page.attached());
        page.command("Runtime.enable");
        const QString ready = "document.body.dataset.viewerState === 'ready'";
        QVERIFY(page.waitFor(ready + " && window.viewer !== undefined"));
        for (const char* layer : {"hazard_heatmap", "police_districts"})
            page.evaluate(QString("document.querySelector('input[value=%1]').checked && "
                                  "document.querySelector('input[value=%1]').click()")
                              .arg(layer));
        page.evaluate("document.querySelector('input[value=emerging_hotspots]').click()");
        const Point at = inside_.at(planted_.emergingNewVillage);
        const QJsonObject pixel =
            page.evaluate(QString("(() => { viewer.map.setView([%2, %1], 15, {animate: false});"
                                  "const p = viewer.map.latLngToContainerPoint([%2, %1]); return {x: p.x, y: "
                                  "p.y}; })()")
                              .arg(at.x, 0, 'f', 7)
                              .arg(at.y, 0, 'f', 7))
                .toObject();
        QVERIFY(page.waitFor(ready));
        page.click(qRound(pixel["x"].toDouble()), qRound(pixel["y"].toDouble()));
        const QString chart = "Chart.getChart(document.querySelector('.feature-info .series-chart canvas'))";
        QVERIFY(page.waitFor("window.Chart !== undefined && " + chart + " !== undefined"));
        const QString popup = page.evaluate("document.querySelector('.feature-info').innerText").toString();
        QVERIFY2(popup.contains("New Hot Spot"), qPrintable(popup));

        const std::vector<Row>& bins = bins_.at(QString::fromStdString(planted_.emergingNewVillage));
        const QJsonArray labels = page.evaluate(chart + ".data.labels").toArray();
        const QJsonArray counts = page.evaluate(chart + ".data.datasets[0].data").toArray();
        const QJsonArray z = page.evaluate(chart + ".data.datasets[1].data").toArray();
        QCOMPARE(labels.size(), qsizetype(bins.size()));
        QCOMPARE(counts.size(), qsizetype(bins.size()));
        QCOMPARE(z.size(), qsizetype(bins.size()));
        for (std::size_t t = 0; t < bins.size(); ++t) {
            const auto k = static_cast<qsizetype>(t);
            QCOMPARE(labels[k].toString(), bins[t]["month"].toString());
            QCOMPARE(counts[k].toInt(), bins[t]["count"].toInt());
            QVERIFY(sameNumber(z[k], bins[t]["gi_z"]));
        }
        QCOMPARE(bins.back()["class"].toString(), QString("hot")); // new in the last month...
        QVERIFY(counts.last().toInt() > 0);
        // ...drawn, without an exception on the page.
        QVERIFY(page.evaluate(chart + ".getDatasetMeta(0).data.length").toInt() == qsizetype(bins.size()));
        QCOMPARE(page.events("Runtime.exceptionThrown").size(), 0);
    }

    // Last (it changes the data): hazards another process adds in a new month show on the next
    // request, the layer computed again for the new data version (a 13th month).
    void newDataShowsOnTheNextRequest() {
        const Point at = inside_.at(planted_.emergingNewVillage);
        {
            GDALDatasetUniquePtr ds(GDALDataset::Open(dir_.filePath("sample.gpkg").toUtf8().constData(),
                                                      GDAL_OF_VECTOR | GDAL_OF_UPDATE));
            OGRLayer* hazards = ds ? ds->GetLayerByName("hazards") : nullptr;
            QVERIFY(hazards);
            for (int k = 0; k < 5; ++k) {
                OGRFeature feature(hazards->GetLayerDefn());
                feature.SetField("hazard_id", ("H_DEC" + std::to_string(k)).c_str());
                feature.SetField("category", "EBIKE");
                feature.SetField("severity", 1);
                feature.SetField("found_at", "2026-12-02T10:00:00+08:00");
                feature.SetField("source", "hotline_96119");
                OGRPoint point(at.x, at.y);
                feature.SetGeometry(&point);
                QCOMPARE(hazards->CreateFeature(&feature), OGRERR_NONE);
            }
        }
        const QJsonObject info = infoAt(at, "&TIME=2026-12");
        QCOMPARE(info["month"].toString(), QString("2026-12"));
        QCOMPARE(info["count"].toInt(), 5);
        const QJsonArray months = info["series"].toObject()["month"].toArray();
        QCOMPARE(months.size(), 13);
        QCOMPARE(months.last().toString(), QString("2026-12"));
    }
};

QTEST_GUILESS_MAIN(TestServerEmerging)
#include "test_server_emerging.moc"
