// `firebeat report`: the coverage report as one self-contained HTML file (algorithms/
// html_report.h), with the hazard heatmap and the coverage map drawn by the server's layers.
#include "command.h"
#include "coverage_options.h"

#include "firebeat/html_report.h"

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
std::vector<ReportImage> drawMaps(const std::shared_ptr<const Dataset>& data, const HtmlReportData& r) {
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
    QCommandLineParser p;
    addSourceOptions(p);
    p.addOptions({
        {"input", "Data source with the inspection layers.", "SOURCE"},
        {"reference-date",
         "End of the reporting window; a date alone means the end of that day (default: now).", "DATE"},
        {"window-days", "Length of the reporting window in days.", "N", "365"},
        {"norms", "Inspection norms (JSON, see sample-layers/norms.json; default: the built-in norms).",
         "FILE"},
        {"district", "Report on this police district (its district_id; default: the whole city).", "ID"},
        {"no-maps", "Leave out the map images."},
        {"output", "Output HTML file.", "report.html"},
        {"quiet", "No progress bar."},
    });
    parseOrExit(p, arguments,
                "Coverage report as one self-contained HTML file (Chinese and English, printable to A4): key "
                "figures, maps, district ranking by gap score, task completion per officer, monthly hazard "
                "trend, open hazards by category and severity.");
    return guarded([&] {
        TerminalProgress progress(p.isSet("quiet"));
        ReadResult read = readCoverageInput(p, progress);
        HtmlReportParameters parameters;
        parameters.coverage = coverageParametersFrom(p);
        parameters.districtId = toStd(p.value("district"));
        Report problems;
        HtmlReportData report = computeHtmlReport(read.data, parameters, problems, &progress);
#ifdef FIREBEAT_HAVE_HTTPSERVER
        if (!p.isSet("no-maps"))
            report.maps = drawMaps(std::make_shared<const Dataset>(std::move(read.data)), report);
#endif
        const std::string output = toStd(p.value("output"));
        writeHtmlReport(renderHtmlReport(report), output);
        progress.finish();
        if (!problems.problems().empty())
            std::fprintf(stderr, "firebeat: the analysis met %zu problem(s):\n%s", problems.problems().size(),
                         problems.toText().c_str());
        std::printf("wrote %s (window %s .. %s%s%s)\n", output.c_str(),
                    formatDate(report.coverage.windowStart + 1).c_str(),
                    formatDate(report.coverage.windowEnd).c_str(),
                    parameters.districtId.empty() ? "" : ", district ", parameters.districtId.c_str());
        return kOk;
    });
}

} // namespace firebeat::cli
