// `firebeat report`: the coverage report as one self-contained HTML file (algorithms/
// html_report.h), with the hazard heatmap and the coverage map drawn by the server's layers.
#include "command.h"
#include "job_command.h"
#include "terminal_progress.h"

#include "firebeat/coverage_job.h"

#include <cstdio>

#ifdef FIREBEAT_HAVE_HTTPSERVER
#include "ogc/analysis_layers.h"
#include "ogc/heatmap_layer.h"
#include "ogc/inspection_layers.h"
#include "ogc/qml_style.h"

#include <QBuffer>
#include <QPainter>
#endif

namespace firebeat::cli {
namespace {

#ifdef FIREBEAT_HAVE_HTTPSERVER
std::string png(const QImage& image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes.toStdString();
}

// The heatmap of the hazards found in the window under the district outlines, and the districts
// coloured by gap score, over the city or the chosen district (in the analysis CRS).
std::vector<ReportImage> drawMaps(const Dataset& records, const HtmlReportData& r) {
    const auto data = std::make_shared<const Dataset>(records); // the layers share their records
    const std::string& chosen = r.parameters.districtId;
    Envelope extent;
    for (const District& d : data->districts)
        if (chosen.empty() || d.id == chosen)
            extent.expand(d.geometry.envelope);
    if (extent.isEmpty())
        return {};
    // A district is shown with a ring of its neighbours around it; the city with a small margin.
    const double pad =
        (chosen.empty() ? 0.04 : 0.15) * std::max(extent.maxX - extent.minX, extent.maxY - extent.minY);
    extent.expand(Point{extent.minX - pad, extent.minY - pad});
    extent.expand(Point{extent.maxX + pad, extent.maxY + pad});
    const int width = 900;
    const int height = std::clamp(
        static_cast<int>(width * (extent.maxY - extent.minY) / (extent.maxX - extent.minX)), 400, 1200);
    const ogc::MapView view{data->crs, extent, width, height};
    ogc::HazardSelection inWindow;
    inWindow.from = r.coverage.windowStart + 1;
    inWindow.to = r.coverage.windowEnd + 1;
    const ogc::HazardSelection all;

    const auto draw =
        [&](std::initializer_list<std::pair<const ogc::MapLayer*, const ogc::HazardSelection*>> layers) {
            QImage image(width, height, QImage::Format_RGB32);
            image.fill(QColor("#f4f3ef"));
            QPainter painter(&image);
            for (const auto& [layer, selection] : layers)
                painter.drawImage(0, 0, layer->render(view, *selection, nullptr));
            return image;
        };
    std::vector<ReportImage> maps;
    const auto districts = ogc::makePoliceDistrictsLayer(*data);
    if (!data->hazards.empty()) {
        // The server's default scale: the style's ramp, its top at the density's percentile.
        const ogc::HeatmapLayer heatmap(
            data, HazardWeighting{}, 500,
            {ogc::ColourRamp::fromStyle(ogc::loadQmlStyle(ogc::kHeatmapLayerName)), kHeatmapScalePercentile});
        maps.push_back({"危险源热力图（统计时段内发现）Hazard heatmap (found in the window)",
                        png(draw({{&heatmap, &inWindow}, {districts.get(), &all}}))});
    }
    const auto coverage = ogc::makeDistrictCoverageLayer(*data, r.coverage, r.parameters.coverage.windowDays);
    maps.push_back({"辖区差距分（越深差距越大）Districts by gap score (darker = bigger gap)",
                    png(draw({{coverage.get(), &all}}))});
    return maps;
}
#endif

} // namespace

int runReport(const QStringList& arguments) {
    JobCommand command(reportJobSpec());
    command.parser().addOption({QStringLiteral("no-maps"), QStringLiteral("Leave out the map images.")});
    command.parse(arguments);
    return guarded([&] {
        TerminalProgress progress(command.quiet());
        ReportMapPainter maps;
#ifdef FIREBEAT_HAVE_HTTPSERVER
        if (!command.parser().isSet(QStringLiteral("no-maps")))
            maps = drawMaps;
#endif
        const ReportJobResult run = runReportJob(command.source(), command.parameters(), maps, &progress);
        progress.finish();
        printProblems(run);
        const HtmlReportData& r = run.report;
        std::printf("wrote %s (window %s .. %s%s%s)\n", run.output.c_str(),
                    formatDate(r.coverage.windowStart + 1).c_str(), formatDate(r.coverage.windowEnd).c_str(),
                    r.parameters.districtId.empty() ? "" : ", district ", r.parameters.districtId.c_str());
        return kOk;
    });
}

} // namespace firebeat::cli
