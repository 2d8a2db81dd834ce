// The coverage report for people who do not open a map: one self-contained HTML file (Chinese and
// English) with the key figures, the district ranking by gap score, coverage and overdue units,
// task completion per officer, the monthly hazard trend and the open hazards by category and
// severity, as tables and inline SVG charts, and map images when the front end can draw them.
// Printable to A4 (print CSS: one section per page). Shared by `firebeat report` and the QGIS
// coverage algorithm; the numbers are those of computeCoverage, computeTrend and
// openHazardBreakdown (the server's /api/... answers for the same data, date and window).
#pragma once

#include "firebeat/coverage.h"
#include "firebeat/progress.h"
#include "firebeat/trend.h"

#include <string>
#include <vector>

namespace firebeat {

struct HtmlReportParameters {
    CoverageParameters coverage;
    std::string districtId; // empty: the whole city
    int trendMonths = 12;   // months of trend up to the reference date's month
};

// A map drawn by the front end (PNG bytes), shown in the report's map section.
struct ReportImage {
    std::string caption; // "危险源热力图 Hazard heatmap"
    std::string png;
};

struct HtmlReportData {
    HtmlReportParameters parameters;
    CoverageResult coverage;
    std::vector<TrendPoint> trend;
    OpenHazardBreakdown openHazards;
    std::vector<ReportImage> maps;
};

// The analyses the report shows. Throws InputError naming the parameter ("district: ...").
HtmlReportData computeHtmlReport(const Dataset& data, const HtmlReportParameters& parameters, Report& report,
                                 Progress* progress = nullptr);

// The rest of the report for a coverage result already computed with parameters.coverage.
HtmlReportData completeHtmlReport(const Dataset& data, const HtmlReportParameters& parameters,
                                  CoverageResult coverage);

// The HTML document.
std::string renderHtmlReport(const HtmlReportData& report);

// Writes `html` to `path` under a temporary name renamed at the end (nothing half-written).
void writeHtmlReport(const std::string& html, const std::string& path);

} // namespace firebeat
