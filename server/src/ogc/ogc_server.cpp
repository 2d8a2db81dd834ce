#include "ogc_server.h"

#include "wms.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>

#include <cstdio>
#include <exception>

namespace firebeat::ogc {
namespace {

QHttpServerResponse toResponse(const HttpReply& r) {
    return QHttpServerResponse(r.contentType, r.body, static_cast<QHttpServerResponse::StatusCode>(r.status));
}

// Any failure left is the server's own (client mistakes are handled below): 500, and the
// server keeps serving.
template <class F> QHttpServerResponse answer(F&& handler) {
    try {
        return toResponse(handler());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "firebeat serve: internal error: %s\n", e.what());
        return QHttpServerResponse("text/plain", QByteArray("internal error\n"),
                                   QHttpServerResponse::StatusCode::InternalServerError);
    }
}

} // namespace

OgcServer::OgcServer(std::unique_ptr<HeatmapLayer> layer) : layer_(std::move(layer)) {
    http_.route("/wms", [this](const QHttpServerRequest& request) {
        return answer([&] {
            QUrl service = request.url();
            service.setQuery(QString());
            return handleWms(*layer_, request.query(), service);
        });
    });
    http_.route("/tiles/hazard_heatmap/<arg>/<arg>/<arg>.png",
                [this](const QString& z, const QString& x, const QString& y) {
                    return answer([&] { return handleTile(*layer_, z, x, y); });
                });
}

quint16 OgcServer::listen(const QHostAddress& address, quint16 port) {
    return http_.listen(address, port);
}

} // namespace firebeat::ogc
