#include "analysis_options.h"

#include "command.h"

#include "firebeat/job.h"

#include <cmath>
#include <cstdio>

namespace firebeat::cli {

double numberOption(const QCommandLineParser& p, const char* option, double min, bool inclusive) {
    bool ok = false;
    const double v = p.value(option).toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < min || (!inclusive && v == min))
        throw InputError(std::string("--") + option + ": expected a number " + (inclusive ? ">= " : "> ") +
                         toStd(QString::number(min)) + ", got '" + toStd(p.value(option)) + "'");
    return v;
}

Timestamp dateOption(const QCommandLineParser& p, const char* option) {
    const auto t = parseTimestamp(toStd(p.value(option)));
    if (!t)
        throw InputError(std::string("--") + option +
                         ": expected an ISO 8601 date such as 2026-03-01, got '" + toStd(p.value(option)) +
                         "'");
    return *t;
}

void addHazardFilterOptions(QCommandLineParser& p) {
    p.addOptions({
        {"from", "Only hazards found on or after this date.", "DATE"},
        {"to", "Only hazards found before this date.", "DATE"},
        {"open-only", "Only hazards still open (at --to when given)."},
        {"categories", "Only these hazard categories (codes, e.g. EBIKE,ELECTRICAL).", "A,B"},
        {"min-severity", "Only hazards of at least this severity (1-3).", "N"},
        {"source", "Only hazards from inspection or hotline_96119.", "S"},
    });
}

HazardFilter hazardFilterFrom(const QCommandLineParser& p) {
    HazardFilter f;
    if (p.isSet("from"))
        f.from = dateOption(p, "from");
    if (p.isSet("to"))
        f.to = dateOption(p, "to");
    if (f.from && f.to && *f.from >= *f.to)
        throw InputError("--from must be before --to");
    if (p.isSet("open-only"))
        f.status = HazardFilter::Status::Open;
    for (const QString& c : p.value("categories").split(',', Qt::SkipEmptyParts)) {
        const auto category = parseHazardCategory(toStd(c.trimmed()));
        if (!category)
            throw InputError("--categories: unknown hazard category '" + toStd(c) +
                             "' (expected codes such as EVAC_BLOCKED, FIRE_LANE, ELECTRICAL, EBIKE)");
        f.categories.insert(*category);
    }
    if (p.isSet("min-severity")) {
        const double s = numberOption(p, "min-severity", 1, true);
        if (s > 3 || s != std::floor(s))
            throw InputError("--min-severity: expected 1, 2 or 3");
        f.minSeverity = static_cast<int>(s);
    }
    if (p.isSet("source")) {
        f.source = parseHazardSource(toStd(p.value("source")));
        if (!f.source)
            throw InputError("--source: expected inspection or hotline_96119");
    }
    return f;
}

void requireUsableLayers(const ReadResult& read) {
    throwIfUnusable(read.report);
    if (read.report.hasErrors())
        std::fprintf(stderr, "firebeat: %zu feature(s) left out for bad values:\n%s",
                     read.report.count(Severity::Error), read.report.toText().c_str());
}

} // namespace firebeat::cli
