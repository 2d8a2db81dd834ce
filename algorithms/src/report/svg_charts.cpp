#include "report/svg_charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace firebeat::report_detail {
namespace {

constexpr double kWidth = 680;

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

// Grid lines for an axis up to `max` (from niceMax): steps of 1, 2 or 5 times a power of ten.
int tickCount(double max) {
    const double lead = max / std::pow(10.0, std::floor(std::log10(max)));
    return lead > 1.5 && lead < 2.5 ? 4 : 5;
}

// 1, 2 or 5 times a power of ten at or above `v` (at least 1).
double niceMax(double v) {
    if (!(v > 1))
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(v)));
    for (const double step : {1.0, 2.0, 5.0, 10.0})
        if (step * power >= v)
            return step * power;
    return 10 * power;
}

std::string text(double x, double y, std::string_view content, std::string_view attributes = {}) {
    return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" " + std::string(attributes) + ">" +
           escape(content) + "</text>";
}

std::string line(double x1, double y1, double x2, double y2, std::string_view attributes) {
    return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2) +
           "\" " + std::string(attributes) + "/>";
}

std::string rect(double x, double y, double w, double h, std::string_view colour, std::string_view title) {
    return "<rect x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(std::max(0.0, w)) +
           "\" height=\"" + fmt(h) + "\" fill=\"" + std::string(colour) + "\"><title>" + escape(title) +
           "</title></rect>";
}

// The legend of the series, in a row at `y`.
std::string legend(const std::vector<Series>& series, double y, bool lines = false) {
    std::string out;
    double x = 10;
    for (const Series& s : series) {
        out += lines ? line(x, y - 4, x + 14, y - 4, "stroke=\"" + s.colour + "\" stroke-width=\"2.5\"")
                     : rect(x, y - 10, 12, 10, s.colour, s.label);
        out += text(x + 18, y, s.label, "font-size=\"11\"");
        x += 30 + 7.0 * static_cast<double>(s.label.size());
    }
    return out;
}

} // namespace

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string number(std::optional<double> value, int decimals) {
    if (!value || !std::isfinite(*value))
        return "—";
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, *value);
    return buf;
}

std::string horizontalBarChart(const std::vector<std::string>& labels, const std::vector<Series>& stacked,
                               const BarChartOptions& o) {
    const double labelWidth = 170, top = 8, rowHeight = 20, right = 50;
    const double plotWidth = kWidth - labelWidth - right;
    std::vector<double> totals(labels.size(), 0);
    for (const Series& s : stacked)
        for (std::size_t i = 0; i < labels.size() && i < s.values.size(); ++i)
            totals[i] += s.values[i];
    double largest = totals.empty() ? 0 : *std::max_element(totals.begin(), totals.end());
    if (o.referenceLine)
        largest = std::max(largest, *o.referenceLine);
    const double max = o.maxValue.value_or(niceMax(largest));
    const double plotHeight = rowHeight * static_cast<double>(labels.size());
    const double height = top + plotHeight + 38 + (stacked.size() > 1 ? 18 : 0);
    const auto x = [&](double v) { return labelWidth + plotWidth * std::clamp(v / max, 0.0, 1.0); };

    std::string svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                      fmt(kWidth) + " " + fmt(height) + "\" role=\"img\">";
    const int ticks = tickCount(max);
    for (int t = 0; t <= ticks; ++t) {
        const double v = max * t / ticks;
        svg += line(x(v), top, x(v), top + plotHeight, "stroke=\"#e2e8f0\"");
        svg += text(x(v), top + plotHeight + 14, number(v, max < 5 ? 1 : 0),
                    "font-size=\"10\" text-anchor=\"middle\" fill=\"#4a5568\"");
    }
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const double y = top + rowHeight * static_cast<double>(i);
        const bool bold = static_cast<int>(i) == o.highlightRow;
        svg +=
            text(labelWidth - 6, y + 14, labels[i],
                 std::string("font-size=\"11\" text-anchor=\"end\"") + (bold ? " font-weight=\"bold\"" : ""));
        double start = 0;
        for (const Series& s : stacked) {
            const double v = i < s.values.size() ? s.values[i] : 0;
            const std::string& colour = i < o.rowColours.size() ? o.rowColours[i] : s.colour;
            svg += rect(x(start), y + 3, x(start + v) - x(start), rowHeight - 6, colour,
                        labels[i] + " " + s.label + ": " + number(v, o.decimals));
            start += v;
        }
        svg += text(x(start) + 4, y + 14, number(totals[i], o.decimals),
                    std::string("font-size=\"10\" fill=\"#2d3748\"") + (bold ? " font-weight=\"bold\"" : ""));
    }
    if (o.referenceLine) {
        svg += line(x(*o.referenceLine), top - 4, x(*o.referenceLine), top + plotHeight,
                    "stroke=\"#2d3748\" stroke-dasharray=\"5 3\" stroke-width=\"1.5\"");
        svg += text(x(*o.referenceLine) + 3, top + 6, o.referenceLabel, "font-size=\"10\" fill=\"#2d3748\"");
    }
    svg += text(labelWidth + plotWidth / 2, top + plotHeight + 30, o.axisTitle,
                "font-size=\"11\" text-anchor=\"middle\" fill=\"#4a5568\"");
    if (stacked.size() > 1)
        svg += legend(stacked, height - 4);
    return svg + "</svg>";
}

std::string columnChart(const std::vector<std::string>& labels, const std::vector<Series>& bars,
                        const std::vector<Series>& lines, const std::string& axisTitle) {
    const double left = 50, top = 10, plotHeight = 200, right = 10;
    const double plotWidth = kWidth - left - right;
    double largest = 0;
    for (const auto* group : {&bars, &lines})
        for (const Series& s : *group)
            for (const double v : s.values)
                largest = std::max(largest, v);
    const double max = niceMax(largest);
    const double height = top + plotHeight + 60;
    const double slot = labels.empty() ? plotWidth : plotWidth / static_cast<double>(labels.size());
    const auto y = [&](double v) { return top + plotHeight * (1 - std::clamp(v / max, 0.0, 1.0)); };

    std::string svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                      fmt(kWidth) + " " + fmt(height) + "\" role=\"img\">";
    const int ticks = tickCount(max);
    for (int t = 0; t <= ticks; ++t) {
        const double v = max * t / ticks;
        svg += line(left, y(v), left + plotWidth, y(v), "stroke=\"#e2e8f0\"");
        svg += text(left - 6, y(v) + 4, number(v, max < 5 ? 1 : 0),
                    "font-size=\"10\" text-anchor=\"end\" fill=\"#4a5568\"");
    }
    svg += text(12, top + plotHeight / 2, axisTitle,
                "font-size=\"11\" fill=\"#4a5568\" text-anchor=\"middle\" transform=\"rotate(-90 12 " +
                    fmt(top + plotHeight / 2) + ")\"");
    const double barWidth = bars.empty() ? 0 : slot * 0.7 / static_cast<double>(bars.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const double x0 = left + slot * static_cast<double>(i);
        for (std::size_t b = 0; b < bars.size(); ++b) {
            const double v = i < bars[b].values.size() ? bars[b].values[i] : 0;
            svg += rect(x0 + slot * 0.15 + barWidth * static_cast<double>(b), y(v), barWidth, y(0) - y(v),
                        bars[b].colour, labels[i] + " " + bars[b].label + ": " + number(v));
        }
        svg += text(x0 + slot / 2, top + plotHeight + 14, labels[i],
                    "font-size=\"10\" text-anchor=\"middle\" fill=\"#4a5568\"");
    }
    for (const Series& s : lines) {
        std::string points;
        for (std::size_t i = 0; i < s.values.size() && i < labels.size(); ++i)
            points += fmt(left + slot * (static_cast<double>(i) + 0.5)) + "," + fmt(y(s.values[i])) + " ";
        svg += "<polyline fill=\"none\" stroke=\"" + s.colour + "\" stroke-width=\"2.5\" points=\"" + points +
               "\"><title>" + escape(s.label) + "</title></polyline>";
    }
    std::vector<Series> all = bars;
    svg += legend(all, height - 22);
    svg += "<g transform=\"translate(0 18)\">" + legend(lines, height - 22, true) + "</g>";
    return svg + "</svg>";
}

} // namespace firebeat::report_detail
