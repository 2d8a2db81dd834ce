// Load with disconnects: `firebeat serve` on the sample layers under wrk (8 keep-alive clients
// asking for heatmap maps and tiles) while 4 more clients (a third of all) keep connecting,
// sending a request, or part of one, and hanging up before the answer. Afterwards the server
// must still run and answer the reference GetMap with the same PNG bytes as before the load, and
// wrk must have seen no socket error, no timeout and no non-2xx answer but 503 "server busy".
// Loopback only, about 15 s in all.
#include "require_tool.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <numbers>

namespace {

constexpr int kWrkConnections = 8;
constexpr int kDisconnectingClients = 4; // a third of the 12 clients
constexpr int kLoadSeconds = 6;

// A WMS 1.3.0 GetMap path of a 256 x 256 PNG in EPSG:3857 around (lon, lat), `span` degrees wide.
QString getMapPath(double lon, double lat, double span) {
    const auto mercator = [](double lonDeg, double latDeg) {
        constexpr double r = 6378137.0;
        const double latRad = latDeg * std::numbers::pi / 180;
        return QPointF(r * lonDeg * std::numbers::pi / 180,
                       r * std::log(std::tan(std::numbers::pi / 4 + latRad / 2)));
    };
    const QPointF a = mercator(lon, lat), b = mercator(lon + span, lat + span);
    return QString("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES=&CRS=EPSG:3857"
                   "&BBOX=%1,%2,%3,%4&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=TRUE")
        .arg(a.x(), 0, 'f', 3)
        .arg(a.y(), 0, 'f', 3)
        .arg(b.x(), 0, 'f', 3)
        .arg(b.y(), 0, 'f', 3);
}

// Maps and XYZ tiles over the sample layers (hazards in 102.60-102.90 E, 24.90-25.15 N).
QStringList loadPaths() {
    QStringList paths;
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 3; ++j)
            paths << getMapPath(102.60 + 0.075 * i, 24.90 + 0.08 * j, 0.075);
    for (int x = 6430; x <= 6436; ++x) // zoom 13 over the same area
        paths << QString("/tiles/hazard_heatmap/13/%1/3500.png").arg(x);
    return paths;
}

// A client that connects, sends all or part of a request and hangs up (a reset) before the
// answer, again and again until stopped; one socket at a time.
class DisconnectingClient : public QObject {
  public:
    DisconnectingClient(quint16 port, QStringList paths) : port_(port), paths_(std::move(paths)) {}
    void start() { next(); }
    void stop() {
        stopped_ = true;
        retire(current_);
    }
    int requestsSent() const { return sent_; }

  private:
    void next() {
        if (stopped_)
            return;
        auto* socket = new QTcpSocket(this);
        current_ = socket;
        connect(socket, &QTcpSocket::connected, this, [this, socket] { sendAndHangUp(socket); });
        connect(socket, &QTcpSocket::errorOccurred, this, [this, socket] { retire(socket); });
        socket->connectToHost(QHostAddress::LocalHost, port_);
    }
    void sendAndHangUp(QTcpSocket* socket) {
        auto* random = QRandomGenerator::global();
        const QByteArray request = "GET " + paths_[random->bounded(paths_.size())].toUtf8() +
                                   " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n";
        // One in four sends only part of the request; the others hang up 0-40 ms after sending
        // it, before a map that takes longer is answered.
        const bool partial = random->bounded(4) == 0;
        socket->write(partial ? request.left(random->bounded(1, static_cast<int>(request.size()))) : request);
        ++sent_;
        QTimer::singleShot(random->bounded(40), socket, [this, socket] { retire(socket); });
    }
    void retire(QTcpSocket* socket) {
        if (socket == nullptr || socket != current_)
            return;
        current_ = nullptr;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
        QTimer::singleShot(0, this, [this] { next(); });
    }

    quint16 port_;
    QStringList paths_;
    QTcpSocket* current_ = nullptr;
    bool stopped_ = false;
    int sent_ = 0;
};

} // namespace

class TestServerLoad : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void initTestCase();
    void serverSurvivesDisconnectsUnderLoad();
    void cleanupTestCase();

  private:
    QByteArray get(const QString& path, int* status);

    QProcess server_;
    QString wrk_;
    quint16 port_ = 0;
    QNetworkAccessManager network_;
};

void TestServerLoad::initTestCase() {
    wrk_ = QStandardPaths::findExecutable("wrk");
    FIREBEAT_REQUIRE_TOOL(!wrk_.isEmpty(),
                          "wrk not found: install the Debian package wrk (scripts/install-deps.sh)");
    server_.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")), {"serve", "--listen", "127.0.0.1:0"});
    QVERIFY2(server_.waitForStarted(10000), qPrintable(server_.errorString()));
    // "listening on http://127.0.0.1:PORT/wms" once the sample layers are read.
    QElapsedTimer clock;
    clock.start();
    QByteArray out;
    while (!out.contains('\n') && clock.elapsed() < 30000 && server_.state() == QProcess::Running) {
        server_.waitForReadyRead(1000);
        out += server_.readAllStandardOutput();
    }
    const QByteArray line = out.left(out.indexOf('\n')); // "listening on http://127.0.0.1:PORT/wms"
    const qsizetype colon = line.lastIndexOf(':');
    QVERIFY2(
        line.startsWith("listening on http://127.0.0.1:") && line.endsWith("/wms"),
        qPrintable("firebeat serve did not say where it listens: " + out + server_.readAllStandardError()));
    port_ = static_cast<quint16>(line.mid(colon + 1).chopped(4).toUInt()); // the digits before "/wms"
    QVERIFY(port_ > 0);
}

QByteArray TestServerLoad::get(const QString& path, int* status) {
    QNetworkReply* reply =
        network_.get(QNetworkRequest(QUrl(QString("http://127.0.0.1:%1%2").arg(port_).arg(path))));
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    loop.exec();
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->isFinished() ? reply->readAll() : QByteArray();
    reply->abort();
    reply->deleteLater();
    return body;
}

void TestServerLoad::serverSurvivesDisconnectsUnderLoad() {
    const QStringList paths = loadPaths();
    const QString reference = paths.first();
    int status = 0;
    const QByteArray before = get(reference, &status);
    QCOMPARE(status, 200);
    QImage image;
    QVERIFY2(image.loadFromData(before, "PNG"), "the reference GetMap is not a PNG");
    QCOMPARE(image.size(), QSize(256, 256));
    // The heatmap over the sample's hazards is not empty: some pixel has colour.
    bool coloured = false;
    for (int y = 0; y < image.height() && !coloured; ++y)
        for (int x = 0; x < image.width() && !coloured; ++x)
            coloured = qAlpha(image.pixel(x, y)) > 0;
    QVERIFY2(coloured, "the reference map shows no heat over the sample's hazards");

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile list(dir.filePath("paths.txt"));
    QVERIFY(list.open(QIODevice::WriteOnly));
    list.write(paths.join('\n').toUtf8() + '\n');
    list.close();
    QProcess wrk;
    wrk.start(wrk_, {"-t2", QString("-c%1").arg(kWrkConnections), QString("-d%1s").arg(kLoadSeconds),
                     "--timeout", "20s", "-s", FIREBEAT_SOURCE_DIR "/bench/server_wrk.lua",
                     QString("http://127.0.0.1:%1").arg(port_), "--", list.fileName(), "2"});
    QVERIFY2(wrk.waitForStarted(10000), qPrintable(wrk.errorString()));

    std::vector<std::unique_ptr<DisconnectingClient>> clients;
    for (int i = 0; i < kDisconnectingClients; ++i) {
        clients.push_back(std::make_unique<DisconnectingClient>(port_, paths));
        clients.back()->start();
    }
    QEventLoop loop;
    connect(&wrk, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot((kLoadSeconds + 25) * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    int hungUp = 0;
    for (auto& c : clients) {
        c->stop();
        hungUp += c->requestsSent();
    }
    QVERIFY2(wrk.state() == QProcess::NotRunning, "wrk did not finish in time");
    QVERIFY2(hungUp > kDisconnectingClients, "the disconnecting clients sent (almost) nothing");

    QCOMPARE(server_.state(), QProcess::Running);
    const QByteArray after = get(reference, &status);
    QCOMPARE(status, 200);
    QVERIFY2(after == before, "the reference GetMap changed after the load");

    const QByteArray output = wrk.readAllStandardOutput();
    const QJsonObject result = QJsonDocument::fromJson(output.mid(output.lastIndexOf("\n{") + 1)).object();
    QVERIFY2(result.value("requests").toInt() > 0,
             qPrintable("no result from wrk: " + output + wrk.readAllStandardError()));
    qInfo("wrk: %d requests (%.1f/s, p99 %.0f ms) while %d requests were hung up",
          result.value("requests").toInt(), result.value("tiles_per_s").toDouble(),
          result.value("p99_ms").toDouble(), hungUp);
    for (const char* key : {"connect_errors", "read_errors", "write_errors", "timeouts"})
        QVERIFY2(result.value(key).toInt() == 0,
                 qPrintable(QString("wrk saw %1 %2: ").arg(result.value(key).toInt()).arg(key) + output));
    // The only non-2xx answer expected is 503 "server busy" (Retry-After), the server shedding
    // the flood of hung-up requests; some of wrk's requests must still be served.
    const int busy = result.value("status_503").toInt();
    QVERIFY2(result.value("non_2xx").toInt() == busy,
             qPrintable("wrk saw non-2xx answers other than 503: " + output));
    QVERIFY2(busy < result.value("requests").toInt(),
             qPrintable("every request of wrk was refused: " + output));
}

void TestServerLoad::cleanupTestCase() {
    if (server_.state() == QProcess::Running) {
        server_.terminate();
        if (!server_.waitForFinished(10000))
            server_.kill();
    }
}

QTEST_MAIN(TestServerLoad)
#include "test_server_load.moc"
