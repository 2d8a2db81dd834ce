#include "firebeat/html_report.h"

#include "report/svg_charts.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <stdexcept>

namespace firebeat {
namespace {

using namespace report_detail;

// The first second of the month `months - 1` months before the month of `t` (China Standard Time).
Timestamp monthsBack(Timestamp t, int months) {
    const std::string date = formatDate(t);
    int year = std::stoi(date.substr(0, 4));
    int month = std::stoi(date.substr(5, 2)) - (months - 1);
    while (month < 1) {
        month += 12;
        --year;
    }
    return makeTimestamp(year, month, 1);
}

std::string base64(const std::string& bytes) {
    static constexpr char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const auto byte = [&](std::size_t k) {
            return k < bytes.size() ? static_cast<unsigned>(static_cast<unsigned char>(bytes[k])) : 0u;
        };
        const unsigned n = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
        out += digits[n >> 18 & 63];
        out += digits[n >> 12 & 63];
        out += i + 1 < bytes.size() ? digits[n >> 6 & 63] : '=';
        out += i + 2 < bytes.size() ? digits[n & 63] : '=';
    }
    return out;
}

// A table cell carrying its API field name, so readers (and tests) can tell what it shows.
std::string cell(std::string_view field, const std::string& shown) {
    return "<td data-field=\"" + std::string(field) + "\">" + escape(shown) + "</td>";
}
std::string cell(std::string_view field, std::optional<double> v, int decimals = 0) {
    return cell(field, number(v, decimals));
}
std::string cell(std::string_view field, int v) {
    return cell(field, std::to_string(v));
}

std::string head(std::initializer_list<const char*> columns) {
    std::string out = "<thead><tr>";
    for (const char* c : columns)
        out += "<th>" + escape(c) + "</th>";
    return out + "</tr></thead>";
}

std::string gapColour(double score) {
    const double t = std::clamp(score / 100, 0.0, 1.0);
    char buf[16];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(254 + (165 - 254) * t),
                  static_cast<int>(224 + (15 - 224) * t), static_cast<int>(210 + (21 - 210) * t));
    return buf;
}

const char* kCss = R"(
@page { size: A4; margin: 14mm 12mm; }
body { font: 10.5pt/1.45 "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; color: #1a202c;
       margin: 0 auto; max-width: 186mm; padding: 8mm 0; }
.page { break-after: page; }
.page:last-child { break-after: auto; }
h1 { font-size: 19pt; margin: 0; color: #1f3a5f; }
h2 { font-size: 13pt; margin: 0 0 3mm; padding-bottom: 1mm; color: #1f3a5f; border-bottom: 2px solid #1f3a5f; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; color: #2d3748; }
.meta { color: #4a5568; margin: 1mm 0 5mm; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2.5mm; margin-bottom: 5mm; }
.kpi { border: 1px solid #cbd5e0; border-top: 3px solid #2b6cb0; border-radius: 2mm; padding: 2mm 3mm; }
.kpi strong { display: block; font-size: 15pt; }
.kpi span { font-size: 8.5pt; color: #4a5568; }
.maps { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 4mm; }
figure { margin: 0; min-width: 0; }
figure img { display: block; width: 100%; height: auto; max-height: 120mm; object-fit: contain; border: 1px solid #cbd5e0; }
figcaption { font-size: 9pt; color: #4a5568; text-align: center; }
svg.chart { width: 100%; height: auto; font-family: inherit; margin-bottom: 3mm; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; }
th, td { padding: 1mm 1.5mm; border-bottom: 1px solid #e2e8f0; text-align: right; }
th { background: #edf2f7; color: #2d3748; font-weight: bold; }
th:first-child, td:first-child, td.name { text-align: left; }
tr.chosen td { font-weight: bold; background: #fefcbf; }
.note { color: #718096; font-size: 9pt; }
@media print { body { padding: 0; max-width: none; } }
)";

std::string keyFigures(const HtmlReportData& r, const std::vector<const DistrictCoverage*>& rows) {
    int units = 0, inspected = 0, overdue = 0, never = 0, inspections = 0, found = 0, open = 0, major = 0;
    for (const DistrictCoverage* d : rows) {
        units += d->unitsTotal;
        inspected += d->unitsInspected;
        overdue += d->overdueUnits;
        never += d->neverInspected;
        inspections += d->inspections;
        found += d->hazardsFound;
        open += d->openHazards;
        major += d->openMajorHazards();
    }
    const std::optional<double> coverage =
        units > 0 ? std::optional<double>(100.0 * inspected / units) : std::nullopt;
    const std::vector<std::tuple<const char*, const char*, std::string>> figures = {
        {"units_total", "单位总数 Units", std::to_string(units)},
        {"coverage_pct", "覆盖率 Coverage %", number(coverage, 1)},
        {"overdue_units", "逾期单位 Overdue units", std::to_string(overdue)},
        {"never_inspected", "从未检查 Never inspected", std::to_string(never)},
        {"inspections", "检查次数 Inspections", std::to_string(inspections)},
        {"hazards_found", "发现隐患 Hazards found", std::to_string(found)},
        {"open_hazards", "未整改隐患 Open hazards", std::to_string(open)},
        {"open_major_hazards", "重大隐患 Open major", std::to_string(major)},
    };
    std::string out = "<div class=\"kpis\" id=\"key-figures\">";
    for (const auto& [field, label, value] : figures)
        out += "<div class=\"kpi\"><strong data-field=\"" + std::string(field) + "\">" + escape(value) +
               "</strong><span>" + escape(label) + "</span></div>";
    (void)r;
    return out + "</div>";
}

std::string mapsSection(const HtmlReportData& r) {
    if (r.maps.empty())
        return "<p class=\"note\">地图未包含：本报告由不绘制地图的前端生成。Maps not included: this front "
               "end does "
               "not draw them (firebeat report does).</p>";
    std::string out = "<div class=\"maps\">";
    for (const ReportImage& m : r.maps)
        out += "<figure><img alt=\"" + escape(m.caption) + "\" src=\"data:image/png;base64," + base64(m.png) +
               "\"><figcaption>" + escape(m.caption) + "</figcaption></figure>";
    return out + "</div>";
}

std::string rankingSection(const HtmlReportData& r, const std::string& chosen) {
    std::vector<const DistrictCoverage*> ranked;
    for (const DistrictCoverage& d : r.coverage.districts)
        ranked.push_back(&d);
    std::sort(ranked.begin(), ranked.end(), [](auto* a, auto* b) { return a->gapRank < b->gapRank; });
    std::vector<std::string> labels;
    Series scores{"差距分 Gap score", "", {}};
    BarChartOptions o;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        labels.push_back(std::to_string(ranked[i]->gapRank) + ". " + ranked[i]->name);
        scores.values.push_back(ranked[i]->gapScore);
        const bool isChosen = ranked[i]->districtId == chosen;
        if (isChosen)
            o.highlightRow = static_cast<int>(i);
        o.rowColours.push_back(isChosen ? "#2d3748" : gapColour(ranked[i]->gapScore));
    }
    o.maxValue = 100;
    o.decimals = 1;
    o.axisTitle = "差距分 Gap score (0–100, 越高差距越大 higher = bigger gap)";
    std::string out =
        "<section class=\"page\" id=\"ranking\"><h2>辖区差距排名与覆盖 Districts by gap score and "
        "coverage</h2>" +
        horizontalBarChart(labels, {scores}, o);
    out += "<table id=\"districts\">" +
           head({"排名 Rank", "辖区 District", "差距分 Gap", "覆盖率 Coverage %", "单位 Units",
                 "已检 Inspected", "逾期 Overdue", "从未检查 Never", "未整改 Open", "重大 Major"}) +
           "<tbody>";
    for (const DistrictCoverage* d : ranked) {
        out += std::string("<tr data-district=\"") + escape(d->districtId) + "\"" +
               (d->districtId == chosen ? " class=\"chosen\"" : "") + ">" + cell("gap_rank", d->gapRank) +
               "<td class=\"name\" data-field=\"name\">" + escape(d->name) + "</td>" +
               cell("gap_score", d->gapScore, 1) + cell("coverage_pct", d->coveragePct, 1) +
               cell("units_total", d->unitsTotal) + cell("units_inspected", d->unitsInspected) +
               cell("overdue_units", d->overdueUnits) + cell("never_inspected", d->neverInspected) +
               cell("open_hazards", d->openHazards) + cell("open_major_hazards", d->openMajorHazards()) +
               "</tr>";
    }
    return out + "</tbody></table></section>";
}

std::string officersSection(const HtmlReportData& r, const std::string& chosen) {
    std::vector<const OfficerWorkload*> rows;
    for (const OfficerWorkload& o : r.coverage.officers)
        if (chosen.empty() || o.districtId == chosen)
            rows.push_back(&o);
    std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) {
        return a->completionPct.value_or(-1) > b->completionPct.value_or(-1);
    });
    std::vector<std::string> labels;
    Series met{"达标 At or above the norm", "#2c9c8f", {}}, below{"未达标 Below the norm", "#dd8a2e", {}};
    for (const OfficerWorkload* o : rows) {
        if (!o->completionPct)
            continue;
        labels.push_back(o->name.empty() ? o->officerId : o->name);
        met.values.push_back(*o->completionPct >= 100 ? *o->completionPct : 0);
        below.values.push_back(*o->completionPct < 100 ? *o->completionPct : 0);
    }
    BarChartOptions opt;
    opt.referenceLine = 100;
    opt.referenceLabel = "定额 Norm";
    opt.axisTitle = "任务完成率 Task completion % (检查次数 / 定额 visits / target)";
    std::string out =
        "<section class=\"page\" id=\"officers\"><h2>民警任务完成情况 Task completion per officer</h2>";
    out += labels.empty() ? "<p class=\"note\">无民警数据 No officers with a target.</p>"
                          : horizontalBarChart(labels, {met, below}, opt);
    out += "<table id=\"officer-table\">" +
           head({"民警 Officer", "辖区 District", "检查 Inspections", "单位 Units visited",
                 "发现隐患 Hazards", "定额 Target", "完成率 Completion %"}) +
           "<tbody>";
    for (const OfficerWorkload* o : rows)
        out += "<tr data-officer=\"" + escape(o->officerId) + "\"><td class=\"name\" data-field=\"name\">" +
               escape(o->name.empty() ? o->officerId : o->name) + "</td>" +
               cell("district_id", o->districtId) + cell("inspections", o->inspections) +
               cell("units_visited", o->unitsVisited) + cell("hazards_found", o->hazardsFound) +
               cell("target_visits", o->targetVisits, 1) + cell("completion_pct", o->completionPct, 1) +
               "</tr>";
    return out + "</tbody></table></section>";
}

std::string trendSection(const HtmlReportData& r) {
    std::vector<std::string> labels;
    Series found{"发现 Found", "#dd8a2e", {}}, rectified{"整改 Rectified", "#2c9c8f", {}},
        open{"月末未整改 Open at month end", "#c53030", {}};
    for (const TrendPoint& p : r.trend) {
        labels.push_back(formatDate(p.start).substr(2, 5));
        found.values.push_back(p.hazardsFound);
        rectified.values.push_back(p.hazardsRectified);
        open.values.push_back(p.openHazards);
    }
    std::string out = "<section class=\"page\" id=\"trend\"><h2>隐患月度趋势 Hazards by month</h2>" +
                      columnChart(labels, {found, rectified}, {open}, "隐患 Hazards");
    out += "<table id=\"trend-table\">" +
           head({"月份 Month", "检查 Inspections", "已检单位 Units inspected", "发现 Found", "整改 Rectified",
                 "月末未整改 Open at end"}) +
           "<tbody>";
    for (const TrendPoint& p : r.trend)
        out += "<tr><td data-field=\"label\">" + formatDate(p.start) + "</td>" +
               cell("inspections", p.inspections) + cell("units_inspected", p.unitsInspected) +
               cell("hazards_found", p.hazardsFound) + cell("hazards_rectified", p.hazardsRectified) +
               cell("open_hazards", p.openHazards) + "</tr>";
    return out + "</tbody></table></section>";
}

std::string hazardsSection(const HtmlReportData& r) {
    std::vector<int> order(kHazardCategoryCount);
    std::iota(order.begin(), order.end(), 0);
    const auto& counts = r.openHazards.counts;
    const auto total = [&](int k) {
        const auto& c = counts[static_cast<std::size_t>(k)];
        return c[0] + c[1] + c[2];
    };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return total(a) > total(b); });
    std::vector<std::string> labels;
    std::vector<Series> severities = {
        {"1 一般 Minor", "#f6c453", {}}, {"2 较大 Major", "#ed8936", {}}, {"3 重大 Severe", "#c53030", {}}};
    for (const int k : order) {
        const auto category = static_cast<HazardCategory>(k);
        labels.push_back(std::string(chineseName(category)));
        for (std::size_t s = 0; s < 3; ++s)
            severities[s].values.push_back(counts[static_cast<std::size_t>(k)][s]);
    }
    BarChartOptions o;
    o.axisTitle = "未整改隐患 Open hazards (" + formatDate(r.openHazards.at) + ")";
    std::string out =
        "<section class=\"page\" id=\"hazards\"><h2>未整改隐患：类别与严重程度 Open hazards by category "
        "and severity</h2>" +
        horizontalBarChart(labels, severities, o);
    out += "<table id=\"hazard-table\">" +
           head({"类别 Category", "代码 Code", "一般 Minor", "较大 Major", "重大 Severe", "合计 Total"}) +
           "<tbody>";
    for (const int k : order) {
        const auto category = static_cast<HazardCategory>(k);
        const auto& c = counts[static_cast<std::size_t>(k)];
        out += "<tr data-category=\"" + std::string(code(category)) + "\"><td class=\"name\">" +
               escape(chineseName(category)) + "</td>" + cell("category", std::string(code(category))) +
               cell("open_sev1", c[0]) + cell("open_sev2", c[1]) + cell("open_sev3", c[2]) +
               cell("open", total(k)) + "</tr>";
    }
    return out + "</tbody></table></section>";
}

} // namespace

HtmlReportData computeHtmlReport(const Dataset& data, const HtmlReportParameters& parameters, Report& report,
                                 Progress* progress) {
    if (parameters.trendMonths < 1)
        throw InputError("trend months must be at least 1");
    return completeHtmlReport(data, parameters, computeCoverage(data, parameters.coverage, report, progress));
}

HtmlReportData completeHtmlReport(const Dataset& data, const HtmlReportParameters& parameters,
                                  CoverageResult coverage) {
    HtmlReportData r;
    r.parameters = parameters;
    r.coverage = std::move(coverage);
    if (!parameters.districtId.empty() &&
        std::none_of(r.coverage.districts.begin(), r.coverage.districts.end(),
                     [&](const DistrictCoverage& d) { return d.districtId == parameters.districtId; }))
        throw InputError("district: no police district has the id '" + parameters.districtId + "'");
    const Timestamp end = parameters.coverage.referenceDate;
    Report scratch; // the coverage analysis has reported the data's problems already
    r.trend = computeTrend(
        data, {monthsBack(end, parameters.trendMonths), end, TrendStep::Month, parameters.districtId},
        scratch);
    r.openHazards = openHazardBreakdown(data, end, parameters.districtId, scratch);
    return r;
}

std::string renderHtmlReport(const HtmlReportData& r) {
    const std::string& chosen = r.parameters.districtId;
    std::vector<const DistrictCoverage*> rows;
    std::string where = "全市 Whole city";
    for (const DistrictCoverage& d : r.coverage.districts)
        if (chosen.empty() || d.districtId == chosen) {
            rows.push_back(&d);
            if (!chosen.empty())
                where = "辖区 District " + d.name + " (" + d.districtId + ")";
        }
    const std::string window =
        formatDate(r.coverage.windowStart + 1) + " – " + formatDate(r.coverage.windowEnd);
    std::string html = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" +
                       escape("消防巡检工作报告 Fire-inspection report — " + where) + "</title><style>" +
                       kCss + "</style></head><body>";
    html += "<section class=\"page\" id=\"summary\"><h1>消防巡检工作报告 Fire-inspection report</h1>";
    html += "<p class=\"meta\" data-district=\"" + escape(chosen) + "\">" + escape(where) +
            " · 统计时段 Window " + escape(window) + " (" + std::to_string(r.parameters.coverage.windowDays) +
            " 天 days) · 截止 Reference " + escape(formatTimestamp(r.coverage.windowEnd)) + "</p>";
    html += "<h2>主要指标 Key figures</h2>" + keyFigures(r, rows);
    html += "<h2>地图 Maps</h2>" + mapsSection(r) + "</section>";
    html += rankingSection(r, chosen);
    html += officersSection(r, chosen);
    html += trendSection(r);
    html += hazardsSection(r);
    return html + "</body></html>\n";
}

void writeHtmlReport(const std::string& html, const std::string& path) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    if (target.filename().empty())
        throw InputError("--output: '" + path + "' names no file");
    const fs::path temporary = target.parent_path() / ("." + target.filename().string() + ".part");
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            throw InputError("--output: cannot write '" + path + "'");
        out << html;
        out.close();
        if (!out) {
            std::error_code ignored;
            fs::remove(temporary, ignored);
            throw std::runtime_error("writing " + path + " failed");
        }
    }
    fs::rename(temporary, target);
}

} // namespace firebeat
