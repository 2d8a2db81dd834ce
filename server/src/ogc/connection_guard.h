// The server's listening socket, guarding against slow and idle clients: a connection that has not
// sent a whole request within the header deadline (counted from its first byte, or from its
// opening) is aborted, one idle between requests longer than the keep-alive timeout is closed, and
// beyond the connection limit new connections are closed at once (with one log line a while).
// OgcServer tells it when a request has been read (busy) and when its answers are written (idle).
#pragma once

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <chrono>
#include <cstdint>
#include <unordered_map>

namespace firebeat::ogc {

struct ConnectionLimits {
    std::chrono::milliseconds headerTime{10000}; // to send a request line, headers and body
    std::chrono::milliseconds idleTime{60000};   // keep-alive: between requests
    int connections = 1000;                      // open at once; lowered to fit the descriptor limit
};

class ConnectionGuard final : public QTcpServer {
  public:
    ConnectionGuard(ConnectionLimits limits, QObject* parent);

    // A request of `socket` was read whole / all its requests are answered.
    void requestRead(QTcpSocket* socket);
    void requestsAnswered(QTcpSocket* socket);

    struct Stats {
        std::uint64_t open = 0, refused = 0, slowClosed = 0, idleClosed = 0;
        int limit = 0;
    };
    Stats stats() const;

  protected:
    void incomingConnection(qintptr descriptor) override;

  private:
    enum class Phase { Receiving, Busy, Idle };
    struct Connection {
        QPointer<QTcpSocket> socket;
        Phase phase = Phase::Receiving;
        std::chrono::steady_clock::time_point since;
    };
    void sweep();

    ConnectionLimits limits_;
    QTimer sweep_;
    std::unordered_map<QTcpSocket*, Connection> connections_;
    std::uint64_t refused_ = 0, slowClosed_ = 0, idleClosed_ = 0;
    std::uint64_t refusedLogged_ = 0;
    std::chrono::steady_clock::time_point lastLog_{};
};

} // namespace firebeat::ogc
