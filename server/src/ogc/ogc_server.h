// The HTTP front: every request goes to the router over the current catalogue, computed on a
// pool of worker threads and answered on the server's thread.
//
// QtHttpServer 6.4 crashes when a QFuture route's client goes away, so requests take the
// QHttpServerResponder instead: the work runs on the pool, the reply is posted back to the
// server's thread and written only while the client's socket is still connected. A client that
// disconnects, or a request past its time limit, sets the request's CancelFlag so its work stops.
// GET /status answers the server's counters as JSON (requests, cancellations, cache), GET
// /viewer/config.json the viewer's options. Requests
// pipelined on one connection are answered in order.
//
// For caches in front (nginx, a CDN, MapProxy, browsers), every 200 reply of the services (maps,
// tiles, capabilities, legends, feature info, the JSON API, the viewer's files) carries an ETag
// (a digest of the data's version, the server's configuration and the request), Last-Modified
// (when this process built the layers of that data version) and Cache-Control; a request with
// If-None-Match naming the current tag is answered 304 without computing anything, one with
// If-Modified-Since (and no If-None-Match) 304 when the data is no newer.
#pragma once

#include "access_control.h"
#include "connection_guard.h"
#include "map_layer.h"
#include "reply_cache.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>
#include <QThreadPool>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace firebeat::ogc {

// Gives the catalogue of the data as it is now (a new one after the data changed). Called on the
// worker threads, several at once.
using CatalogueSource = std::function<std::shared_ptr<const Catalogue>()>;

struct ServerSettings {
    int workers = 0;                     // threads computing replies; 0: one per core
    std::size_t cacheBytes = 256u << 20; // 0: no reply cache
    int queue = 128;                     // requests waiting or running; more are answered 503
    std::chrono::milliseconds requestTime{30000};
    qsizetype maxUrlBytes = 8192;   // longer: 414
    qsizetype maxBodyBytes = 65536; // larger: 413 (requests are GETs)
    AccessPolicy access;            // who sees which layer; default: everyone everything
    ConnectionLimits connections;   // slow, idle and too many clients
    QJsonObject viewerConfig;       // /viewer/config.json: the viewer's options (base_map)
    // Cache-Control max-age of the replies; 0: "no-cache" (caches keep them but revalidate each
    // time, answered 304 while the data is unchanged).
    int maxAgeSeconds = 0;
    // What the replies depend on besides the data and the request (the build and the serving
    // configuration): processes with the same give the same ETags.
    QByteArray fingerprint;
};

class OgcServer {
  public:
    using Answer = std::function<void(QHttpServerResponder&)>;

    explicit OgcServer(CatalogueSource catalogue, ServerSettings settings = {});
    ~OgcServer();
    OgcServer(const OgcServer&) = delete;
    OgcServer& operator=(const OgcServer&) = delete;

    // The port listened on, 0 when the address cannot be bound.
    quint16 listen(const QHostAddress& address, quint16 port);

  private:
    // Shared between the server's thread and the worker computing the request.
    struct RequestState {
        CancelFlag cancel{false};
        std::atomic<bool> timedOut{false};
    };
    // A request's conditions, and the validators of a reply a cache may keep.
    struct Conditions {
        QByteArray ifNoneMatch, ifModifiedSince;
    };
    struct Validators {
        QByteArray etag, lastModified, cacheControl;
        bool varyAuthorization = false; // callers with and without tokens see different layers
    };
    // A request being computed or waiting for its turn, owned by the server's thread.
    struct Pending {
        Pending(QHttpServerResponder&& r) : responder(std::move(r)) {}
        QHttpServerResponder responder;
        Answer answer; // empty while computed
        QPointer<QTcpSocket> socket;
        std::shared_ptr<RequestState> state;
        QMetaObject::Connection disconnected;
        std::chrono::steady_clock::time_point deadline;
    };

    void accept(const QHttpServerRequest& request, QHttpServerResponder&& responder);
    // On a worker; sets `validators` for replies a cache may keep (200, or 304 for `conditions`).
    HttpReply compute(const QUrl& url, Caller caller, const Conditions& conditions, const RequestState& state,
                      Validators& validators);
    void finish(quint64 id, const HttpReply& reply, const Validators& validators); // on the server's thread
    quint64 enqueue(QHttpServerResponder&& responder);
    // Answers at once, unless earlier requests on the same connection are still waiting.
    void answerNow(QHttpServerResponder&& responder, Answer answer);
    // Writes the ready answers of `socket`'s requests in the order they came, up to the first
    // still being computed: HTTP/1.1 clients may pipeline, and QtHttpServer keeps no order.
    void answerInOrder(QTcpSocket* socket);
    void cancelOverdue();
    // Tells the guard when `socket` has nothing left to answer (its keep-alive time starts).
    void noteAnswered(QTcpSocket* socket);
    QByteArray status() const;

    CatalogueSource catalogue_;
    ServerSettings settings_;
    ReplyCache cache_;
    AccessFilter access_;
    QHttpServer http_;
    ConnectionGuard* guard_ = nullptr; // owned by http_ once listening
    QTimer overdue_;
    std::unordered_map<quint64, std::unique_ptr<Pending>> pending_;
    quint64 nextId_ = 0;
    // Counters for /status (the first two written on the workers).
    std::atomic<std::uint64_t> cancelled_{0}; // work stopped because its client left
    std::atomic<std::uint64_t> timedOut_{0};  // work stopped at the time limit
    std::uint64_t requests_ = 0, answered_ = 0, rejected_ = 0, clientsGone_ = 0;
    mutable std::mutex versionMutex_;
    std::string dataVersion_; // of the catalogue the last request used
    QThreadPool pool_;        // last: destroyed (waiting for its work) before what the work uses
};

} // namespace firebeat::ogc
