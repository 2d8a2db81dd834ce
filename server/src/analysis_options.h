// Command-line options shared by the analyses: numbers, dates and the hazard filters.
#pragma once

#include "firebeat/filters.h"
#include "firebeat/reader.h"

#include <QCommandLineParser>

namespace firebeat::cli {

// A number above `min` (or equal to it when `inclusive`); InputError naming the option otherwise.
double numberOption(const QCommandLineParser& p, const char* option, double min, bool inclusive = false);
Timestamp dateOption(const QCommandLineParser& p, const char* option);

// --from, --to, --open-only, --categories, --min-severity, --source.
void addHazardFilterOptions(QCommandLineParser& parser);
HazardFilter hazardFilterFrom(const QCommandLineParser& parser);

// Prints the reader's problems to stderr as what was left out; throws InputError (with the
// report) for problems that make the layers unusable (missing layer or field, wrong type, no CRS).
void requireUsableLayers(const ReadResult& read);

} // namespace firebeat::cli
