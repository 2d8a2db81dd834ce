// libFuzzer target: arbitrary bytes as the request target sent to `firebeat serve` (a path and
// query when they start with '/', else the query of /wms), through the WMS request parser
// (WmsParameters, requestVersion, parseMapRequest) and the whole router (dispatch: /wms, /tiles,
// static files) over the sample layers' catalogue. A client's bytes must never crash the
// server, trip ASan/UBSan, or give a 5xx.
#include "ogc/layer_factory.h"
#include "ogc/router.h"
#include "ogc/wms_request.h"

#include "firebeat/progress.h"
#include "firebeat/reader.h"

#include <QByteArray>
#include <QGuiApplication>
#include <QUrl>
#include <QUrlQuery>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {

using namespace firebeat;

std::shared_ptr<const ogc::Catalogue> sampleCatalogue() {
    ReadOptions options;
    options.checkConsistency = false;
    ReadResult read = readDataset(FIREBEAT_SAMPLE_DIR "/kunming.sqlite", options);
    auto catalogue = std::make_shared<ogc::Catalogue>();
    catalogue->dataVersion = "fuzz";
    catalogue->analysisCrs = read.data.crs;
    catalogue->layers = ogc::makeLayers(std::make_shared<const Dataset>(std::move(read.data)), {});
    return catalogue;
}

const ogc::Catalogue* catalogue = nullptr;

// The parser alone: it may only refuse the request with a ServiceException.
void parseAlone(const QUrlQuery& query) {
    const ogc::WmsParameters p(query);
    try {
        const ogc::WmsVersion version = ogc::requestVersion(p, p.value("REQUEST") == "GetCapabilities");
        (void)ogc::parseMapRequest(p, version, *catalogue);
    } catch (const ogc::ServiceException&) {
    } catch (const InputError&) { // coordinates PROJ cannot transform: an exception report too
    }
}

void requireNoServerError(const QUrl& url, const ogc::HttpReply& reply) {
    if (reply.status >= 200 && reply.status < 500 && !reply.contentType.isEmpty())
        return;
    std::fprintf(stderr, "wms_request_fuzzer: %s answered %d (%s)\n", url.toEncoded().constData(),
                 reply.status, reply.contentType.constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
    static QGuiApplication app(*argc, *argv); // QImage's PNG writer and fonts for legends
    static const std::shared_ptr<const ogc::Catalogue> sample = sampleCatalogue();
    catalogue = sample.get();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const QByteArray target = bytes.startsWith('/') ? bytes : "/wms?" + bytes;
    const QUrl url(QStringLiteral("http://127.0.0.1:8080") + QString::fromUtf8(target), QUrl::TolerantMode);
    if (!url.isValid()) // QtHttpServer answers 400 itself before any handler runs
        return 0;
    parseAlone(QUrlQuery(url));
    requireNoServerError(url, ogc::dispatch(*catalogue, url, nullptr));
    return 0;
}
