// `firebeat serve`: the OGC server over the hazards read once at start (read-only).
#include "command.h"

#include <cstdio>

#ifdef FIREBEAT_HAVE_HTTPSERVER
#include "analysis_options.h"
#include "ogc/heatmap_layer.h"
#include "ogc/ogc_server.h"

#include "firebeat/heatmap.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace firebeat::cli {
namespace {

// The config file: {"listen": "HOST:PORT", "input": SOURCE (relative to the file),
// "heatmap": {"radius": M, "severity_weights": [w1, w2, w3], "colour_stops": [...]}}.
struct ServeConfig {
    QString listen = "127.0.0.1:8080";
    QString input = QStringLiteral(FIREBEAT_SAMPLE_DIR "/kunming.sqlite");
    double radius = 500;
    std::array<double, 3> severityWeights{1, 2, 4};
    QJsonArray colourStops;
};

ServeConfig readConfig(const QString& path) {
    ServeConfig c;
    if (path.isEmpty())
        return c;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw InputError("--config: cannot read " + toStd(path));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject())
        throw InputError("--config: " + toStd(path) + " is not a JSON object (" + toStd(error.errorString()) +
                         ")");
    const QJsonObject o = doc.object();
    c.listen = o.value("listen").toString(c.listen);
    if (o.contains("input"))
        c.input = QFileInfo(path).dir().filePath(o.value("input").toString());
    const QJsonObject h = o.value("heatmap").toObject();
    c.radius = h.value("radius").toDouble(c.radius);
    if (!(c.radius > 0))
        throw InputError("--config: heatmap.radius must be a number of metres above 0");
    if (h.contains("severity_weights")) {
        const QJsonArray w = h.value("severity_weights").toArray();
        if (w.size() != 3)
            throw InputError("--config: heatmap.severity_weights: expected three numbers, e.g. [1, 2, 4]");
        for (qsizetype i = 0; i < 3; ++i)
            c.severityWeights[static_cast<std::size_t>(i)] = w[i].toDouble(-1);
    }
    c.colourStops = h.value("colour_stops").toArray();
    return c;
}

std::pair<QHostAddress, quint16> parseListen(const QString& listen) {
    const qsizetype colon = listen.lastIndexOf(':');
    bool ok = colon > 0;
    const uint port = ok ? listen.mid(colon + 1).toUInt(&ok) : 0;
    QString host = listen.left(colon);
    if (host.startsWith('[') && host.endsWith(']'))
        host = host.mid(1, host.size() - 2);
    const QHostAddress address(host);
    if (!ok || port > 65535 || address.isNull())
        throw InputError("--listen: expected HOST:PORT with a numeric address, e.g. 127.0.0.1:8080");
    return {address, static_cast<quint16>(port)};
}

std::unique_ptr<ogc::HeatmapLayer> loadLayer(const QCommandLineParser& p, const ServeConfig& config) {
    ReadOptions options = readOptionsFrom(p);
    options.layers = {LayerKind::Hazards};
    options.checkConsistency = false;
    options.mapping.setLayer(LayerKind::Hazards, toStd(p.value("layer")));
    const QString input = p.isSet("input") ? p.value("input") : config.input;
    const ReadResult read = readDataset(toStd(input), options);
    requireUsableLayers(read);
    HazardWeighting weighting;
    weighting.severityWeights = config.severityWeights;
    HazardBandwidth bandwidth;
    bandwidth.metres = p.isSet("radius") ? numberOption(p, "radius", 0) : config.radius;
    HeatmapPoints points = heatmapPoints(read.data.hazards, HazardFilter{}, weighting, bandwidth);
    const ogc::ColourRamp ramp = config.colourStops.isEmpty() ? ogc::ColourRamp::defaults()
                                                              : ogc::ColourRamp::fromJson(config.colourStops);
    std::fprintf(stderr, "firebeat serve: %zu hazards from %s in %s, radius %g m\n", points.points.size(),
                 qPrintable(input), read.data.crs.c_str(), bandwidth.metres);
    return std::make_unique<ogc::HeatmapLayer>(std::move(points.points), read.data.crs, ramp);
}

} // namespace

int runServe(const QStringList& arguments) {
    QCommandLineParser p;
    addSourceOptions(p);
    p.addOptions({
        {"config", "JSON configuration (listen, input, heatmap radius, weights and colours).", "FILE"},
        {"listen", "Address and port to serve on (default 127.0.0.1:8080; port 0: any free port).",
         "HOST:PORT"},
        {"input", "Data source holding the hazards (default: the sample layers).", "SOURCE"},
        {"layer", "The hazards layer's name in the source.", "NAME", "hazards"},
        {"radius", "Heatmap bandwidth in metres (default 500, or the config's).", "M"},
    });
    parseOrExit(p, arguments, "OGC server: WMS 1.3.0/1.1.1 and XYZ tiles of the hazard heatmap.");
    std::unique_ptr<ogc::OgcServer> server;
    const int code = guarded([&] {
        const ServeConfig config = readConfig(p.value("config"));
        const auto [address, port] = parseListen(p.isSet("listen") ? p.value("listen") : config.listen);
        server = std::make_unique<ogc::OgcServer>(loadLayer(p, config));
        const quint16 bound = server->listen(address, port);
        if (bound == 0)
            throw InputError("--listen: cannot listen on " + toStd(address.toString()) + ":" +
                             std::to_string(port));
        const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                                 ? "[" + address.toString() + "]"
                                 : address.toString();
        std::printf("listening on http://%s:%u/wms\n", qPrintable(host), bound);
        std::fflush(stdout);
        return kOk;
    });
    return code == kOk ? QCoreApplication::exec() : code;
}

} // namespace firebeat::cli

#else

namespace firebeat::cli {

int runServe(const QStringList&) {
    std::fprintf(stderr, "firebeat: serve was built without QtHttpServer (install qt6-httpserver-dev)\n");
    return kFailed;
}

} // namespace firebeat::cli

#endif
