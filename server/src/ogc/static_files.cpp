#include "static_files.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>

namespace firebeat::ogc {
namespace {

// The viewer, Leaflet and Chart.js are a few hundred kilobytes; anything bigger is not ours to serve.
constexpr qint64 kMaxFileSize = 2 * 1024 * 1024;

HttpReply notFound(const QString& what) {
    return {404, "text/plain; charset=utf-8", ("not found: " + what + "\n").toUtf8()};
}

HttpReply badPath(const QString& what) {
    return {400, "text/plain; charset=utf-8", ("bad path: " + what + "\n").toUtf8()};
}

// Only the types the viewer is made of; anything else is not served.
QByteArray contentType(const QString& fileName) {
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == "html")
        return "text/html; charset=utf-8";
    if (suffix == "js")
        return "text/javascript; charset=utf-8";
    if (suffix == "css")
        return "text/css; charset=utf-8";
    if (suffix == "png")
        return "image/png";
    if (suffix == "svg")
        return "image/svg+xml";
    if (suffix == "json" || suffix == "map")
        return "application/json";
    return {};
}

// A decoded path segment that names an entry of its directory, nothing else: no parent or
// current directory, no separator smuggled in encoded, no hidden files, no NUL.
bool isPlainName(const QString& segment) {
    return !segment.isEmpty() && !segment.startsWith('.') && !segment.contains('/') &&
           !segment.contains('\\') && !segment.contains(QChar(0));
}

// Where the viewer's files are: the source tree's in a build, else the installed copy.
QString viewerRoot() {
    static const QString root = QFileInfo(QStringLiteral(FIREBEAT_VIEWER_DIR)).isDir()
                                    ? QStringLiteral(FIREBEAT_VIEWER_DIR)
                                    : QStringLiteral(FIREBEAT_INSTALLED_VIEWER_DIR);
    return root;
}

} // namespace

HttpReply staticFile(const QString& root, const QString& encodedPath) {
    QStringList names;
    for (const QString& segment : encodedPath.split('/')) {
        const QString name = QUrl::fromPercentEncoding(segment.toUtf8());
        if (!isPlainName(name))
            return badPath(encodedPath);
        names.push_back(name);
    }
    const QString rootPath = QFileInfo(root).canonicalFilePath();
    const QFileInfo file(rootPath + '/' + names.join('/'));
    // Resolving symlinks and checking the prefix keeps a link inside `root` from leading out.
    const QString resolved = file.canonicalFilePath();
    const QByteArray type = contentType(file.fileName());
    if (rootPath.isEmpty() || resolved.isEmpty() || !resolved.startsWith(rootPath + '/') || !file.isFile() ||
        file.size() > kMaxFileSize || type.isEmpty())
        return notFound(encodedPath);
    QFile in(resolved);
    if (!in.open(QIODevice::ReadOnly))
        return notFound(encodedPath);
    return {200, type, in.read(kMaxFileSize)};
}

std::optional<HttpReply> viewerFile(const QString& encodedUrlPath) {
    static const QString leafletPrefix = "/viewer/lib/leaflet/";
    static const QString chartPrefix = "/viewer/lib/chart.js/";
    static const QString viewerPrefix = "/viewer/";
    if (encodedUrlPath == "/")
        return staticFile(viewerRoot(), "index.html");
    if (encodedUrlPath == "/dashboard")
        return staticFile(viewerRoot(), "dashboard.html");
    if (encodedUrlPath.startsWith(leafletPrefix))
        return staticFile(QStringLiteral(FIREBEAT_LEAFLET_DIR), encodedUrlPath.mid(leafletPrefix.size()));
    if (encodedUrlPath.startsWith(chartPrefix))
        return staticFile(QStringLiteral(FIREBEAT_CHARTJS_DIR), encodedUrlPath.mid(chartPrefix.size()));
    if (encodedUrlPath.startsWith(viewerPrefix))
        return staticFile(viewerRoot(), encodedUrlPath.mid(viewerPrefix.size()));
    return std::nullopt;
}

} // namespace firebeat::ogc
