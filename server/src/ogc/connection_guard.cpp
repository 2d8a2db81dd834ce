#include "connection_guard.h"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

namespace firebeat::ogc {
namespace {

constexpr int kSweepMs = 250;
// Descriptors kept for everything else (data sources, PROJ's database, logs).
constexpr rlim_t kReservedDescriptors = 64;
constexpr auto kLogInterval = std::chrono::seconds(10);

// The limit, lowered so that the process cannot run out of descriptors first.
int fittedLimit(int wanted) {
    rlimit nofile{};
    if (getrlimit(RLIMIT_NOFILE, &nofile) != 0 || nofile.rlim_cur == RLIM_INFINITY)
        return wanted;
    if (nofile.rlim_cur < static_cast<rlim_t>(wanted) + kReservedDescriptors &&
        nofile.rlim_cur < nofile.rlim_max) {
        nofile.rlim_cur = std::min(nofile.rlim_max, static_cast<rlim_t>(wanted) + kReservedDescriptors);
        setrlimit(RLIMIT_NOFILE, &nofile);
        getrlimit(RLIMIT_NOFILE, &nofile);
    }
    const rlim_t room = nofile.rlim_cur > kReservedDescriptors ? nofile.rlim_cur - kReservedDescriptors : 1;
    if (room < static_cast<rlim_t>(wanted)) {
        std::fprintf(stderr,
                     "firebeat serve: connection limit lowered from %d to %d (the process may open %llu "
                     "descriptors; raise it with ulimit -n)\n",
                     wanted, static_cast<int>(room), static_cast<unsigned long long>(nofile.rlim_cur));
        return static_cast<int>(room);
    }
    return wanted;
}

} // namespace

ConnectionGuard::ConnectionGuard(ConnectionLimits limits, QObject* parent)
    : QTcpServer(parent), limits_(limits) {
    limits_.connections = fittedLimit(limits_.connections);
    sweep_.setInterval(kSweepMs);
    QObject::connect(&sweep_, &QTimer::timeout, this, [this] { sweep(); });
    sweep_.start();
}

void ConnectionGuard::incomingConnection(qintptr descriptor) {
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (connections_.size() >= static_cast<std::size_t>(limits_.connections)) {
        ++refused_;
        const auto now = std::chrono::steady_clock::now();
        if (refusedLogged_ == 0 || now - lastLog_ >= kLogInterval) {
            std::fprintf(stderr,
                         "firebeat serve: connection limit reached (%d open): closing new connections "
                         "(%llu refused so far; limits.connections)\n",
                         limits_.connections, static_cast<unsigned long long>(refused_));
            lastLog_ = now;
            refusedLogged_ = refused_;
        }
        socket->abort();
        socket->deleteLater();
        return;
    }
    // No Nagle: Qt writes a large answer in more than one piece, and the last one would wait for
    // the client's delayed acknowledgement (40 ms on Linux) of the first.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connections_.emplace(socket, Connection{socket, Phase::Receiving, std::chrono::steady_clock::now()});
    // Before QHttpServer's own handler (connected once the socket is taken): a new request's
    // first bytes start its header deadline.
    QObject::connect(socket, &QIODevice::readyRead, this, [this, socket] {
        const auto it = connections_.find(socket);
        if (it != connections_.end() && it->second.phase == Phase::Idle)
            it->second = {socket, Phase::Receiving, std::chrono::steady_clock::now()};
    });
    QObject::connect(socket, &QObject::destroyed, this, [this, socket] { connections_.erase(socket); });
    QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    addPendingConnection(socket); // QTcpServer signals it once this returns
}

void ConnectionGuard::requestRead(QTcpSocket* socket) {
    const auto it = connections_.find(socket);
    if (it != connections_.end())
        it->second.phase = Phase::Busy;
}

void ConnectionGuard::requestsAnswered(QTcpSocket* socket) {
    const auto it = connections_.find(socket);
    if (it != connections_.end() && it->second.phase == Phase::Busy)
        it->second = {socket, Phase::Idle, std::chrono::steady_clock::now()};
}

void ConnectionGuard::sweep() {
    const auto now = std::chrono::steady_clock::now();
    std::vector<QTcpSocket*> slow, idle;
    for (const auto& [socket, c] : connections_) {
        if (!c.socket)
            continue;
        if (c.phase == Phase::Receiving && now - c.since >= limits_.headerTime)
            slow.push_back(socket);
        else if (c.phase == Phase::Idle && now - c.since >= limits_.idleTime)
            idle.push_back(socket);
    }
    // Closing emits signals that may change connections_: not while iterating it.
    for (QTcpSocket* socket : slow) {
        ++slowClosed_;
        socket->abort();
    }
    for (QTcpSocket* socket : idle) {
        ++idleClosed_;
        socket->disconnectFromHost();
    }
}

ConnectionGuard::Stats ConnectionGuard::stats() const {
    return {connections_.size(), refused_, slowClosed_, idleClosed_, limits_.connections};
}

} // namespace firebeat::ogc
