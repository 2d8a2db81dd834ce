// Small SVG charts for the HTML report, drawn as text (no library): horizontal bars (stacked when
// there are several series) and columns with lines. Sizes in CSS pixels of a 680-pixel-wide
// viewBox, which scales to the page.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace firebeat::report_detail {

// Text for HTML and SVG: & < > " ' escaped.
std::string escape(std::string_view text);
// `value` with `decimals` digits after the point ("12.5"); "—" for nullopt.
std::string number(std::optional<double> value, int decimals = 0);

struct Series {
    std::string label;
    std::string colour; // "#c53030"
    std::vector<double> values;
};

struct BarChartOptions {
    std::optional<double> maxValue;      // else the largest stacked total, rounded up
    std::optional<double> referenceLine; // a dashed vertical line at this value (e.g. the norm)
    std::string referenceLabel;
    int highlightRow = -1;               // drawn bold
    int decimals = 0;                    // of the value written after each bar
    std::vector<std::string> rowColours; // when given, each row's colour (of a single series)
    std::string axisTitle;
};

// One row per label; the series are stacked left to right.
std::string horizontalBarChart(const std::vector<std::string>& labels, const std::vector<Series>& stacked,
                               const BarChartOptions& options);

// One group of columns per label (one column per `bars` series) and a line per `lines` series.
std::string columnChart(const std::vector<std::string>& labels, const std::vector<Series>& bars,
                        const std::vector<Series>& lines, const std::string& axisTitle);

} // namespace firebeat::report_detail
