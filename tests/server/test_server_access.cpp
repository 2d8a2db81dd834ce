// Access control (config "access"): a layer kept for callers with a token is absent for everyone
// else in every service, feature info returns only the configured fields, tokens are stored as
// SHA-256 digests and sent as a Bearer header or a TOKEN parameter. Clients: Qt, GDAL, OWSLib.
#include "fixtures.h"
#include "server_test_client.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "require_tool.h"

#include <memory>

using namespace firebeat::test;

namespace {

const QByteArray kToken = "ops-2026-secret";
// The minimal data set's unit U3 (102.72, 25.01): unit_id U3, name 商场, category key_unit.
constexpr double kU3Lon = 102.72;
constexpr double kU3Lat = 25.01;

} // namespace

class TestServerAccess : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<ServerProcess> server_;

    HttpResult get(const QString& pathAndQuery, const QByteArray& authorization = {}) {
        QNetworkAccessManager net;
        QNetworkRequest request(QUrl(server_->base() + pathAndQuery));
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        QNetworkReply* reply = net.get(request);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        HttpResult r{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                     reply->header(QNetworkRequest::ContentTypeHeader).toString(), reply->readAll()};
        reply->deleteLater();
        return r;
    }
    static QByteArray bearer() { return "Bearer " + kToken; }

    QString wmsCode(const HttpResult& r) {
        return r.status == 400 ? findElement(r.body, "ServiceException").value("code").toString()
                               : "status " + QString::number(r.status);
    }

    // Feature info of `layer` at (lon, lat): the properties of its first feature.
    QJsonObject infoAt(const QString& layer, double lon, double lat, const QByteArray& authorization = {}) {
        const double e = 1e-6;
        const HttpResult r = get(QString("/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetFeatureInfo&LAYERS=%1"
                                         "&QUERY_LAYERS=%1&STYLES=&SRS=EPSG:4326&BBOX=%2,%3,%4,%5&WIDTH=1"
                                         "&HEIGHT=1&X=0&Y=0&INFO_FORMAT=application/json")
                                     .arg(layer)
                                     .arg(lon - e, 0, 'f', 7)
                                     .arg(lat - e, 0, 'f', 7)
                                     .arg(lon + e, 0, 'f', 7)
                                     .arg(lat + e, 0, 'f', 7),
                                 authorization);
        const QJsonArray features = QJsonDocument::fromJson(r.body).object().value("features").toArray();
        return features.isEmpty() ? QJsonObject() : features.at(0).toObject().value("properties").toObject();
    }

  private Q_SLOTS:
    void initTestCase() {
        writeLayers(dir_.filePath("data.gpkg").toStdString(), minimalDataset());
        // The digest computed here, independently of the server's code.
        const QString digest = QCryptographicHash::hash(kToken, QCryptographicHash::Sha256).toHex();
        const QJsonObject layers{
            {"hazards", QJsonObject{{"access", "token"}}},
            {"hazard_heatmap",
             QJsonObject{{"access", "token"}, {"info_fields", QJsonArray{"density_per_km2"}}}},
            {"units", QJsonObject{{"access", "public"}, {"info_fields", QJsonArray{"unit_id", "category"}}}}};
        QFile config(dir_.filePath("firebeat.json"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QJsonDocument(QJsonObject{{"input", "data.gpkg"},
                                               {"access", QJsonObject{{"tokens", QJsonArray{digest}},
                                                                      {"layers", layers}}}})
                         .toJson());
        config.close();
        server_ = std::make_unique<ServerProcess>(QStringList{"--config", config.fileName()});
        QVERIFY(!server_->base().isEmpty());
    }

    void cleanupTestCase() { server_.reset(); }

    // --hash-token prints SHA-256 as hex: FIPS 180-2's test vector for "abc".
    void hashTokenGivesSha256() {
        QProcess p;
        p.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")), {"serve", "--hash-token"});
        p.write("abc\n");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput().trimmed(),
                 QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    // A digest that is not 64 hex digits, an unknown access mode, and a private layer without any
    // token are configuration errors naming the key.
    void badAccessConfigurationIsRefused() {
        const QList<QPair<QJsonObject, QString>> cases{
            {QJsonObject{{"tokens", QJsonArray{kToken.constData()}}}, "access.tokens"},
            {QJsonObject{{"layers", QJsonObject{{"hazards", QJsonObject{{"access", "secret"}}}}}},
             "access.layers.hazards.access"},
            {QJsonObject{{"layers", QJsonObject{{"hazards", QJsonObject{{"access", "token"}}}}}},
             "access.tokens"},
            {QJsonObject{{"layers", QJsonObject{{"hazards", QJsonObject{{"fields", QJsonArray{}}}}}}},
             "access.layers.hazards.fields"}};
        for (const auto& [access, key] : cases) {
            QFile config(dir_.filePath("bad.json"));
            QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
            config.write(QJsonDocument(QJsonObject{{"input", "data.gpkg"}, {"access", access}}).toJson());
            config.close();
            QProcess p;
            p.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")),
                    {"serve", "--listen", "127.0.0.1:0", "--config", config.fileName()});
            QVERIFY(p.waitForFinished(60000));
            QCOMPARE(p.exitCode(), 2);
            const QString err = QString::fromUtf8(p.readAllStandardError());
            QVERIFY2(err.contains(key), qPrintable(err));
        }
    }

    // Capabilities list only what the caller may see: WMS (both versions) and WMTS.
    void capabilitiesListWhatTheCallerMaySee() {
        for (const char* version : {"1.3.0", "1.1.1"}) {
            const QString caps = QString("/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=") + version;
            const QStringList anonymous = capabilityLayers(get(caps).body);
            QVERIFY2(anonymous.contains("units") && anonymous.contains("fire_stations"),
                     qPrintable(anonymous.join(',')));
            QVERIFY(!anonymous.contains("hazards") && !anonymous.contains("hazard_heatmap"));
            const QStringList withHeader = capabilityLayers(get(caps, bearer()).body);
            QVERIFY(withHeader.contains("hazards") && withHeader.contains("hazard_heatmap"));
            QCOMPARE(capabilityLayers(get(caps + "&TOKEN=" + kToken).body), withHeader);
        }
        // A client that can only add a parameter follows the capabilities' URLs: they carry it.
        const HttpResult withParam = get("/wms?SERVICE=WMS&REQUEST=GetCapabilities&TOKEN=" + kToken);
        QVERIFY(withParam.body.contains("/wms?TOKEN=" + kToken + "&amp;"));
        QVERIFY(!get("/wms?SERVICE=WMS&REQUEST=GetCapabilities").body.contains("TOKEN"));
        const QByteArray wmts = get("/wmts?SERVICE=WMTS&REQUEST=GetCapabilities").body;
        QVERIFY(wmts.contains("<ows:Identifier>units</ows:Identifier>"));
        QVERIFY(!wmts.contains("<ows:Identifier>hazards</ows:Identifier>"));
        QVERIFY(get("/wmts/1.0.0/WMTSCapabilities.xml", bearer())
                    .body.contains("<ows:Identifier>hazards</ows:Identifier>"));
    }

    // A private layer gives no data without a token, whatever the service; with one it does.
    void privateLayersGiveNoData() {
        const QString map =
            "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazards&STYLES=&CRS=EPSG:3857"
            "&BBOX=11428000,2875000,11436000,2881000&WIDTH=64&HEIGHT=48&FORMAT=image/png";
        QCOMPARE(wmsCode(get(map)), QString("LayerNotDefined"));
        QCOMPARE(get(map, bearer()).status, 200);
        QCOMPARE(get(map + "&TOKEN=" + kToken).status, 200);
        QCOMPARE(wmsCode(get(map + "&EXCEPTIONS=BLANK")), QString("status 200")); // an empty image
        QVERIFY(infoAt("hazards", kLoneLon, kLoneLat).isEmpty());
        QCOMPARE(infoAt("hazards", kLoneLon, kLoneLat, bearer()).value("hazard_id").toString(),
                 QString("H2"));
        const QString legend =
            "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&FORMAT=image/png&LAYER=";
        QCOMPARE(wmsCode(get(legend + "hazards")), QString("LayerNotDefined"));
        QCOMPARE(get(legend + "hazards", bearer()).status, 200);
        const QString kvp =
            "/wmts?SERVICE=WMTS&VERSION=1.0.0&REQUEST=GetTile&LAYER=hazards&STYLE=default"
            "&FORMAT=image/png&TILEMATRIXSET=GoogleMapsCompatible&TILEMATRIX=0&TILEROW=0&TILECOL=0";
        QCOMPARE(get(kvp).status, 400);
        QCOMPARE(get(kvp, bearer()).status, 200);
        QCOMPARE(get("/wmts/hazards/default/GoogleMapsCompatible/0/0/0.png").status, 400);
        QCOMPARE(get("/wmts/hazards/default/GoogleMapsCompatible/0/0/0.png", bearer()).status, 200);
        QCOMPARE(get("/tiles/hazards/0/0/0.png").status, 404);
        QCOMPARE(get("/tiles/hazards/0/0/0.png", bearer()).status, 200);
        QCOMPARE(get("/tiles/hazard_heatmap/0/0/0.png?TOKEN=" + kToken).status, 200);
        // A public layer needs none.
        QCOMPARE(get("/tiles/units/0/0/0.png").status, 200);
        // A wrong token is refused outright (401), never treated as anonymous.
        const HttpResult wrong = get("/tiles/units/0/0/0.png", "Bearer not-the-token");
        QCOMPARE(wrong.status, 401);
        QCOMPARE(get("/wms?SERVICE=WMS&REQUEST=GetCapabilities&TOKEN=guess").status, 401);
    }

    // Feature info returns the configured fields only, to every caller.
    void featureInfoReturnsAllowedFields() {
        for (const QByteArray& authorization : {QByteArray(), bearer()}) {
            const QJsonObject u3 = infoAt("units", kU3Lon, kU3Lat, authorization);
            QCOMPARE(u3.value("unit_id").toString(), QString("U3"));
            QCOMPARE(u3.value("category").toString(), QString("key_unit"));
            QCOMPARE(u3.keys(), (QStringList{"category", "unit_id"}));
        }
        const QJsonObject heat = infoAt("hazard_heatmap", kLoneLon, kLoneLat, bearer());
        QCOMPARE(heat.keys(), QStringList{"density_per_km2"});
        QVERIFY(heat.value("density_per_km2").toDouble() > 0);
        // The HTML and text formats are made from the same cut-down properties.
        const double e = 1e-6;
        const HttpResult html = get(
            QString("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=units&QUERY_LAYERS=units"
                    "&STYLES=&CRS=CRS:84&BBOX=%1,%2,%3,%4&WIDTH=1&HEIGHT=1&I=0&J=0&INFO_FORMAT=text/html")
                .arg(kU3Lon - e, 0, 'f', 7)
                .arg(kU3Lat - e, 0, 'f', 7)
                .arg(kU3Lon + e, 0, 'f', 7)
                .arg(kU3Lat + e, 0, 'f', 7));
        QCOMPARE(html.status, 200);
        QVERIFY(html.body.contains("U3"));
        QVERIFY(!html.body.contains("商场"));
    }

    // GDAL's WMS driver sends the token as a header (GDAL_HTTP_HEADERS) or as the TOKEN parameter.
    void gdalSendsTheToken() {
        const QString gdal = QStandardPaths::findExecutable("gdal_translate");
        FIREBEAT_REQUIRE_TOOL(!gdal.isEmpty(), "gdal_translate (gdal-bin) is not installed");
        const QString url = "WMS:" + server_->base() +
                            "/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=hazards"
                            "&SRS=EPSG:4326&BBOX=102.66,25.0,102.73,25.05&FORMAT=image/png";
        const auto run = [&](const QString& source, const QByteArray& headers) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("GDAL_HTTP_HEADERS", QString::fromUtf8(headers));
            p.setProcessEnvironment(env);
            p.start(gdal, {"-q", "-of", "PNG", "-outsize", "70", "50", source, dir_.filePath("gdal.png")});
            p.waitForFinished(120000);
            return p.exitCode();
        };
        QVERIFY(run(url, {}) != 0);
        QCOMPARE(run(url, "Authorization: " + bearer()), 0);
        QCOMPARE(QImage(dir_.filePath("gdal.png")).size(), QSize(70, 50));
        QVERIFY(QFile::remove(dir_.filePath("gdal.png")));
        QCOMPARE(run(url + "&TOKEN=" + kToken, {}), 0);
        QCOMPARE(QImage(dir_.filePath("gdal.png")).size(), QSize(70, 50));
        // gdalinfo lists the private layer among the subdatasets only with the token.
        const QString gdalinfo = QStandardPaths::findExecutable("gdalinfo");
        const auto layers = [&](const QByteArray& headers) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("GDAL_HTTP_HEADERS", QString::fromUtf8(headers));
            p.setProcessEnvironment(env);
            p.start(gdalinfo, {"WMS:" + server_->base() + "/wms?SERVICE=WMS&REQUEST=GetCapabilities"});
            p.waitForFinished(120000);
            return QString::fromUtf8(p.readAllStandardOutput());
        };
        QVERIFY(!layers({}).contains("LAYERS=hazards&"));
        QVERIFY(layers({}).contains("LAYERS=units&"));
        QVERIFY(layers("Authorization: " + bearer()).contains("LAYERS=hazards&"));
    }

    // OWSLib with the header: WMS and WMTS see and draw the private layer; without it they do not.
    void owslibSendsTheToken() {
        FIREBEAT_REQUIRE_TOOL(systemPythonHas("owslib"), "python3-owslib is not installed");
        const QString script = R"(import sys
from owslib.wms import WebMapService
from owslib.wmts import WebMapTileService
base, token = sys.argv[1], sys.argv[2]
auth = {"Authorization": "Bearer " + token}
assert "hazards" not in WebMapService(base + "/wms", version="1.3.0").contents
w = WebMapService(base + "/wms", version="1.3.0", headers=auth)
assert "hazards" in w.contents, list(w.contents)
img = w.getmap(layers=["hazards"], styles=[""], srs="EPSG:4326", bbox=(102.66, 25.0, 102.73, 25.05),
               size=(64, 48), format="image/png", transparent=True)
assert img.read()[:4] == b"\x89PNG"
assert "hazards" not in WebMapTileService(base + "/wmts").contents
t = WebMapTileService(base + "/wmts", headers=auth)
assert "hazards" in t.contents
tile = t.gettile(layer="hazards", tilematrixset="GoogleMapsCompatible", tilematrix="0", row=0, column=0,
                 format="image/png")
assert tile.read()[:4] == b"\x89PNG"
print("ok")
)";
        QProcess p;
        p.start(kSystemPython, {"-c", script, server_->base(), QString::fromUtf8(kToken)});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QCOMPARE(p.readAllStandardOutput().trimmed(), QByteArray("ok"));
    }
};

QTEST_MAIN(TestServerAccess)
#include "test_server_access.moc"
