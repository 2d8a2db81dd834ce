#include "wms.h"

#include "wms_operations.h"

#include "firebeat/progress.h"

#include <algorithm>
#include <initializer_list>

namespace firebeat::ogc {
namespace {

bool isRequest(const QString& request, std::initializer_list<const char*> names) {
    return std::any_of(names.begin(), names.end(),
                       [&](const char* name) { return request.compare(name, Qt::CaseInsensitive) == 0; });
}

HttpReply answer(const Catalogue& catalogue, const WmsParameters& p, WmsVersion& version,
                 const QUrl& onlineResource, const CancelFlag* cancel) {
    const QString request = p.required("REQUEST");
    if (p.has("SERVICE") && p.value("SERVICE").compare("WMS", Qt::CaseInsensitive) != 0)
        throw ServiceException("InvalidParameterValue",
                               "SERVICE: '" + p.value("SERVICE") + "' is not offered (WMS)");
    const bool capabilities = isRequest(request, {"GetCapabilities", "capabilities"}); // 1.0's name too
    version = requestVersion(p, capabilities);
    if (capabilities)
        return {200, version == WmsVersion::V130 ? "text/xml" : "application/vnd.ogc.wms_xml",
                capabilitiesXml(catalogue, version, onlineResource)};
    if (isRequest(request, {"GetMap", "map"}))
        return getMap(catalogue, p, version, cancel);
    if (isRequest(request, {"GetFeatureInfo", "feature_info"}))
        return getFeatureInfo(catalogue, p, version);
    if (isRequest(request, {"GetLegendGraphic"}))
        return getLegendGraphic(catalogue, p);
    throw ServiceException(
        "OperationNotSupported",
        "REQUEST: '" + request +
            "' is not offered (GetCapabilities, GetMap, GetFeatureInfo, GetLegendGraphic)");
}

} // namespace

HttpReply handleWms(const Catalogue& catalogue, const QUrlQuery& query, const QUrl& onlineResource,
                    const CancelFlag* cancel) {
    const WmsParameters p(query);
    WmsVersion version = WmsVersion::V130; // until the request names one
    const auto report = [&](const ServiceException& e) {
        const bool map = isRequest(p.value("REQUEST"), {"GetMap", "map"});
        const std::optional<HttpReply> image = map ? exceptionImage(p, e) : std::nullopt;
        return image ? *image : exceptionReport(version, e.code(), QString::fromStdString(e.what()));
    };
    try {
        return answer(catalogue, p, version, onlineResource, cancel);
    } catch (const ServiceException& e) {
        return report(e);
    } catch (const InputError& e) { // e.g. coordinates PROJ cannot transform
        return report(ServiceException("InvalidParameterValue", QString::fromStdString(e.what())));
    }
}

} // namespace firebeat::ogc
