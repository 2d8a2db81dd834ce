// What `firebeat serve` checks on its command line; the analyses' options are their jobs'
// declarations (job_command.h).
#pragma once

#include "firebeat/reader.h"

#include <QCommandLineParser>

namespace firebeat::cli {

// A number above `min` (or equal to it when `inclusive`); InputError naming the option otherwise.
double numberOption(const QCommandLineParser& p, const char* option, double min, bool inclusive = false);

// Prints the reader's problems to stderr as what was left out; throws InputError (with the
// report) for problems that make the layers unusable (missing layer or field, wrong type, no CRS).
void requireUsableLayers(const ReadResult& read);

} // namespace firebeat::cli
