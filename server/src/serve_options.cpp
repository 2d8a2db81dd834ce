#include "serve_options.h"

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

void requireUsableLayers(const ReadResult& read) {
    throwIfUnusable(read.report);
    if (read.report.hasErrors())
        std::fprintf(stderr, "firebeat: %zu feature(s) left out for bad values:\n%s",
                     read.report.count(Severity::Error), read.report.toText().c_str());
}

} // namespace firebeat::cli
