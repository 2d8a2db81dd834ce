#include "ogc_server.h"

#include "router.h"

#include "firebeat/progress.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QThread>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <exception>

namespace firebeat::ogc {
namespace {

using Status = QHttpServerResponder::StatusCode;

constexpr int kOverdueCheckMs = 100;

OgcServer::Answer text(Status status, const QByteArray& body) {
    return [status, body](QHttpServerResponder& responder) { responder.write(body, "text/plain", status); };
}

QJsonValue count(std::uint64_t n) {
    return static_cast<qint64>(n);
}

// RFC 9110's IMF-fixdate, e.g. "Mon, 07 Dec 2026 04:41:45 GMT".
QByteArray httpDate(std::chrono::system_clock::time_point t) {
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(
        std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count(), Qt::UTC);
    return QLocale::c().toString(utc, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
}

// If-None-Match: "*" or a list of entity tags, weak ones compared weakly (RFC 9110 13.1.2).
bool matchesEtag(const QByteArray& ifNoneMatch, const QByteArray& etag) {
    for (QByteArray tag : ifNoneMatch.split(',')) {
        tag = tag.trimmed();
        if (tag.startsWith("W/"))
            tag = tag.mid(2);
        if (tag == "*" || tag == etag)
            return true;
    }
    return false;
}

// If-Modified-Since: the data is no newer than the date sent (HTTP dates have whole seconds).
// Only IMF-fixdate is read, the form RFC 9110 has senders use; another form never matches.
bool notModifiedSince(const QByteArray& ifModifiedSince, std::chrono::system_clock::time_point modified) {
    QDateTime since = QLocale::c().toDateTime(QString::fromLatin1(ifModifiedSince).trimmed(),
                                              QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    since.setTimeZone(QTimeZone::utc());
    return since.isValid() &&
           std::chrono::duration_cast<std::chrono::seconds>(modified.time_since_epoch()).count() <=
               since.toSecsSinceEpoch();
}

} // namespace

OgcServer::OgcServer(CatalogueSource catalogue, ServerSettings settings)
    : catalogue_(std::move(catalogue)), settings_(settings), cache_(settings.cacheBytes),
      access_(settings.access) {
    pool_.setMaxThreadCount(settings_.workers > 0 ? settings_.workers : QThread::idealThreadCount());
    pool_.setExpiryTimeout(-1); // keep the threads, and their thread_local PROJ transforms
    overdue_.setInterval(kOverdueCheckMs);
    QObject::connect(&overdue_, &QTimer::timeout, &http_, [this] { cancelOverdue(); });
    // No routes: every request reaches accept() with its responder.
    http_.setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        accept(request, std::move(responder));
    });
}

OgcServer::~OgcServer() {
    for (auto& [id, pending] : pending_)
        pending->state->cancel = true;
    pool_.waitForDone();
}

quint16 OgcServer::listen(const QHostAddress& address, quint16 port) {
    auto guard = std::make_unique<ConnectionGuard>(settings_.connections, nullptr);
    if (!guard->listen(address, port))
        return 0;
    guard_ = guard.release();
    http_.bind(guard_); // takes it as its child
    return guard_->serverPort();
}

void OgcServer::noteAnswered(QTcpSocket* socket) {
    if (!guard_ || !socket)
        return;
    const bool waiting = std::any_of(pending_.begin(), pending_.end(),
                                     [socket](const auto& entry) { return entry.second->socket == socket; });
    if (!waiting)
        guard_->requestsAnswered(socket);
}

void OgcServer::accept(const QHttpServerRequest& request, QHttpServerResponder&& responder) {
    ++requests_;
    if (guard_)
        guard_->requestRead(responder.socket());
    if (request.method() != QHttpServerRequest::Method::Get)
        return answerNow(std::move(responder),
                         text(Status::MethodNotAllowed, "only GET requests are served\n"));
    if (request.url().toEncoded().size() > settings_.maxUrlBytes)
        return answerNow(
            std::move(responder),
            text(Status::UriTooLong,
                 "request URL longer than " + QByteArray::number(settings_.maxUrlBytes) + " bytes\n"));
    if (request.body().size() > settings_.maxBodyBytes)
        return answerNow(
            std::move(responder),
            text(Status::PayloadTooLarge,
                 "request body larger than " + QByteArray::number(settings_.maxBodyBytes) + " bytes\n"));
    const Caller caller =
        identify(access_.policy(), requestToken(request.value("Authorization"), request.url()));
    if (caller == Caller::BadToken)
        return answerNow(std::move(responder), [](QHttpServerResponder& r) {
            r.write("unknown token\n",
                    {{"Content-Type", "text/plain"}, {"WWW-Authenticate", "Bearer realm=\"firebeat\""}},
                    Status::Unauthorized);
        });
    if (request.url().path() == "/viewer/config.json")
        return answerNow(std::move(responder),
                         [body = QJsonDocument(settings_.viewerConfig).toJson(QJsonDocument::Compact)](
                             QHttpServerResponder& r) { r.write(body, "application/json"); });
    if (request.url().path() == "/status")
        return answerNow(std::move(responder),
                         [body = status()](QHttpServerResponder& r) { r.write(body, "application/json"); });
    // Requests whose client has gone only wait for a worker to drop them: they don't count.
    const auto live = std::count_if(pending_.begin(), pending_.end(),
                                    [](const auto& entry) { return !entry.second->state->cancel; });
    if (live >= settings_.queue) {
        ++rejected_;
        const QByteArray body =
            "server busy: " + QByteArray::number(settings_.queue) + " requests in progress; retry later\n";
        return answerNow(std::move(responder), [body](QHttpServerResponder& r) {
            r.write(body, {{"Content-Type", "text/plain"}, {"Retry-After", "1"}}, Status::ServiceUnavailable);
        });
    }
    const quint64 id = enqueue(std::move(responder));
    const std::shared_ptr<const RequestState> state = pending_.at(id)->state;
    if (!overdue_.isActive())
        overdue_.start();
    const Conditions conditions{request.value("If-None-Match"), request.value("If-Modified-Since")};
    pool_.start([this, id, url = request.url(), caller, conditions, state] {
        Validators validators;
        HttpReply reply = compute(url, caller, conditions, *state, validators);
        QMetaObject::invokeMethod(
            &http_,
            [this, id, reply = std::move(reply), validators = std::move(validators)] {
                finish(id, reply, validators);
            },
            Qt::QueuedConnection);
    });
}

quint64 OgcServer::enqueue(QHttpServerResponder&& responder) {
    auto pending = std::make_unique<Pending>(std::move(responder));
    pending->socket = pending->responder.socket();
    pending->state = std::make_shared<RequestState>();
    pending->deadline = std::chrono::steady_clock::now() + settings_.requestTime;
    pending->disconnected = QObject::connect(pending->socket, &QAbstractSocket::disconnected, &http_,
                                             [state = pending->state] { state->cancel = true; });
    const quint64 id = ++nextId_;
    pending_.emplace(id, std::move(pending));
    return id;
}

void OgcServer::answerNow(QHttpServerResponder&& responder, Answer answer) {
    QTcpSocket* socket = responder.socket();
    const bool waiting = std::any_of(pending_.begin(), pending_.end(),
                                     [socket](const auto& entry) { return entry.second->socket == socket; });
    if (!waiting) {
        answer(responder);
        return noteAnswered(socket);
    }
    const quint64 id = enqueue(std::move(responder)); // after the earlier requests on its connection
    pending_.at(id)->answer = std::move(answer);
}

HttpReply OgcServer::compute(const QUrl& url, Caller caller, const Conditions& conditions,
                             const RequestState& state, Validators& validators) {
    try {
        if (state.cancel)
            throw Cancelled(); // the client left, or time ran out, while it waited for a thread
        const std::shared_ptr<const Catalogue> full = catalogue_();
        const std::shared_ptr<const Catalogue> catalogue = access_.visible(full, caller);
        {
            std::lock_guard lock(versionMutex_);
            dataVersion_ = catalogue->dataVersion;
        }
        // Callers with and without a token see different layers: different replies.
        const std::string seen = caller == Caller::WithToken ? " token" : "";
        // The reply is a function of the data, the configuration and the request: so is its tag.
        const std::string content = full->contentVersion.empty() ? full->dataVersion : full->contentVersion;
        validators.etag =
            '"' +
            QCryptographicHash::hash(settings_.fingerprint + '\n' +
                                         QByteArray::fromStdString(replyCacheKey(content + seen, url)),
                                     QCryptographicHash::Sha256)
                .toHex()
                .left(32) +
            '"';
        validators.lastModified = httpDate(full->builtAt);
        validators.varyAuthorization = access_.policy().restricts();
        const QByteArray age = settings_.maxAgeSeconds > 0
                                   ? "max-age=" + QByteArray::number(settings_.maxAgeSeconds)
                                   : QByteArray("no-cache");
        validators.cacheControl = (caller == Caller::WithToken ? "private, " : "public, ") + age;
        if (!conditions.ifNoneMatch.isEmpty() && matchesEtag(conditions.ifNoneMatch, validators.etag))
            return {304, {}, {}};
        HttpReply reply = cache_.fetch(replyCacheKey(catalogue->dataVersion + seen, url),
                                       [&] { return dispatch(*catalogue, url, &state.cancel); });
        if (reply.status != 200) {
            validators = {};
            return reply;
        }
        // If-None-Match, when sent, decides alone (RFC 9110 13.2.2).
        if (conditions.ifNoneMatch.isEmpty() && !conditions.ifModifiedSince.isEmpty() &&
            notModifiedSince(conditions.ifModifiedSince, full->builtAt))
            return {304, {}, {}};
        return reply;
    } catch (const Cancelled&) {
        if (state.timedOut) {
            ++timedOut_;
            return {503, "text/plain",
                    "request stopped: it took longer than the server's limit of " +
                        QByteArray::number(static_cast<double>(settings_.requestTime.count()) / 1000) +
                        " s\n"};
        }
        ++cancelled_;
        return {503, "text/plain", "request cancelled\n"}; // its client is gone: never sent
    } catch (const std::exception& e) {
        // Client mistakes are replies; anything thrown is the server's own failure.
        std::fprintf(stderr, "firebeat serve: internal error on %s: %s\n",
                     url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority).toUtf8().constData(), e.what());
        return {500, "text/plain", "internal error\n"};
    }
}

void OgcServer::finish(quint64 id, const HttpReply& reply, const Validators& validators) {
    const auto it = pending_.find(id);
    if (it == pending_.end())
        return;
    if (validators.etag.isEmpty()) {
        it->second->answer = [reply](QHttpServerResponder& r) {
            r.write(reply.body, reply.contentType, static_cast<Status>(reply.status));
        };
    } else {
        it->second->answer = [reply, validators](QHttpServerResponder& r) {
            r.writeStatusLine(static_cast<Status>(reply.status));
            r.writeHeader("ETag", validators.etag);
            r.writeHeader("Last-Modified", validators.lastModified);
            r.writeHeader("Cache-Control", validators.cacheControl);
            if (validators.varyAuthorization)
                r.writeHeader("Vary", "Authorization");
            if (reply.status != 304) { // a 304 has no body, nor a length
                r.writeHeader("Content-Type", reply.contentType);
                r.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
            }
            r.writeBody(reply.body);
        };
    }
    answerInOrder(it->second->socket);
}

void OgcServer::answerInOrder(QTcpSocket* socket) {
    for (;;) {
        auto first = pending_.end();
        for (auto it = pending_.begin(); it != pending_.end(); ++it)
            if (it->second->socket == socket && (first == pending_.end() || it->first < first->first))
                first = it;
        if (first == pending_.end() || !first->second->answer)
            return noteAnswered(socket);
        const std::unique_ptr<Pending> pending = std::move(first->second);
        pending_.erase(first);
        QObject::disconnect(pending->disconnected);
        // The socket is deleted once its client disconnects: write only while it is connected.
        if (!pending->socket || pending->socket->state() != QAbstractSocket::ConnectedState) {
            ++clientsGone_;
            continue;
        }
        ++answered_;
        pending->answer(pending->responder);
    }
}

void OgcServer::cancelOverdue() {
    const auto now = std::chrono::steady_clock::now();
    for (auto& [id, pending] : pending_)
        if (now >= pending->deadline && !pending->state->cancel) {
            pending->state->timedOut = true;
            pending->state->cancel = true;
        }
    if (pending_.empty())
        overdue_.stop();
}

QByteArray OgcServer::status() const {
    const ReplyCache::Stats cache = cache_.stats();
    std::string version;
    {
        std::lock_guard lock(versionMutex_);
        version = dataVersion_;
    }
    const ConnectionGuard::Stats c = guard_ ? guard_->stats() : ConnectionGuard::Stats{};
    const QJsonObject connections{{"open", count(c.open)},
                                  {"limit", c.limit},
                                  {"refused", count(c.refused)},
                                  {"closed_slow", count(c.slowClosed)},
                                  {"closed_idle", count(c.idleClosed)}};
    const QJsonObject o{
        {"data_version", QString::fromStdString(version)},
        {"workers", pool_.maxThreadCount()},
        {"requests", count(requests_)},
        {"answered", count(answered_)},
        {"in_progress", static_cast<qint64>(pending_.size())},
        {"rejected_busy", count(rejected_)},
        {"cancelled", count(cancelled_)},
        {"timed_out", count(timedOut_)},
        {"clients_gone", count(clientsGone_)},
        {"connections", connections},
        {"cache", QJsonObject{{"enabled", settings_.cacheBytes > 0},
                              {"max_bytes", static_cast<qint64>(settings_.cacheBytes)},
                              {"hits", count(cache.hits)},
                              {"misses", count(cache.misses)},
                              {"shared", count(cache.shared)},
                              {"evictions", count(cache.evictions)},
                              {"entries", static_cast<qint64>(cache.entries)},
                              {"bytes", static_cast<qint64>(cache.bytes)}}},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace firebeat::ogc
