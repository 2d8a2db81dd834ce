// Files served as they are: the web viewer, the dashboard and the Leaflet and Chart.js libraries
// they run on. A URL can never
// reach a file outside the directory that serves it.
#pragma once

#include "http_reply.h"

#include <QString>

#include <optional>

namespace firebeat::ogc {

// The regular file at `encodedPath` (percent-encoded segments as the client sent them, relative
// to `root`). 400 for a path that tries to leave `root` (`..`, encoded slashes, hidden names);
// 404 for anything missing, not a regular file, outside `root` once symlinks are resolved, too
// large, or of a type we do not serve.
HttpReply staticFile(const QString& root, const QString& encodedPath);

// The viewer's files for a URL path (percent-encoded): `/` is the viewer's page, `/dashboard` the
// dashboard's, `/viewer/lib/leaflet/...` Debian's Leaflet, `/viewer/lib/chart.js/...` Debian's
// Chart.js, `/viewer/...` the viewer's scripts and styles. Empty for other paths.
std::optional<HttpReply> viewerFile(const QString& encodedUrlPath);

} // namespace firebeat::ogc
