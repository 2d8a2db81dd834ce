// What the coverage-based commands (coverage, sizing, report) read from their command lines.
#pragma once

#include "terminal_progress.h"

#include "firebeat/coverage.h"
#include "firebeat/reader.h"

#include <QCommandLineParser>

namespace firebeat::cli {

// --reference-date (a date alone: the end of that day; default now), --window-days, --norms.
CoverageParameters coverageParametersFrom(const QCommandLineParser& p);
// --input read with the coverage analysis's optional layers; --input and --output required.
ReadResult readCoverageInput(const QCommandLineParser& p, Progress& progress);

} // namespace firebeat::cli
