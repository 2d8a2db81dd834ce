// Slow and idle clients (config "limits": header_seconds, idle_seconds, connections): hundreds of
// half-sent requests are closed once their header deadline passes while real requests are served
// meanwhile; idle keep-alive connections are closed; beyond the connection limit new connections
// are closed at once with a log line; accepted connections do not wait for Nagle's algorithm.
// Loopback only; the waits are generous bounds, not timings.
#include "fixtures.h"
#include "ogc/connection_guard.h"
#include "server_test_client.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <vector>

using namespace firebeat::test;

namespace {

constexpr int kHalfSent = 300;
constexpr int kGenerousMs = 15000;

QString writeConfig(const QTemporaryDir& dir, const QString& name, const QJsonObject& limits) {
    QFile config(dir.filePath(name));
    if (!config.open(QIODevice::WriteOnly))
        return {};
    config.write(QJsonDocument(QJsonObject{{"input", "data.gpkg"}, {"limits", limits}}).toJson());
    return config.fileName();
}

std::unique_ptr<QTcpSocket> connected(const QUrl& base) {
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(base.host(), static_cast<quint16>(base.port()));
    return socket->waitForConnected(10000) ? std::move(socket) : nullptr;
}

int stillOpen(const std::vector<std::unique_ptr<QTcpSocket>>& sockets) {
    int open = 0;
    for (const auto& s : sockets)
        open += s->state() == QAbstractSocket::ConnectedState;
    return open;
}

} // namespace

class TestServerConnections : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

  private Q_SLOTS:
    void initTestCase() { writeLayers(dir_.filePath("data.gpkg").toStdString(), minimalDataset()); }

    // Every accepted connection has TCP_NODELAY: Qt writes a large answer in pieces, and without
    // it the last piece waited for the client's delayed acknowledgement (40 ms on Linux; a map
    // tile over ~16 KB took 44 ms instead of 0.4 ms).
    void acceptedConnectionsDoNotDelay() {
        firebeat::ogc::ConnectionGuard guard({}, nullptr);
        QVERIFY(guard.listen(QHostAddress::LocalHost, 0));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, guard.serverPort());
        QVERIFY(client.waitForConnected(kGenerousMs));
        QTRY_VERIFY_WITH_TIMEOUT(!guard.findChildren<QTcpSocket*>().isEmpty(), kGenerousMs);
        for (QTcpSocket* accepted : guard.findChildren<QTcpSocket*>())
            QCOMPARE(accepted->socketOption(QAbstractSocket::LowDelayOption).toInt(), 1);
    }

    // 300 connections that sent half a request line (and one that trickles a byte at a time) are
    // closed after the 1 s header deadline; real requests made meanwhile are all answered.
    void halfSentRequestsAreClosed() {
        ServerProcess server(
            {"--config", writeConfig(dir_, "slow.json", {{"header_seconds", 1}, {"idle_seconds", 30}})});
        QVERIFY(!server.base().isEmpty());
        const QUrl base(server.base());
        std::vector<std::unique_ptr<QTcpSocket>> slow;
        for (int i = 0; i < kHalfSent; ++i) {
            auto s = connected(base);
            QVERIFY(s);
            s->write("GET /wms?SERVICE=WMS&REQ");
            s->flush();
            slow.push_back(std::move(s));
        }
        auto trickle = connected(base);
        QVERIFY(trickle);
        // Real requests while the slow ones hold their connections.
        for (int i = 0; i < 10; ++i) {
            const HttpResult r =
                httpGet(server.base() + "/wms?SERVICE=WMS&REQUEST=GetCapabilities&i=" + QString::number(i));
            QCOMPARE(r.status, 200);
            QVERIFY(r.body.contains("hazard_heatmap"));
            if (trickle->state() == QAbstractSocket::ConnectedState) {
                trickle->write("G");
                trickle->flush();
            }
        }
        // A byte every 100 ms never completes a request: its deadline runs from its first byte.
        QVERIFY(QTest::qWaitFor(
            [&] {
                if (trickle->state() == QAbstractSocket::ConnectedState) {
                    trickle->write("E");
                    trickle->flush();
                }
                return stillOpen(slow) == 0 && trickle->state() != QAbstractSocket::ConnectedState;
            },
            kGenerousMs));
        QNetworkAccessManager net;
        const QJsonObject connections = serverStatus(net, server.base()).value("connections").toObject();
        QVERIFY2(connections.value("closed_slow").toInteger() >= kHalfSent + 1,
                 QJsonDocument(connections).toJson().constData());
        QCOMPARE(connections.value("refused").toInteger(), 0);
        // And the server still answers.
        QCOMPARE(httpGet(server.base() + "/wms?SERVICE=WMS&REQUEST=GetCapabilities").status, 200);
    }

    // A keep-alive connection gets its second request answered within the idle time, and is
    // closed once idle for longer.
    void idleKeepAliveConnectionsAreClosed() {
        ServerProcess server(
            {"--config", writeConfig(dir_, "idle.json", {{"header_seconds", 5}, {"idle_seconds", 1}})});
        QVERIFY(!server.base().isEmpty());
        const QUrl base(server.base());
        auto s = connected(base);
        QVERIFY(s);
        const QByteArray request = "GET /status HTTP/1.1\r\nHost: " + base.authority().toUtf8() + "\r\n\r\n";
        for (int i = 0; i < 2; ++i) {
            s->write(request);
            QByteArray reply;
            QVERIFY(QTest::qWaitFor(
                [&] {
                    reply += s->readAll();
                    return reply.contains("\"data_version\"") && reply.trimmed().endsWith('}');
                },
                kGenerousMs));
            QVERIFY(reply.startsWith("HTTP/1.1 200"));
            QCOMPARE(s->state(), QAbstractSocket::ConnectedState);
        }
        QVERIFY(QTest::qWaitFor([&] { return s->state() != QAbstractSocket::ConnectedState; }, kGenerousMs));
    }

    // Beyond the limit new connections are closed at once, with a log line; the others stay.
    void connectionLimitClosesTheRest() {
        QProcess process;
        const QString base = startServer(
            process,
            {"--config", writeConfig(dir_, "limit.json", {{"header_seconds", 60}, {"connections", 40}})});
        QVERIFY(!base.isEmpty());
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < 50; ++i) {
            auto s = connected(QUrl(base));
            QVERIFY(s);
            sockets.push_back(std::move(s));
        }
        QVERIFY(QTest::qWaitFor([&] { return stillOpen(sockets) == 40; }, kGenerousMs));
        QTest::qWait(500); // and no more are closed
        QCOMPARE(stillOpen(sockets), 40);
        QString err;
        QVERIFY(QTest::qWaitFor(
            [&] {
                err += QString::fromUtf8(process.readAllStandardError());
                return err.contains("connection limit reached");
            },
            kGenerousMs));
        QVERIFY2(err.contains("limits.connections"), qPrintable(err));
        // Once the connections close there is room again.
        sockets.clear();
        QVERIFY(QTest::qWaitFor(
            [&] { return httpGet(base + "/wms?SERVICE=WMS&REQUEST=GetCapabilities").status == 200; },
            kGenerousMs));
        stopServer(process);
    }
};

QTEST_MAIN(TestServerConnections)
#include "test_server_connections.moc"
