// `firebeat serve`: the OGC server over a data source (read-only), its layers rebuilt whenever
// the data changes.
#include "command.h"

#include <cstdio>

#ifdef FIREBEAT_HAVE_HTTPSERVER
#include "ogc/catalogue_store.h"
#include "ogc/data_version.h"
#include "ogc/layer_factory.h"
#include "ogc/ogc_server.h"
#include "serve_config.h"
#include "serve_options.h"

#include "firebeat/crs.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QTextStream>
#include <QThread>

namespace firebeat::cli {
namespace {

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

// Every layer of the data model (all but the hazards optional), named as the configuration
// and then the command line say (the command line wins).
ReadOptions sourceOptions(const QCommandLineParser& p, const ServeConfig& config) {
    ReadOptions options = readOptionsFrom(p);
    try {
        for (const QString& assignment : config.map)
            options.mapping.parseAssignment(toStd(assignment));
    } catch (const InputError& e) {
        throw InputError(std::string("--config: map: ") + e.what());
    }
    for (const QString& assignment : p.values("map"))
        options.mapping.parseAssignment(toStd(assignment));
    if (p.isSet("layer"))
        options.mapping.setLayer(LayerKind::Hazards, toStd(p.value("layer")));
    options.mapping.setGcj02AllPointLayers(p.isSet("gcj02") || config.gcj02);
    if (options.analysisCrs.empty() && !config.crs.isEmpty()) {
        options.analysisCrs = toStd(config.crs);
        if (!isKnownCrs(options.analysisCrs))
            throw InputError("--config: crs: unknown CRS '" + options.analysisCrs +
                             "' (expected e.g. EPSG:4543)");
    }
    options.repairInvalidGeometries = options.repairInvalidGeometries || config.repairGeometries;
    options.optionalLayers = {kAllLayers.begin(), kAllLayers.end()};
    options.optionalLayers.erase(LayerKind::Hazards);
    options.checkConsistency = false;
    return options;
}

ogc::LayerSettings layerSettings(const QCommandLineParser& p, const ServeConfig& config) {
    ogc::LayerSettings settings;
    settings.severityWeights = config.severityWeights;
    settings.heatmapRadius = p.isSet("radius") ? numberOption(p, "radius", 0) : config.radius;
    if (!config.colourStops.isEmpty())
        settings.heatmapRamp = ogc::ColourRamp::fromJson(config.colourStops);
    settings.heatmapPercentile = config.scalePercentile;
    return settings;
}

ogc::ServerSettings serverSettings(const QCommandLineParser& p, const ServeConfig& config) {
    ogc::ServerSettings settings;
    settings.workers =
        p.isSet("workers") ? static_cast<int>(numberOption(p, "workers", 1, true)) : config.workers;
    const bool cache = config.cacheEnabled && !p.isSet("no-cache");
    settings.cacheBytes = cache ? static_cast<std::size_t>(config.cacheMegabytes * 1024 * 1024) : 0;
    settings.queue = config.queue;
    settings.requestTime = std::chrono::milliseconds(static_cast<qint64>(config.requestSeconds * 1000));
    settings.access = config.access;
    settings.maxAgeSeconds = config.maxAgeSeconds;
    if (!config.viewerBaseMap.isEmpty())
        settings.viewerConfig.insert("base_map", config.viewerBaseMap);
    const auto ms = [](double seconds) {
        return std::chrono::milliseconds(static_cast<qint64>(seconds * 1000));
    };
    settings.connections = {ms(config.headerSeconds), ms(config.idleSeconds), config.connections};
    return settings;
}

// Any point layer serves a heatmap: the hazards' fields it lacks only take their dimension (and
// severity its weights) away. Said once, at start.
void readOnlyFieldsPresent(const std::string& source, ReadOptions& options, ogc::LayerSettings& settings) {
    options.multipointParts = true;
    // The other layers are served when they fit the data model, else left out (said once).
    for (const LayerKind kind : kAllLayers) {
        const auto fields =
            kind == LayerKind::Hazards ? std::nullopt : fieldsPresent(source, options.mapping, kind);
        if (!fields)
            continue;
        for (const FieldSpec& f : layerSpec(kind).fields)
            if (f.required && !fields->contains(std::string(f.name))) {
                std::fprintf(stderr, "firebeat serve: layer %s has no field %s: not served\n",
                             options.mapping.layer(kind).c_str(),
                             options.mapping.field(kind, f.name).c_str());
                options.layers.erase(kind);
                break;
            }
    }
    const auto found = fieldsPresent(source, options.mapping, LayerKind::Hazards);
    if (!found)
        return; // no such layer: the reader says so
    const std::set<std::string>& present = *found;
    options.onlyFields[LayerKind::Hazards] = present;
    settings.hazardFields = present;
    const std::pair<const char*, const char*> dimensions[] = {
        {"found_at", "TIME"},
        {"severity", "DIM_SEVERITY (and severity weights)"},
        {"rectified_at", "DIM_STATUS"},
        {"category", "DIM_CATEGORY"}};
    for (const auto& [field, dimension] : dimensions)
        if (!present.contains(field))
            std::fprintf(stderr, "firebeat serve: layer %s has no field %s: no %s\n",
                         options.mapping.layer(LayerKind::Hazards).c_str(),
                         options.mapping.field(LayerKind::Hazards, field).c_str(), dimension);
    if (!present.contains("severity"))
        settings.severityWeights = {1, 1, 1};
}

std::unique_ptr<ogc::CatalogueStore> openStore(const std::string& source, ReadOptions options,
                                               ogc::LayerSettings settings, const QStringList& moreCrs,
                                               bool answerWhileRebuilding) {
    std::vector<std::string> tables;
    for (const LayerKind kind : kAllLayers)
        tables.push_back(options.mapping.layer(kind));
    readOnlyFieldsPresent(source, options, settings);
    std::vector<std::string> more;
    for (const QString& crs : moreCrs)
        more.push_back(toStd(crs));
    auto load = [source, options, settings, more] {
        ReadResult read = readDataset(source, options);
        requireUsableLayers(read);
        std::fprintf(stderr, "firebeat serve: %zu hazards from %s in %s, radius %g m\n",
                     read.data.hazards.size(), source.c_str(), read.data.crs.c_str(), settings.heatmapRadius);
        auto catalogue = std::make_shared<ogc::Catalogue>();
        catalogue->analysisCrs = read.data.crs;
        catalogue->moreCrs = more;
        catalogue->data = std::make_shared<const Dataset>(std::move(read.data));
        catalogue->layers = ogc::makeLayers(catalogue->data, settings);
        return catalogue;
    };
    // Checked every second in the background too: a changed source is reloaded (heatmap kernels
    // included) before the next request needs it, as a rule.
    return std::make_unique<ogc::CatalogueStore>(load, ogc::makeDataVersionProbe(source, tables),
                                                 std::chrono::seconds(1), answerWhileRebuilding);
}

// What the replies depend on besides the data and the request, for the ETags: the build, the
// configuration file's content and the options, but not where this process listens or where its
// configuration file lies. Processes started alike behind one cache give the same tags.
QByteArray replyFingerprint(const QStringList& arguments, const QCommandLineParser& p) {
    QByteArray fingerprint = "firebeat " FIREBEAT_VERSION "\n";
    if (p.isSet("config")) {
        QFile file(p.value("config"));
        if (file.open(QIODevice::ReadOnly))
            fingerprint += file.readAll() + "\n";
    }
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        if (a == "--listen" || a == "--config") {
            ++i; // and its value
            continue;
        }
        if (!a.startsWith("--listen=") && !a.startsWith("--config="))
            fingerprint += a.toUtf8() + "\n";
    }
    return QCryptographicHash::hash(fingerprint, QCryptographicHash::Sha256).toHex();
}

} // namespace

int runServe(const QStringList& arguments) {
    QCommandLineParser p;
    addSourceOptions(p);
    p.addOptions({
        {"config",
         "JSON configuration: input, map, listen, workers, cache, limits, heatmap (see serve_config.h).",
         "FILE"},
        {"listen", "Address and port to serve on (default 127.0.0.1:8080; port 0: any free port).",
         "HOST:PORT"},
        {"input", "Data source: SpatiaLite, GeoPackage or PG:... (default: the sample layers).", "SOURCE"},
        {"layer",
         "The hazards layer's name in the source (default hazards): any point layer; fields it lacks take "
         "their dimension away.",
         "NAME"},
        {"radius", "Heatmap bandwidth in metres (default 500, or the config's).", "M"},
        {"workers", "Threads computing replies (default: one per core, or the config's).", "N"},
        {"no-cache", "Compute every reply (no reply cache)."},
        {"answer-while-rebuilding",
         "When the data changes, answer from the previous version while the layers are rebuilt in the "
         "background (no request waits; a change shows within the rebuild's time, not on the next request)."},
        {"hash-token",
         "Read a token from standard input (one line) and print its SHA-256 digest for the config's "
         "access.tokens; serves nothing."},
    });
    parseOrExit(p, arguments, "OGC server: WMS 1.3.0/1.1.1, WMTS and XYZ tiles, and a web viewer.");
    if (p.isSet("hash-token")) {
        QTextStream in(stdin);
        const QByteArray token = in.readLine().trimmed().toUtf8();
        if (token.isEmpty()) {
            std::fprintf(stderr, "firebeat serve --hash-token: no token on standard input\n");
            return kBadInput;
        }
        std::printf("%s\n", ogc::tokenDigest(token).constData());
        return kOk;
    }
    std::unique_ptr<ogc::CatalogueStore> store;
    std::unique_ptr<ogc::OgcServer> server;
    const int code = guarded([&] {
        const ServeConfig config = readServeConfig(p.value("config"));
        const auto [address, port] = parseListen(p.isSet("listen") ? p.value("listen") : config.listen);
        const QString input = p.isSet("input") ? p.value("input")
                              : !config.input.isEmpty()
                                  ? config.input
                                  : QStringLiteral(FIREBEAT_SAMPLE_DIR "/kunming.sqlite");
        store = openStore(toStd(input), sourceOptions(p, config), layerSettings(p, config), config.moreCrs,
                          p.isSet("answer-while-rebuilding"));
        ogc::ServerSettings settings = serverSettings(p, config);
        settings.fingerprint = replyFingerprint(arguments, p);
        server = std::make_unique<ogc::OgcServer>([s = store.get()] { return s->current(); }, settings);
        const quint16 bound = server->listen(address, port);
        if (bound == 0)
            throw InputError("--listen: cannot listen on " + toStd(address.toString()) + ":" +
                             std::to_string(port));
        std::fprintf(stderr, "firebeat serve: %d worker threads, reply cache %s\n",
                     settings.workers > 0 ? settings.workers : QThread::idealThreadCount(),
                     settings.cacheBytes > 0 ? qPrintable(QString::number(settings.cacheBytes >> 20) + " MB")
                                             : "off");
        const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                                 ? "[" + address.toString() + "]"
                                 : address.toString();
        // Tests parse the first line.
        std::printf("listening on http://%s:%u/wms\n", qPrintable(host), bound);
        std::printf("viewer at http://%s:%u/\n", qPrintable(host), bound);
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
