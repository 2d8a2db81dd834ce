// The server's runtime: parallel requests on the worker pool, clients that go away mid-request,
// the queue and time limits, hostile request sizes and configuration mistakes.
#include "cli_test_support.h"
#include "server_test_support.h"

#include <QElapsedTimer>
#include <QImage>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <algorithm>
#include <optional>

using namespace firebeat::test;

namespace {

// A GetMap of the sample layers' heatmap in EPSG:3857 (Kunming is about x 11.42-11.46e6,
// y 2.86-2.90e6), window `i` of a 8 x 4 grid.
QString getMap(int i, int size) {
    const double x0 = 11421000 + (i % 8) * 4000;
    const double y0 = 2866000 + (i / 8) * 4000;
    return QString("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES=&CRS=EPSG:3857"
                   "&BBOX=%1,%2,%3,%4&WIDTH=%5&HEIGHT=%5&FORMAT=image/png&TRANSPARENT=TRUE")
        .arg(x0, 0, 'f', 0)
        .arg(y0, 0, 'f', 0)
        .arg(x0 + 4000, 0, 'f', 0)
        .arg(y0 + 4000, 0, 'f', 0)
        .arg(size);
}

// With kSlowRadius (a 5 km bandwidth: every kernel covers a tenth of the city), a map that keeps
// a worker busy for seconds.
const QStringList kSlowRadius{"--radius", "5000"};
QString heavyMap() {
    return "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES=&CRS=EPSG:4326"
           "&BBOX=24.9,102.6,25.15,102.9&WIDTH=3000&HEIGHT=3000&FORMAT=image/png&TRANSPARENT=TRUE";
}

// Status, content type and body of the complete response starting at `from` of `raw`
// (Content-Length framed), and where the next one starts.
std::optional<std::pair<HttpResult, qsizetype>> parseResponse(const QByteArray& raw, qsizetype from = 0) {
    const qsizetype end = raw.indexOf("\r\n\r\n", from);
    if (end < 0)
        return std::nullopt;
    HttpResult r;
    qsizetype length = -1;
    const QList<QByteArray> lines = raw.mid(from, end - from).split('\n');
    r.status = lines.value(0).split(' ').value(1).toInt();
    for (const QByteArray& line : lines) {
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).trimmed().toLower();
        if (name == "content-length")
            length = line.mid(colon + 1).trimmed().toLongLong();
        else if (name == "content-type")
            r.contentType = QString::fromUtf8(line.mid(colon + 1).trimmed());
    }
    if (length < 0 || raw.size() < end + 4 + length)
        return std::nullopt;
    r.body = raw.mid(end + 4, length);
    return std::pair{r, end + 4 + length};
}

// Every path as a GET on one connection, sent at once (HTTP/1.1 pipelining); the responses in
// the order they arrive.
QList<HttpResult> pipelined(const QString& base, const QStringList& paths, int ms = 300000) {
    const QUrl url(base);
    QTcpSocket socket;
    socket.connectToHost(url.host(), static_cast<quint16>(url.port()));
    QByteArray requests;
    for (const QString& path : paths)
        requests += "GET " + path.toUtf8() + " HTTP/1.1\r\nHost: " + url.authority().toUtf8() + "\r\n\r\n";
    socket.write(requests);
    QByteArray raw;
    QList<HttpResult> out;
    qsizetype next = 0;
    QElapsedTimer timer;
    timer.start();
    while (out.size() < paths.size() && timer.elapsed() < ms) {
        if (socket.waitForReadyRead(100))
            raw += socket.readAll();
        while (const auto response = parseResponse(raw, next)) {
            out.push_back(response->first);
            next = response->second;
        }
    }
    return out;
}

// One HTTP/1.1 GET per connection, all sent at once: real parallel clients.
class ParallelClients {
  public:
    ParallelClients(const QString& base, const QStringList& paths) {
        const QUrl url(base);
        for (const QString& path : paths) {
            auto* socket = new QTcpSocket(&owner_);
            sockets_.push_back(socket);
            buffers_.push_back({});
            const qsizetype index = sockets_.size() - 1;
            QObject::connect(socket, &QTcpSocket::readyRead, &owner_,
                             [this, socket, index] { buffers_[index] += socket->readAll(); });
            socket->connectToHost(url.host(), static_cast<quint16>(url.port()));
            socket->write("GET " + path.toUtf8() + " HTTP/1.1\r\nHost: " + url.authority().toUtf8() +
                          "\r\n\r\n");
        }
    }

    // Waits until every reply is complete (or `ms` passed); the replies in the paths' order.
    QList<HttpResult> replies(int ms = 300000) {
        QElapsedTimer timer;
        timer.start();
        while (!allComplete() && timer.elapsed() < ms)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        QList<HttpResult> out;
        for (const QByteArray& b : buffers_) {
            const auto response = parseResponse(b);
            out.push_back(response ? response->first : HttpResult{});
        }
        return out;
    }

    void abortAll() {
        for (QTcpSocket* s : sockets_)
            s->abort();
    }

  private:
    bool allComplete() const {
        return std::all_of(buffers_.begin(), buffers_.end(),
                           [](const QByteArray& b) { return parseResponse(b).has_value(); });
    }

    QObject owner_;
    QList<QTcpSocket*> sockets_;
    QList<QByteArray> buffers_;
};

// Polls the server's counters until `done` holds (at most `ms`).
template <class F>
QJsonObject waitForStatus(QNetworkAccessManager& net, const QString& base, F done, int ms = 120000) {
    QElapsedTimer timer;
    timer.start();
    QJsonObject status = serverStatus(net, base);
    while (!done(status) && timer.elapsed() < ms) {
        QTest::qWait(100);
        status = serverStatus(net, base);
    }
    return status;
}

} // namespace

class TestServerRuntime : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QNetworkAccessManager net_;

    QString writeConfig(const QString& name, const QByteArray& json) {
        QFile file(dir_.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(json);
        return file.fileName();
    }

  private Q_SLOTS:
    // 32 GetMaps at once on 4 workers and a cache equal, byte for byte, the same maps computed
    // one at a time by a single worker without a cache.
    void parallelGetMapsEqualOneByOne() {
        QProcess parallel, serial;
        const QString parallelBase = startServer(parallel, {"--workers", "4"});
        const QString serialBase = startServer(serial, {"--workers", "1", "--no-cache"});
        QVERIFY(!parallelBase.isEmpty() && !serialBase.isEmpty());
        QStringList paths;
        for (int i = 0; i < 32; ++i)
            paths.push_back(getMap(i, 128));
        ParallelClients clients(parallelBase, paths);
        const QList<HttpResult> replies = clients.replies();
        int coloured = 0;
        for (int i = 0; i < paths.size(); ++i) {
            const HttpResult expected = httpGet(net_, serialBase + paths[i]);
            QCOMPARE(expected.status, 200);
            QVERIFY2(replies[i].status == 200 && replies[i].contentType == "image/png", qPrintable(paths[i]));
            QVERIFY2(replies[i].body == expected.body, qPrintable(paths[i] + " differs"));
            const QImage image =
                QImage::fromData(replies[i].body, "PNG").convertToFormat(QImage::Format_ARGB32);
            coloured += image.pixelColor(64, 64).alpha() > 0;
        }
        QVERIFY2(coloured > 8, "most windows of the city should show some density");
        QCOMPARE(serverStatus(net_, parallelBase)["answered"].toInteger(), qint64(32));
        stopServer(parallel);
        stopServer(serial);
    }

    // A client that disconnects while its map is computed: the work stops (counted in /status),
    // nothing is written to the dead socket, and the server answers the next clients.
    void clientGoneCancelsItsWork() {
        QProcess server;
        const QString base = startServer(server, QStringList{"--workers", "1", "--no-cache"} + kSlowRadius);
        QVERIFY(!base.isEmpty());
        ParallelClients client(base, {heavyMap()});
        const QJsonObject running =
            waitForStatus(net_, base, [](const QJsonObject& s) { return s["in_progress"].toInteger() == 1; });
        QCOMPARE(running["in_progress"].toInteger(), qint64(1));
        client.abortAll();
        const QJsonObject after = waitForStatus(net_, base, [](const QJsonObject& s) {
            return s["cancelled"].toInteger() == 1 && s["in_progress"].toInteger() == 0;
        });
        QCOMPARE(after["cancelled"].toInteger(), qint64(1));
        QCOMPARE(after["clients_gone"].toInteger(), qint64(1));
        QCOMPARE(after["answered"].toInteger(), qint64(0));

        const HttpResult map = httpGet(net_, base + getMap(10, 64));
        QCOMPARE(map.status, 200);
        QCOMPARE(map.contentType, QString("image/png"));
        QCOMPARE(server.state(), QProcess::Running);
        stopServer(server);
    }

    // One worker, room for one request, half a second each: the request running past the limit
    // is stopped with a 503, those beyond the queue are refused at once with a 503 and Retry-After.
    void queueAndTimeLimits() {
        const QString config =
            writeConfig("limits.json", R"({"workers": 1, "limits": {"queue": 1, "request_seconds": 0.5}})");
        QProcess server;
        const QString base = startServer(server, QStringList{"--config", config, "--no-cache"} + kSlowRadius);
        QVERIFY(!base.isEmpty());
        ParallelClients clients(base, {heavyMap(), heavyMap(), heavyMap()});
        const QList<HttpResult> replies = clients.replies();
        int stopped = 0, refused = 0;
        for (const HttpResult& r : replies) {
            QCOMPARE(r.status, 503);
            stopped += r.body.contains("limit of 0.5 s");
            refused += r.body.contains("server busy");
        }
        QCOMPARE(stopped, 1);
        QCOMPARE(refused, 2);
        const QJsonObject status = serverStatus(net_, base);
        QCOMPARE(status["timed_out"].toInteger(), qint64(1));
        QCOMPARE(status["rejected_busy"].toInteger(), qint64(2));
        stopServer(server);
    }

    // Requests pipelined on one connection are answered in the order asked, though the later,
    // quick ones are done first on the other worker; a refused method keeps its place too.
    void pipelinedRequestsAnswerInOrder() {
        QProcess server;
        const QString base = startServer(server, QStringList{"--workers", "2", "--no-cache"} + kSlowRadius);
        QVERIFY(!base.isEmpty());
        const QString slow = getMap(9, 1024), quick = "/wms?SERVICE=WMS&REQUEST=GetCapabilities";
        const QList<HttpResult> replies = pipelined(base, {slow, quick, getMap(10, 16), "/status"});
        QCOMPARE(replies.size(), 4);
        QCOMPARE(replies[0].contentType, QString("image/png"));
        QCOMPARE(QImage::fromData(replies[0].body).width(), 1024);
        QVERIFY(replies[1].contentType.startsWith("text/xml"));
        QCOMPARE(QImage::fromData(replies[2].body).width(), 16);
        QCOMPARE(replies[3].contentType, QString("application/json"));
        QCOMPARE(server.state(), QProcess::Running);
        stopServer(server);
    }

    void hostileRequestSizesAndMethods() {
        QProcess server;
        const QString base = startServer(server, {"--no-cache"});
        QVERIFY(!base.isEmpty());
        QCOMPARE(
            httpGet(net_, base + "/wms?SERVICE=WMS&REQUEST=GetCapabilities&X=" + QString(10000, 'a')).status,
            414);
        QNetworkRequest post(QUrl(base + "/wms"));
        post.setHeader(QNetworkRequest::ContentTypeHeader, "text/xml");
        QNetworkReply* reply = net_.post(post, QByteArray("<GetMap/>"));
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);
        reply->deleteLater();
        QCOMPARE(httpGet(net_, base + "/wms?SERVICE=WMS&REQUEST=GetCapabilities").status, 200);
        stopServer(server);
    }

    void configMistakesNameTheKey_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown key") << QByteArray(R"({"cach": {}})") << "cach: unknown key";
        QTest::newRow("unknown nested key")
            << QByteArray(R"({"cache": {"size": 1}})") << "cache.size: unknown key";
        QTest::newRow("wrong type") << QByteArray(R"({"cache": {"max_mb": "big"}})")
                                    << "cache.max_mb: expected a number > 0, got a string";
        QTest::newRow("workers") << QByteArray(R"({"workers": 0})") << "workers: expected a number >= 1";
        QTest::newRow("fraction") << QByteArray(R"({"workers": 1.5})") << "workers: expected a whole number";
        QTest::newRow("map") << QByteArray(R"({"map": ["nolayer.x=y"]})")
                             << "--config: map: mapping 'nolayer.x=y'";
        QTest::newRow("percentile")
            << QByteArray(R"({"heatmap": {"scale_percentile": 100.5}})")
            << "heatmap.scale_percentile: expected a percentile above 0 and at most 100";
        QTest::newRow("not an object") << QByteArray("[1]") << "not a JSON object";
    }

    void configMistakesNameTheKey() {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const QString config = writeConfig("bad.json", json);
        const CliResult r = cli({"serve", "--listen", "127.0.0.1:0", "--config", config});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }
};

QTEST_MAIN(TestServerRuntime)
#include "test_server_runtime.moc"
