// Every request the server answers, as a function of its URL: /wms, /wmts (KVP) and /wmts/...
// (RESTful), /tiles/{layer}/{z}/{x}/{y}.png, the viewer's files.
// Independent of the HTTP server and its threads.
#pragma once

#include "http_reply.h"
#include "map_layer.h"

#include <QUrl>

namespace firebeat::ogc {

// The reply to `url` (path and query as the client sent them; scheme and host as it reached us).
// Client mistakes become 4xx replies or OGC exceptions; throws only Cancelled (when `cancel`
// becomes true) and the server's own failures.
HttpReply dispatch(const Catalogue& catalogue, const QUrl& url, const CancelFlag* cancel);

} // namespace firebeat::ogc
