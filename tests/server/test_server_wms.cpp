// `firebeat serve` as WMS clients use it: a real server process on 127.0.0.1, WMS 1.3.0 and 1.1.1
// requests over HTTP, checked against the OGC rules, hand computations and real clients (GDAL,
// OWSLib); the XYZ tiles against GetMap.
#include "fixtures.h"
#include "require_tool.h"
#include "server_test_client.h"

#include "firebeat/crs.h"
#include "ogc/wms.h"

#include <gdal_priv.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QtTest>

#include <cmath>
#include <memory>
#include <numbers>

using namespace firebeat::test;

namespace {

// The minimal data set's other hazards (kLoneLon, kLoneLat: H2): H1 (severity 1, EBIKE, 2026-03-01,
// rectified) and H3 (severity 2, ELECTRICAL, 2026-07-01, open).
constexpr double kH1Lon = 102.67001;
constexpr double kH1Lat = 25.02001;
constexpr double kRadius = 500;
// Quartic kernel normalised over the plane at its centre: weight x 3 / (pi r^2), per km^2.
const double kAtLoneHazard = 4 * 3 / (std::numbers::pi * kRadius * kRadius) * 1e6;
const double kAtH1 = 1 * 3 / (std::numbers::pi * kRadius * kRadius) * 1e6;
const QString kGetMap =
    "SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES=&FORMAT=image/png&";

QString boxText(double a, double b, double c, double d) {
    return QString("%1,%2,%3,%4").arg(a, 0, 'g', 17).arg(b, 0, 'g', 17).arg(c, 0, 'g', 17).arg(d, 0, 'g', 17);
}

firebeat::Point projected(const char* crs, double lon, double lat) {
    return firebeat::CoordinateTransform("EPSG:4326", crs).apply(firebeat::Point{lon, lat});
}

// A layer the real catalogue does not have: not queryable, with a dimension that has no default.
class StrictLayer final : public firebeat::ogc::MapLayer {
  public:
    QString name() const override { return "strict"; }
    QString title() const override { return "Strict"; }
    QString abstract() const override { return {}; }
    bool queryable() const override { return false; }
    firebeat::Envelope lonLatExtent() const override { return {102, 24, 103, 26}; }
    std::vector<firebeat::ogc::LayerDimension> dimensions() const override {
        return {{"time", "ISO8601", "", "2026-01-01/2026-12-31"}};
    }
    QImage render(const firebeat::ogc::MapView& view, const firebeat::ogc::HazardSelection&,
                  const firebeat::ogc::CancelFlag*) const override {
        QImage image(view.width, view.height, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        return image;
    }
    QJsonArray featureInfo(const firebeat::ogc::MapView&, int, int,
                           const firebeat::ogc::HazardSelection&) const override {
        return {};
    }
    QImage legend() const override { return {}; }
};

} // namespace

class TestServerWms : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<ServerProcess> server_;

    HttpResult get(const QString& pathAndQuery, const QString& base = {}) {
        return httpGet((base.isEmpty() ? server_->base() : base) + pathAndQuery);
    }
    HttpResult wms(const QString& query, const QString& base = {}) { return get("/wms?" + query, base); }
    QImage image(const QString& pathAndQuery, const QString& format = "image/png") {
        return decodedImage(get(pathAndQuery), format);
    }

    QString exceptionCode(const QString& query) {
        const HttpResult r = wms(query);
        if (r.status != 400)
            return "status " + QString::number(r.status);
        return findElement(r.body, "ServiceException").value("code").toString();
    }

    // The heatmap's feature info at the centre of a 1 x 1 map over `bbox` in `crs` (`extra`:
    // more parameters, e.g. TIME), or {} when the server answered otherwise.
    QJsonObject heatmapInfo(const QString& version, const QString& crs, const QString& bbox,
                            const QString& extra = {}, const QString& base = {}) {
        const bool v130 = version == "1.3.0";
        const HttpResult r =
            wms("SERVICE=WMS&VERSION=" + version +
                    "&REQUEST=GetFeatureInfo&LAYERS=hazard_heatmap&QUERY_LAYERS=hazard_heatmap"
                    "&STYLES=&" +
                    (v130 ? "CRS=" : "SRS=") + crs + "&BBOX=" + bbox + "&WIDTH=1&HEIGHT=1&" +
                    (v130 ? "I=0&J=0" : "X=0&Y=0") + "&INFO_FORMAT=application/json" + extra,
                base);
        return r.status == 200
                   ? QJsonDocument::fromJson(r.body).object()["features"][0]["properties"].toObject()
                   : QJsonObject{};
    }

    // The density (hazards/km^2) the server reports at (lon, lat): a tiny CRS:84 map around it.
    double densityAt(double lon, double lat, const QString& extra = {}, const QString& base = {}) {
        const double eps = 1e-7;
        return heatmapInfo("1.3.0", "CRS:84", boxText(lon - eps, lat - eps, lon + eps, lat + eps), extra,
                           base)
            .value("density_per_km2")
            .toDouble(-1);
    }

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        auto layers = minimalDataset();
        // Markup in a name the HTML feature info must escape.
        layerNamed(layers, "fire_stations").features[0].second["name"] = "<b>Centre & co</b>";
        writeLayers(dir_.filePath("data.gpkg").toStdString(), layers);
        server_ = std::make_unique<ServerProcess>(
            QStringList{"--input", dir_.filePath("data.gpkg"), "--radius", QString::number(kRadius)});
        QVERIFY(!server_->base().isEmpty());
    }

    void cleanupTestCase() { server_.reset(); }

    void capabilities130GivesEveryCrsInItsAxisOrder() {
        const HttpResult r = wms("SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0");
        QCOMPARE(r.status, 200);
        const auto texts = elementTexts(r.body);
        QVERIFY2(!texts.contains("error"), qPrintable(texts.value("error").join("")));
        QVERIFY(texts["Name"].contains("hazard_heatmap"));
        QCOMPARE(texts["MaxWidth"], QStringList{"4096"});
        for (const char* crs : {"EPSG:3857", "EPSG:4326", "CRS:84", "EPSG:4490", "EPSG:4543"})
            QVERIFY2(texts["CRS"].contains(crs), crs);
        QCOMPARE(findElement(r.body, "WMS_Capabilities").value("version").toString(), QString("1.3.0"));
        // The heatmap's boxes: the hazards lie at 102.67-102.72 E, 25.01-25.04 N, grown by 500 m.
        const QString heatmap = "hazard_heatmap";
        const auto crs84 = findElement(r.body, "BoundingBox", "CRS", "CRS:84", heatmap);
        const double west = attr(crs84, "minx");
        const double south = attr(crs84, "miny");
        QVERIFY2(west > 102.65 && west < 102.67, qPrintable(QString::number(west)));
        QVERIFY(south > 25.0 && south < 25.01);
        for (const char* latFirst : {"EPSG:4326", "EPSG:4490"}) {
            const auto box = findElement(r.body, "BoundingBox", "CRS", latFirst, heatmap);
            QCOMPARE(attr(box, "minx"), south); // latitude first in 1.3.0
            QCOMPARE(attr(box, "miny"), west);
        }
        // EPSG:4543 (Gauss-Kruger CM 102E) is northing, easting: ~2.77e6 m north, 500 km + ~70 km east.
        const auto gk = findElement(r.body, "BoundingBox", "CRS", "EPSG:4543", heatmap);
        QVERIFY2(attr(gk, "minx") > 2.75e6 && attr(gk, "minx") < 2.78e6,
                 qPrintable(gk.value("minx").toString()));
        QVERIFY2(attr(gk, "miny") > 5.6e5 && attr(gk, "miny") < 5.8e5,
                 qPrintable(gk.value("miny").toString()));
        const auto mercator = findElement(r.body, "BoundingBox", "CRS", "EPSG:3857", heatmap);
        QVERIFY(attr(mercator, "minx") > 1.14e7 && attr(mercator, "maxy") < 2.9e6);
        // The heatmap's TIME spans the hazards' found_at (UTC); the filters have defaults.
        const auto time = findElement(r.body, "Dimension", "name", "time");
        QCOMPARE(time.value("units").toString(), QString("ISO8601"));
        QVERIFY2(time.value("default").toString().startsWith("2026-03-01T01:30:00"),
                 qPrintable(time.value("default").toString()));
        for (const char* d : {"severity", "status", "category"})
            QVERIFY2(!findElement(r.body, "Dimension", "name", d).value("default").isEmpty(), d);
        QVERIFY(findElement(r.body, "LegendURL").value("width").toInt() > 1);
        QVERIFY(r.body.contains("<sld:GetLegendGraphic>"));
        QVERIFY(texts["Format"].contains("image/jpeg") && texts["Format"].contains("INIMAGE"));
    }

    void capabilities111GivesEastingFirst() {
        const HttpResult r = wms("SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.1.1");
        QCOMPARE(r.status, 200);
        QVERIFY(!elementTexts(r.body).contains("error"));
        QCOMPARE(findElement(r.body, "WMT_MS_Capabilities").value("version").toString(), QString("1.1.1"));
        const QString heatmap = "hazard_heatmap";
        const auto latLon = findElement(r.body, "LatLonBoundingBox", {}, {}, heatmap);
        QVERIFY(attr(latLon, "minx") > 102.65 && attr(latLon, "minx") < 102.67);
        for (const char* lonFirst : {"EPSG:4326", "EPSG:4490"}) {
            const auto box = findElement(r.body, "BoundingBox", "SRS", lonFirst, heatmap);
            QCOMPARE(attr(box, "minx"), attr(latLon, "minx"));
            QCOMPARE(attr(box, "miny"), attr(latLon, "miny"));
        }
        QVERIFY(attr(findElement(r.body, "BoundingBox", "SRS", "EPSG:4543", heatmap), "minx") < 6e5);
        const auto srs = elementTexts(r.body)["SRS"];
        QVERIFY(srs.contains("EPSG:3857") && srs.contains("EPSG:4543") && !srs.contains("CRS:84"));
        QVERIFY(!findElement(r.body, "Extent", "name", "time").isEmpty()); // 1.1.1's dimension values
        QVERIFY(r.body.contains("<GetLegendGraphic>"));
    }

    // WMS 1.3.0 §6.2.4: the highest version not above the one asked, else the lowest.
    void versionNegotiation_data() {
        QTest::addColumn<QString>("asked");
        QTest::addColumn<QString>("answered");
        QTest::newRow("none") << ""
                              << "1.3.0";
        QTest::newRow("1.3.0") << "&VERSION=1.3.0"
                               << "1.3.0";
        QTest::newRow("1.1.1") << "&VERSION=1.1.1"
                               << "1.1.1";
        QTest::newRow("between") << "&VERSION=1.2.0"
                                 << "1.1.1";
        QTest::newRow("lower") << "&VERSION=1.0.0"
                               << "1.1.1";
        QTest::newRow("WMTVER") << "&WMTVER=1.0.8"
                                << "1.1.1";
        QTest::newRow("higher") << "&VERSION=2.0.0"
                                << "1.3.0";
        QTest::newRow("numeric") << "&VERSION=1.10.0"
                                 << "1.3.0";
    }

    void versionNegotiation() {
        QFETCH(QString, asked);
        QFETCH(QString, answered);
        const HttpResult r = wms("SERVICE=WMS&REQUEST=GetCapabilities" + asked);
        QCOMPARE(r.status, 200);
        const QString root = answered == "1.3.0" ? "WMS_Capabilities" : "WMT_MS_Capabilities";
        QCOMPARE(findElement(r.body, root).value("version").toString(), answered);
    }

    void getMapIsTransparentPngOfRequestedSize() {
        const QImage v130 = image("/wms?" + kGetMap +
                                  "CRS=EPSG:4326&BBOX=25.0,102.66,25.05,102.73&WIDTH=300"
                                  "&HEIGHT=200&TRANSPARENT=TRUE");
        QCOMPARE(v130.size(), QSize(300, 200));
        QCOMPARE(qAlpha(v130.pixel(0, 0)), 0); // nothing there
        int coloured = 0;
        for (int y = 0; y < v130.height(); ++y)
            for (int x = 0; x < v130.width(); ++x)
                coloured += qAlpha(v130.pixel(x, y)) > 0;
        QVERIFY(coloured > 100);
        // The same map in 1.1.1, whose EPSG:4326 is in lon/lat order, in CRS:84 and in EPSG:4490
        // (CGCS2000 coincides with WGS 84 at this scale).
        const QString map111 =
            "/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES="
            "&FORMAT=image/png&TRANSPARENT=TRUE&WIDTH=300&HEIGHT=200&BBOX=102.66,25.0,102.73,25.05";
        QCOMPARE(image(map111 + "&SRS=EPSG:4326"), v130);
        QCOMPARE(image(map111 + "&SRS=EPSG:4490"), v130);
        QCOMPARE(image("/wms?" + kGetMap +
                       "CRS=CRS:84&BBOX=102.66,25.0,102.73,25.05&WIDTH=300&HEIGHT=200"
                       "&TRANSPARENT=TRUE"),
                 v130);
        QCOMPARE(image("/wms?" + kGetMap +
                       "CRS=EPSG:4490&BBOX=25.0,102.66,25.05,102.73&WIDTH=300&HEIGHT=200"
                       "&TRANSPARENT=TRUE"),
                 v130);
    }

    // TRANSPARENT defaults to FALSE (WMS 1.3.0 §7.3.3.9): the map lies on BGCOLOR, white by default.
    void opaqueMapsLieOnTheBackgroundColour() {
        const QString map = "/wms?" + kGetMap + "CRS=CRS:84&BBOX=102.66,25.0,102.73,25.05&WIDTH=30&HEIGHT=20";
        QCOMPARE(image(map).pixel(0, 0), qRgb(255, 255, 255));
        QCOMPARE(image(map + "&TRANSPARENT=FALSE&BGCOLOR=0x102030").pixel(0, 0), qRgb(0x10, 0x20, 0x30));
        // JPEG has no alpha: always on BGCOLOR, even when TRANSPARENT=TRUE is asked.
        const QString jpeg = "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES="
                             "&FORMAT=image/jpeg&CRS=CRS:84&BBOX=102.66,25.0,102.73,25.05&WIDTH=30&HEIGHT=20"
                             "&TRANSPARENT=TRUE&BGCOLOR=0x2040A0";
        const QImage j = image(jpeg, "image/jpeg");
        QCOMPARE(j.size(), QSize(30, 20));
        const QRgb corner = j.pixel(0, 0);
        QVERIFY2(std::abs(qRed(corner) - 0x20) < 8 && std::abs(qGreen(corner) - 0x40) < 8 &&
                     std::abs(qBlue(corner) - 0xA0) < 8,
                 qPrintable(QString::number(corner, 16)));
    }

    // The hazard's own position in each CRS and version: the density there is the kernel's peak
    // only when the coordinates are read in the right order.
    void axisOrderPerVersion_data() {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("crs");
        QTest::addColumn<bool>("northingFirst");
        QTest::newRow("1.3.0 EPSG:4326 lat/lon") << "1.3.0"
                                                 << "EPSG:4326" << true;
        QTest::newRow("1.3.0 EPSG:4490 lat/lon") << "1.3.0"
                                                 << "EPSG:4490" << true;
        QTest::newRow("1.3.0 CRS:84 lon/lat") << "1.3.0"
                                              << "CRS:84" << false;
        QTest::newRow("1.3.0 EPSG:4543 northing/easting") << "1.3.0"
                                                          << "EPSG:4543" << true;
        QTest::newRow("1.3.0 EPSG:3857 easting/northing") << "1.3.0"
                                                          << "EPSG:3857" << false;
        QTest::newRow("1.1.1 EPSG:4326 lon/lat") << "1.1.1"
                                                 << "EPSG:4326" << false;
        QTest::newRow("1.1.1 EPSG:4490 lon/lat") << "1.1.1"
                                                 << "EPSG:4490" << false;
        QTest::newRow("1.1.1 EPSG:4543 easting/northing") << "1.1.1"
                                                          << "EPSG:4543" << false;
    }

    void axisOrderPerVersion() {
        QFETCH(QString, version);
        QFETCH(QString, crs);
        QFETCH(bool, northingFirst);
        const bool geographic = crs != "EPSG:4543" && crs != "EPSG:3857";
        const firebeat::Point p =
            geographic ? firebeat::Point{kLoneLon, kLoneLat} : projected(qPrintable(crs), kLoneLon, kLoneLat);
        const double eps = geographic ? 1e-7 : 0.01;
        const QString right = northingFirst ? boxText(p.y - eps, p.x - eps, p.y + eps, p.x + eps)
                                            : boxText(p.x - eps, p.y - eps, p.x + eps, p.y + eps);
        const double d = heatmapInfo(version, crs, right).value("density_per_km2").toDouble(-1);
        QVERIFY2(std::abs(d - kAtLoneHazard) < 1e-6 * kAtLoneHazard, qPrintable(QString::number(d)));
        // The other order is elsewhere (or outside the CRS's area of use, an exception).
        const QString swapped = northingFirst ? boxText(p.x - eps, p.y - eps, p.x + eps, p.y + eps)
                                              : boxText(p.y - eps, p.x - eps, p.y + eps, p.x + eps);
        QVERIFY(heatmapInfo(version, crs, swapped).value("density_per_km2").toDouble(0) == 0);
    }

    // EXCEPTIONS=INIMAGE draws the message into the image asked for, BLANK gives it empty; both
    // 200 as GeoServer and MapServer answer them. XML (the default) is the report with 400.
    void exceptionsAsImages() {
        const QString bad =
            "/wms?" + kGetMap + "CRS=EPSG:99999&BBOX=0,0,1,1&WIDTH=120&HEIGHT=40&TRANSPARENT=TRUE";
        const QImage inImage = image(bad + "&EXCEPTIONS=INIMAGE");
        QCOMPARE(inImage.size(), QSize(120, 40));
        int drawn = 0;
        for (int y = 0; y < 40; ++y)
            for (int x = 0; x < 120; ++x)
                drawn += qAlpha(inImage.pixel(x, y)) > 0;
        QVERIFY(drawn > 100);
        const QImage blank = image(bad + "&EXCEPTIONS=BLANK");
        QCOMPARE(blank.size(), QSize(120, 40));
        for (int y = 0; y < 40; ++y)
            for (int x = 0; x < 120; ++x)
                QCOMPARE(qAlpha(blank.pixel(x, y)), 0);
        // 1.1.1's names, and JPEG.
        const QString bad111 =
            "/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=nothing&STYLES=&SRS=EPSG:4326"
            "&BBOX=0,0,1,1&WIDTH=64&HEIGHT=32&FORMAT=image/jpeg"
            "&EXCEPTIONS=application/vnd.ogc.se_inimage";
        QCOMPARE(image(bad111, "image/jpeg").size(), QSize(64, 32));
        QCOMPARE(exceptionCode(bad.mid(5)), QString("InvalidCRS"));
        // Without a usable size the image cannot be made: the XML report.
        QCOMPARE(exceptionCode(kGetMap + "CRS=EPSG:3857&BBOX=0,0,1,1&WIDTH=0&HEIGHT=10&EXCEPTIONS=INIMAGE"),
                 QString("InvalidParameterValue"));
    }

    // WMS 1.3.0 Annex C: a dimension value outside the advertised extent (the hazards' found_at
    // runs from 2026-03-01 to 2026-07-01) or list is InvalidDimensionValue, as XML, INIMAGE or
    // BLANK as the request asks, in both versions; an interval that overlaps the extent is not.
    void dimensionsOutsideTheirExtent() {
        const QString map130 = kGetMap + "CRS=EPSG:3857&BBOX=11434000,2875000,11436000,2877000"
                                         "&WIDTH=40&HEIGHT=20&TRANSPARENT=TRUE&";
        const QString map111 = "SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES="
                               "&FORMAT=image/png&SRS=EPSG:3857&BBOX=11434000,2875000,11436000,2877000"
                               "&WIDTH=40&HEIGHT=20&TRANSPARENT=TRUE&";
        for (const QString& map : {map130, map111}) {
            for (const char* outside : {"TIME=1800-01-01", "TIME=2026-07-02/2027-01-01", "TIME=2026-02-28",
                                        "DIM_SEVERITY=0", "DIM_STATUS=closed", "DIM_CATEGORY=ROADS"}) {
                QVERIFY2(exceptionCode(map + outside) == "InvalidDimensionValue", outside);
                const HttpResult xml = wms(map + outside);
                QCOMPARE(xml.status, 400);
                QVERIFY(QString(xml.body).contains(outside[0] == 'T' ? "time" : "dimension"));
                // INIMAGE: the message drawn (some pixels opaque); BLANK: all transparent.
                const QImage inImage = image("/wms?" + map + outside + "&EXCEPTIONS=" +
                                             (map == map130 ? "INIMAGE" : "application/vnd.ogc.se_inimage"));
                QCOMPARE(inImage.size(), QSize(40, 20));
                int drawn = 0;
                for (int y = 0; y < 20; ++y)
                    for (int x = 0; x < 40; ++x)
                        drawn += qAlpha(inImage.pixel(x, y)) > 0;
                QVERIFY2(drawn > 40, outside);
                const QImage blank = image("/wms?" + map + outside + "&EXCEPTIONS=" +
                                           (map == map130 ? "BLANK" : "application/vnd.ogc.se_blank"));
                QCOMPARE(blank.size(), QSize(40, 20));
                for (int y = 0; y < 20; ++y)
                    for (int x = 0; x < 40; ++x)
                        QCOMPARE(qAlpha(blank.pixel(x, y)), 0);
            }
            // Overlapping the extent, on its first and last day, and every listed value: drawn.
            for (const char* inside :
                 {"TIME=1800-01-01/2026-03-01", "TIME=2026-07-01/2030-01-01", "TIME=2026-07-01",
                  "DIM_SEVERITY=1,2,3", "DIM_STATUS=Open", "DIM_CATEGORY=ebike,FIRE_LANE"})
                QVERIFY2(wms(map + inside).status == 200, inside);
        }
    }

    void clientMistakesAreServiceExceptions_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("code");
        const QString map = "SERVICE=WMS&REQUEST=GetMap&STYLES=&FORMAT=image/png&";
        const QString ok130 = map + "VERSION=1.3.0&LAYERS=hazard_heatmap&CRS=EPSG:3857&";
        const QString okMap = ok130 + "BBOX=11434000,2875000,11436000,2877000&WIDTH=10&HEIGHT=10&";
        const QString info = "SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=hazard_heatmap&STYLES="
                             "&CRS=EPSG:3857&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10&";
        QTest::newRow("unknown layer") << ok130 + "LAYERS=roads&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10"
                                       << "LayerNotDefined";
        QTest::newRow("bad CRS 1.3.0")
            << map + "VERSION=1.3.0&LAYERS=hazard_heatmap&CRS=EPSG:99999&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10"
            << "InvalidCRS";
        QTest::newRow("bad SRS 1.1.1")
            << map + "VERSION=1.1.1&LAYERS=hazard_heatmap&SRS=EPSG:32648&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10"
            << "InvalidSRS";
        QTest::newRow("missing WIDTH") << ok130 + "BBOX=0,0,1,1&HEIGHT=10"
                                       << "MissingParameterValue";
        QTest::newRow("missing BBOX") << ok130 + "WIDTH=10&HEIGHT=10"
                                      << "MissingParameterValue";
        QTest::newRow("missing VERSION")
            << map + "LAYERS=hazard_heatmap&CRS=EPSG:3857&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10"
            << "MissingParameterValue";
        QTest::newRow("missing REQUEST") << "SERVICE=WMS&VERSION=1.3.0"
                                         << "MissingParameterValue";
        QTest::newRow("huge WIDTH") << ok130 + "BBOX=0,0,1,1&WIDTH=100000&HEIGHT=10"
                                    << "InvalidParameterValue";
        QTest::newRow("zero HEIGHT") << ok130 + "BBOX=0,0,1,1&WIDTH=10&HEIGHT=0"
                                     << "InvalidParameterValue";
        QTest::newRow("NaN bbox") << ok130 + "BBOX=0,0,nan,1&WIDTH=10&HEIGHT=10"
                                  << "InvalidParameterValue";
        QTest::newRow("inf bbox") << ok130 + "BBOX=0,0,inf,1&WIDTH=10&HEIGHT=10"
                                  << "InvalidParameterValue";
        QTest::newRow("inverted bbox") << ok130 + "BBOX=1,0,0,1&WIDTH=10&HEIGHT=10"
                                       << "InvalidParameterValue";
        QTest::newRow("three numbers") << ok130 + "BBOX=0,0,1&WIDTH=10&HEIGHT=10"
                                       << "InvalidParameterValue";
        QTest::newRow("huge bbox") << ok130 + "BBOX=-1e12,-1e12,1e12,1e12&WIDTH=10&HEIGHT=10"
                                   << "InvalidParameterValue";
        QTest::newRow("latitude 100")
            << map + "VERSION=1.3.0&LAYERS=hazard_heatmap&CRS=EPSG:4326&BBOX=0,0,100,1&WIDTH=10&HEIGHT=10"
            << "InvalidParameterValue";
        // Beyond EPSG:4543's area of use (100.5-103.5 E, widened by its width): easting 5,000 km.
        QTest::newRow("outside the zone") << map + "VERSION=1.1.1&LAYERS=hazard_heatmap&SRS=EPSG:4543&BBOX="
                                                   "5e6,2.7e6,5.1e6,2.8e6&WIDTH=10&HEIGHT=10"
                                          << "InvalidParameterValue";
        QTest::newRow("format") << okMap + "FORMAT=image/gif"
                                << "InvalidFormat";
        QTest::newRow("style") << okMap + "STYLES=fancy"
                               << "StyleNotDefined";
        QTest::newRow("exceptions") << okMap + "EXCEPTIONS=json"
                                    << "InvalidParameterValue";
        QTest::newRow("operation") << "SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphics"
                                   << "OperationNotSupported";
        QTest::newRow("service") << "SERVICE=WFS&VERSION=1.3.0&REQUEST=GetCapabilities"
                                 << "InvalidParameterValue";
        QTest::newRow("version") << okMap + "VERSION=2.0"
                                 << "InvalidParameterValue";
        QTest::newRow("time") << okMap + "TIME=2026-13-01"
                              << "InvalidDimensionValue";
        QTest::newRow("time words") << okMap + "TIME=yesterday"
                                    << "InvalidDimensionValue";
        QTest::newRow("time reversed") << okMap + "TIME=2026-06-30/2026-01-01"
                                       << "InvalidDimensionValue";
        QTest::newRow("time period") << okMap + "TIME=2026-01-01/2026-06-30/P1D"
                                     << "InvalidDimensionValue";
        QTest::newRow("severity 4") << okMap + "DIM_SEVERITY=1,4"
                                    << "InvalidDimensionValue";
        QTest::newRow("severity SQL") << okMap + "DIM_SEVERITY=1;DROP%20TABLE%20hazards"
                                      << "InvalidDimensionValue";
        QTest::newRow("status") << okMap + "DIM_STATUS=closed"
                                << "InvalidDimensionValue";
        QTest::newRow("category") << okMap + "DIM_CATEGORY=ROADS"
                                  << "InvalidDimensionValue";
        QTest::newRow("category SQL") << okMap + "DIM_CATEGORY=FIRE_LANE'%20OR%20'1'='1"
                                      << "InvalidDimensionValue";
        QTest::newRow("feature info pixel") << info + "QUERY_LAYERS=hazard_heatmap&I=10&J=0"
                                            << "InvalidPoint";
        QTest::newRow("feature info J") << info + "QUERY_LAYERS=hazard_heatmap&I=0&J=-1"
                                        << "InvalidPoint";
        QTest::newRow("feature info no I") << info + "QUERY_LAYERS=hazard_heatmap&J=0"
                                           << "MissingParameterValue";
        QTest::newRow("feature info 1.1.1 X")
            << "SERVICE=WMS&VERSION=1.1.1&REQUEST=GetFeatureInfo&LAYERS=hazard_heatmap&STYLES=&SRS=EPSG:3857"
               "&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10&QUERY_LAYERS=hazard_heatmap&X=10&Y=0"
            << "InvalidParameterValue";
        QTest::newRow("query layer not drawn") << info + "QUERY_LAYERS=hazards&I=0&J=0"
                                               << "LayerNotDefined";
        QTest::newRow("query layer unknown") << info + "QUERY_LAYERS=roads&I=0&J=0"
                                             << "LayerNotDefined";
        QTest::newRow("info format") << info +
                                            "QUERY_LAYERS=hazard_heatmap&I=0&J=0&INFO_FORMAT=application/xml"
                                     << "InvalidFormat";
        QTest::newRow("feature count") << info + "QUERY_LAYERS=hazard_heatmap&I=0&J=0&FEATURE_COUNT=0"
                                       << "InvalidParameterValue";
        const QString legend = "SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&FORMAT=image/png&";
        QTest::newRow("legend layer") << legend + "LAYER=roads"
                                      << "LayerNotDefined";
        QTest::newRow("legend no layer") << legend << "MissingParameterValue";
        QTest::newRow("legend format") << "SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=hazards"
                                          "&FORMAT=image/tiff"
                                       << "InvalidFormat";
        QTest::newRow("legend style") << legend + "LAYER=hazards&STYLE=fancy"
                                      << "StyleNotDefined";
        QTest::newRow("legend SLD") << legend + "LAYER=hazards&SLD_VERSION=1.0.0"
                                    << "InvalidParameterValue";
    }

    void clientMistakesAreServiceExceptions() {
        QFETCH(QString, query);
        QFETCH(QString, code);
        QCOMPARE(exceptionCode(query), code);
    }

    // LayerNotQueryable and MissingDimensionValue need a layer the catalogue does not have (every
    // real layer is queryable and gives its dimensions defaults): the same handler, in process.
    void strictLayerRules() {
        firebeat::ogc::Catalogue catalogue;
        catalogue.analysisCrs = "EPSG:4543";
        catalogue.layers.push_back(std::make_unique<StrictLayer>());
        const QString map = "SERVICE=WMS&VERSION=1.3.0&LAYERS=strict&STYLES=&CRS=CRS:84&BBOX=102,25,103,26"
                            "&WIDTH=10&HEIGHT=10&FORMAT=image/png&";
        const auto code = [&](const QString& query) {
            const auto r =
                firebeat::ogc::handleWms(catalogue, QUrlQuery(query), QUrl("http://x/wms"), nullptr);
            return r.status == 400 ? findElement(r.body, "ServiceException").value("code").toString()
                                   : QString::number(r.status);
        };
        QCOMPARE(code(map + "REQUEST=GetMap"), QString("MissingDimensionValue"));
        QCOMPARE(code(map + "REQUEST=GetMap&TIME=2026-02-01"), QString("200"));
        QCOMPARE(code(map + "REQUEST=GetFeatureInfo&QUERY_LAYERS=strict&I=0&J=0&TIME=2026-02-01"),
                 QString("LayerNotQueryable"));
        const auto capabilities = firebeat::ogc::handleWms(
            catalogue, QUrlQuery("SERVICE=WMS&REQUEST=GetCapabilities"), QUrl("http://x/wms"), nullptr);
        QCOMPARE(findElement(capabilities.body, "Layer", "queryable", "0").isEmpty(), false);
        QVERIFY(!findElement(capabilities.body, "Dimension", "name", "time").hasAttribute("default"));
    }

    // The dimensions select hazards: at the lone hazard the density is its kernel's peak when
    // the request selects it and 0 when it does not (the others are 4-5 km away).
    void dimensionsSelectHazards_data() {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("selected");
        QTest::newRow("no filter") << "" << true;
        QTest::newRow("May") << "&TIME=2026-05-01/2026-05-31" << true;
        QTest::newRow("June") << "&TIME=2026-06-01/2026-06-30" << false;
        QTest::newRow("its day") << "&TIME=2026-05-03" << true;
        QTest::newRow("the day before") << "&TIME=2026-05-02" << false;
        QTest::newRow("ends on its day") << "&TIME=2026-04-01/2026-05-03" << true;
        QTest::newRow("its instant") << "&TIME=2026-05-03T03:00:00Z" << true;
        QTest::newRow("its instant, +08:00") << "&TIME=2026-05-03T11:00:00%2B08:00" << true;
        QTest::newRow("a second later") << "&TIME=2026-05-03T03:00:01Z/2026-12-31" << false;
        QTest::newRow("severity 3") << "&DIM_SEVERITY=3" << true;
        QTest::newRow("severity 1,2") << "&DIM_SEVERITY=1,2" << false;
        QTest::newRow("open") << "&DIM_STATUS=open" << true;
        QTest::newRow("rectified") << "&DIM_STATUS=rectified" << false;
        QTest::newRow("all") << "&DIM_STATUS=all" << true;
        QTest::newRow("FIRE_LANE") << "&DIM_CATEGORY=FIRE_LANE" << true;
        QTest::newRow("lower case") << "&DIM_CATEGORY=ebike,fire_lane" << true;
        QTest::newRow("EBIKE") << "&DIM_CATEGORY=EBIKE" << false;
        QTest::newRow("all of them") << "&TIME=2026-05-01/2026-05-31&DIM_SEVERITY=3&DIM_STATUS=open"
                                        "&DIM_CATEGORY=FIRE_LANE"
                                     << true;
        QTest::newRow("all but one") << "&TIME=2026-05-01/2026-05-31&DIM_SEVERITY=3&DIM_STATUS=rectified"
                                        "&DIM_CATEGORY=FIRE_LANE"
                                     << false;
    }

    void dimensionsSelectHazards() {
        QFETCH(QString, filter);
        QFETCH(bool, selected);
        const double d = densityAt(kLoneLon, kLoneLat, filter);
        const double expected = selected ? kAtLoneHazard : 0;
        QVERIFY2(std::abs(d - expected) <= 1e-6 * kAtLoneHazard, qPrintable(QString::number(d)));
    }

    // H1, rectified and of severity 1 (weight 1), shows alone under DIM_STATUS=rectified; 1.1.1
    // takes the same parameters.
    void dimensionsIn111AndOnAnotherHazard() {
        const double eps = 1e-7;
        const QString box = boxText(kH1Lon - eps, kH1Lat - eps, kH1Lon + eps, kH1Lat + eps);
        const QJsonObject rectified = heatmapInfo("1.1.1", "EPSG:4326", box, "&DIM_STATUS=rectified");
        QVERIFY(std::abs(rectified.value("density_per_km2").toDouble() - kAtH1) < 1e-6 * kAtH1);
        QCOMPARE(
            heatmapInfo("1.1.1", "EPSG:4326", box, "&DIM_STATUS=open").value("density_per_km2").toDouble(-1),
            0.0);
    }

    void featureInfoFormats() {
        // Around fire station S1 (102.70 E, 25.02 N), whose name carries markup.
        const QString query =
            "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=hazard_heatmap,"
            "fire_stations&QUERY_LAYERS=hazard_heatmap,fire_stations&STYLES=&CRS=CRS:84"
            "&BBOX=102.699,25.019,102.701,25.021&WIDTH=101&HEIGHT=101&I=50&J=50&INFO_FORMAT=";
        const HttpResult json = get(query + "application/json");
        QCOMPARE(json.contentType, QString("application/json"));
        const QJsonArray features = QJsonDocument::fromJson(json.body).object()["features"].toArray();
        QCOMPARE(features.size(), 2);
        QCOMPARE(features[0]["layer"].toString(), QString("hazard_heatmap"));
        QCOMPARE(features[1]["layer"].toString(), QString("fire_stations"));
        QCOMPARE(features[1]["properties"]["name"].toString(), QString("<b>Centre & co</b>"));
        const HttpResult text = get(query + "text/plain");
        QVERIFY(text.contentType.startsWith("text/plain"));
        QVERIFY2(text.body.contains("fire_stations name = <b>Centre & co</b>"), text.body.constData());
        const HttpResult html = get(query + "text/html");
        QVERIFY(html.contentType.startsWith("text/html"));
        QVERIFY2(html.body.contains("<td>&lt;b&gt;Centre &amp; co&lt;/b&gt;</td>"), html.body.constData());
        QVERIFY(!html.body.contains("<b>Centre"));
        QVERIFY(html.body.contains("<th>density_per_km2</th>"));
    }

    void legendGraphics() {
        const HttpResult capabilities = wms("SERVICE=WMS&REQUEST=GetCapabilities");
        QXmlStreamReader r(capabilities.body);
        int legends = 0;
        QXmlStreamAttributes legendUrl;
        while (!r.atEnd()) {
            r.readNext();
            if (r.isStartElement() && r.name() == QLatin1String("LegendURL"))
                legendUrl = r.attributes();
            if (r.isStartElement() && r.name() == QLatin1String("OnlineResource") && !legendUrl.isEmpty()) {
                // Every layer's LegendURL gives a PNG of the size it declares.
                const QString href = r.attributes().value("xlink:href").toString();
                const QImage legend = decodedImage(httpGet(href));
                QVERIFY2(!legend.isNull(), qPrintable(href));
                QCOMPARE(legend.width(), legendUrl.value("width").toInt());
                QCOMPARE(legend.height(), legendUrl.value("height").toInt());
                legendUrl.clear();
                ++legends;
            }
        }
        QVERIFY(legends >= 2);
        // JPEG too, and WIDTH/HEIGHT leave the legend's own size.
        const QString heatmap =
            "/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetLegendGraphic&LAYER=hazard_heatmap";
        const QImage png = image(heatmap + "&FORMAT=image/png&WIDTH=20&HEIGHT=20");
        QVERIFY(png.width() > 20 && png.height() > 20);
        QCOMPARE(image(heatmap + "&FORMAT=image/jpeg", "image/jpeg").size(), png.size());
    }

    void tilesOutsideTheMatrixAre404() {
        for (const char* tile :
             {"/tiles/hazard_heatmap/0/1/0.png", "/tiles/hazard_heatmap/23/0/0.png",
              "/tiles/hazard_heatmap/3/-1/0.png", "/tiles/hazard_heatmap/a/b/c.png",
              "/tiles/hazard_heatmap/1/0/99999999999999999999.png", "/tiles/roads/0/0/0.png"})
            QVERIFY2(get(tile).status == 404, tile);
        QCOMPARE(image("/tiles/hazard_heatmap/0/0/0.png").size(), QSize(256, 256));
        QCOMPARE(get("/tiles/hazard_heatmap/0/0/0.png?severity=5").status, 400);
    }

    // Four XYZ tiles equal the same window of one 512 x 512 GetMap: every pixel is evaluated at
    // its own centre, on one colour scale. The lone hazard sits near the tiles' shared corner.
    void tilesEqualTheSameWindowOfALargerMap() {
        const int zoom = 15;
        const TileBlock block = tileBlockAround(kLoneLon, kLoneLat, zoom);
        const QImage big =
            image("/wms?" + kGetMap + "CRS=EPSG:3857&TRANSPARENT=TRUE&WIDTH=512&HEIGHT=512&BBOX=" +
                  boxText(block.minX, block.minY, block.maxX, block.maxY));
        QCOMPARE(big.size(), QSize(512, 512));
        QVERIFY(qAlpha(big.pixel(206, 152)) > 0); // the hazard: 50 pixels west, 104 north of the centre
        for (int ty = 0; ty < 2; ++ty)
            for (int tx = 0; tx < 2; ++tx) {
                const QImage tile = image(QString("/tiles/hazard_heatmap/%1/%2/%3.png")
                                              .arg(zoom)
                                              .arg(block.col0 + tx)
                                              .arg(block.row0 + ty));
                QCOMPARE(tile.size(), QSize(256, 256));
                // Pixel centres computed from different corners may differ in the last bit of a
                // coordinate, which can move a colour by one step at most.
                QVERIFY(largestDifference(tile, big, tx * 256, ty * 256) <= 1);
            }
    }

    void densityNearALoneHazardMatchesHandComputation() {
        QVERIFY(std::abs(densityAt(kLoneLon, kLoneLat) - kAtLoneHazard) < 1e-6 * kAtLoneHazard);
        // 200 m east of it (in EPSG:3857 metres), measured in the analysis CRS as the server does.
        const firebeat::Point hazard = projected("EPSG:3857", kLoneLon, kLoneLat);
        const firebeat::Point pixel{hazard.x + 200, hazard.y};
        const firebeat::CoordinateTransform toLonLat("EPSG:3857", "EPSG:4326");
        const firebeat::Point lonLat = toLonLat.apply(pixel);
        const firebeat::Point a = projected("EPSG:4543", lonLat.x, lonLat.y);
        const firebeat::Point h = projected("EPSG:4543", kLoneLon, kLoneLat);
        const double d2 = (a.x - h.x) * (a.x - h.x) + (a.y - h.y) * (a.y - h.y);
        QVERIFY(d2 > 150 * 150 && d2 < 200 * 200); // Web Mercator metres are longer than ground metres
        const double u = 1 - d2 / (kRadius * kRadius);
        const double expected = kAtLoneHazard * u * u;
        const double got = heatmapInfo("1.3.0", "EPSG:3857",
                                       boxText(pixel.x - 0.5, pixel.y - 0.5, pixel.x + 0.5, pixel.y + 0.5))
                               .value("density_per_km2")
                               .toDouble(-1);
        QVERIFY2(std::abs(got - expected) < 1e-6 * expected,
                 qPrintable(QString("%1 vs %2").arg(got).arg(expected)));
        // Beyond the radius of every hazard: nothing.
        QCOMPARE(heatmapInfo("1.3.0", "EPSG:3857",
                             boxText(pixel.x + 2000, pixel.y - 0.5, pixel.x + 2001, pixel.y + 0.5))
                     .value("density_per_km2")
                     .toDouble(-1),
                 0.0);
    }

    // GDAL's WMS driver, as QGIS and gdal_translate use it, reads a map in both versions.
    void gdalReadsTheMap() {
        const QString gdal = QStandardPaths::findExecutable("gdal_translate");
        GDALAllRegister();
        FIREBEAT_REQUIRE_TOOL(!gdal.isEmpty() && GDALGetDriverByName("WMS"),
                              "gdal_translate or GDAL's WMS driver missing (apt install gdal-bin)");
        const QStringList urls = {"/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=hazard_heatmap"
                                  "&SRS=EPSG:4326&BBOX=102.66,25.0,102.73,25.05&FORMAT=image/png",
                                  "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap"
                                  "&CRS=EPSG:4326&BBOX=25.0,102.66,25.05,102.73&FORMAT=image/png"};
        QList<QImage> images;
        for (const QString& url : urls) {
            const QString out = dir_.filePath(QString("gdal%1.png").arg(images.size()));
            QProcess p;
            p.start(gdal,
                    {"-q", "-of", "PNG", "-outsize", "140", "100", "WMS:" + server_->base() + url, out});
            QVERIFY(p.waitForFinished(120000));
            QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
            images.push_back(QImage(out).convertToFormat(QImage::Format_RGB32));
            QCOMPARE(images.back().size(), QSize(140, 100));
        }
        QCOMPARE(images[0], images[1]); // the same place whatever the axis order
        int coloured = 0;
        for (int y = 0; y < 100; ++y)
            for (int x = 0; x < 140; ++x)
                coloured += images[0].pixel(x, y) != qRgb(255, 255, 255);
        QVERIFY(coloured > 10);
    }

    // OWSLib, the Python OGC client, parses the capabilities of both versions (CRSs, dimensions,
    // legends), gets maps and feature info.
    void owslibParsesCapabilities() {
        const QString script = R"(import json, sys
from owslib.wms import WebMapService
for v in ("1.3.0", "1.1.1"):
    w = WebMapService(sys.argv[1] + "/wms", version=v)
    l = w["hazard_heatmap"]
    west, south, east, north = l.boundingBoxWGS84
    assert 102.65 < west < 102.67 and 25.0 < south < 25.01, l.boundingBoxWGS84
    for crs in ("EPSG:3857", "EPSG:4326", "EPSG:4490", "EPSG:4543"):
        assert crs in l.crsOptions, (crs, l.crsOptions)
    assert l.timepositions and l.defaulttimeposition, (l.timepositions, l.defaulttimeposition)
    assert "GetLegendGraphic" in l.styles["default"]["legend"]
    for crs in ("EPSG:4326", "EPSG:4490"):
        img = w.getmap(layers=["hazard_heatmap"], styles=[""], srs=crs, bbox=(west, south, east, north),
                       size=(64, 48), format="image/jpeg", transparent=True, time="2026-01-01/2026-12-31")
        assert img.read()[:3] == b"\xff\xd8\xff"
    info = w.getfeatureinfo(layers=["hazard_heatmap"], query_layers=["hazard_heatmap"], styles=[""],
                            srs="EPSG:4326", bbox=(west, south, east, north), size=(64, 48),
                            info_format="application/json", xy=(32, 24))
    assert json.load(info)["type"] == "FeatureCollection"
print("ok")
)";
        FIREBEAT_REQUIRE_TOOL(systemPythonHas("owslib"),
                              "python3-owslib not installed (apt install python3-owslib)");
        QProcess p;
        p.start(kSystemPython, {"-c", script, server_->base()});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QCOMPARE(p.readAllStandardOutput().trimmed(), QByteArray("ok"));
    }

    // The config file sets the input (relative to it), the radius and the one colour scale.
    void configSetsInputRadiusAndColours() {
        QFile config(dir_.filePath("firebeat.json"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        const QJsonArray stops{QJsonObject{{"density", 0}, {"colour", "#00000000"}},
                               QJsonObject{{"density", 100}, {"colour", "#ff0000ff"}}};
        const QJsonObject heatmap{{"radius", 1000}, {"colour_stops", stops}};
        config.write(QJsonDocument(QJsonObject{{"input", "data.gpkg"}, {"heatmap", heatmap}}).toJson());
        config.close();
        ServerProcess other({"--config", config.fileName()});
        QVERIFY(!other.base().isEmpty());
        const double expected = 4 * 3 / (std::numbers::pi * 1000 * 1000) * 1e6; // 12/pi, 3.82 per km^2
        const double got = densityAt(kLoneLon, kLoneLat, {}, other.base());
        QVERIFY2(std::abs(got - expected) < 1e-6 * expected, qPrintable(QString::number(got)));
        const double eps = 1e-7;
        const QImage pixel =
            decodedImage(get("/wms?" + kGetMap + "CRS=CRS:84&WIDTH=1&HEIGHT=1&TRANSPARENT=TRUE&BBOX=" +
                                 boxText(kLoneLon - eps, kLoneLat - eps, kLoneLon + eps, kLoneLat + eps),
                             other.base()));
        QCOMPARE(pixel.pixel(0, 0), qRgba(0, 0, 10, 10)); // 3.82 / 100 of the way to opaque blue
    }

    void badStartOptionsExitWithAMessage_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("missing input") << QStringList{"--input", "/nonexistent/data.gpkg"};
        QTest::newRow("listen") << QStringList{"--listen", "localhost"};
        QTest::newRow("config") << QStringList{"--config", "/nonexistent/firebeat.json"};
        QTest::newRow("radius") << QStringList{"--radius", "-5"};
    }

    void badStartOptionsExitWithAMessage() {
        QFETCH(QStringList, arguments);
        QProcess p;
        p.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")),
                QStringList{"serve", "--input", dir_.filePath("data.gpkg")} + arguments);
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("error"));
    }

    // Clients that hang up while their map is computed must not take the server down.
    void survivesClientsHangingUp() {
        const QUrl url(server_->base());
        for (int i = 0; i < 16; ++i) {
            QTcpSocket socket;
            socket.connectToHost("127.0.0.1", static_cast<quint16>(url.port()));
            QVERIFY(socket.waitForConnected(30000));
            socket.write(
                "GET /wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES=&CRS=CRS:84"
                "&BBOX=102.6,24.9,102.8,25.1&WIDTH=1024&HEIGHT=1024&FORMAT=image/png HTTP/1.1\r\n"
                "Host: 127.0.0.1\r\n\r\n");
            QVERIFY(socket.waitForBytesWritten(30000));
            socket.abort();
        }
        QCOMPARE(wms("SERVICE=WMS&REQUEST=GetCapabilities").status, 200);
        QVERIFY(server_->running());
    }
};

QTEST_MAIN(TestServerWms)
#include "test_server_wms.moc"
