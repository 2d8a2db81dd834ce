#include "router.h"

#include "api/api.h"
#include "static_files.h"
#include "wms.h"
#include "wmts.h"

#include <QUrlQuery>

namespace firebeat::ogc {
namespace {

// `url` with `path` and no query but its TOKEN (access_control.h): a service's URL as the client
// reached it, which clients that cannot send headers follow with their token.
// (WMS only: WMTS clients send headers.)
QUrl serviceUrl(const QUrl& url, const QString& path, bool keepToken = false) {
    QUrl service = url;
    service.setPath(path);
    QUrlQuery token;
    for (const auto& [name, value] : QUrlQuery(url).queryItems(QUrl::FullyEncoded))
        if (keepToken && name.compare("TOKEN", Qt::CaseInsensitive) == 0)
            token.addQueryItem(name, value);
    service.setQuery(token);
    return service;
}

} // namespace

HttpReply dispatch(const Catalogue& catalogue, const QUrl& url, const CancelFlag* cancel) {
    const QStringList parts = url.path().split('/', Qt::SkipEmptyParts);
    const QUrlQuery query(url);
    if (parts == QStringList{"wms"})
        return handleWms(catalogue, query, serviceUrl(url, "/wms", true), cancel);
    if (parts == QStringList{"wmts"})
        return handleWmtsKvp(catalogue, query, serviceUrl(url, "/wmts"), cancel);
    if (parts.size() > 1 && parts[0] == "wmts")
        if (std::optional<HttpReply> reply =
                handleWmtsRest(catalogue, parts.mid(1), query, serviceUrl(url, "/wmts"), cancel))
            return *reply;
    if (parts.size() == 5 && parts[0] == "tiles" && parts[4].endsWith(".png"))
        return handleXyzTile(catalogue, parts[1], parts[2], parts[3], parts[4].chopped(4), query, cancel);
    if (!parts.isEmpty() && parts[0] == "api")
        return handleApi(catalogue, parts.mid(1), query, cancel);
    if (std::optional<HttpReply> file = viewerFile(url.path(QUrl::FullyEncoded)))
        return *file;
    return {404, "text/plain", "not found: try /wms?SERVICE=WMS&REQUEST=GetCapabilities\n"};
}

} // namespace firebeat::ogc
