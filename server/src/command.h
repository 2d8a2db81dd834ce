// The subcommands of `firebeat` and what they share: data-source options and exit codes.
#pragma once

#include "firebeat/reader.h"

#include <QCommandLineParser>
#include <QStringList>

#include <functional>
#include <span>

namespace firebeat::cli {

enum ExitCode { kOk = 0, kFailed = 1, kBadInput = 2 };

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const QStringList& arguments); // arguments[0] is "firebeat <name>"
};

std::span<const Command> commands();

int runValidate(const QStringList& arguments);
int runInputs(const QStringList& arguments);
int runSample(const QStringList& arguments);
int runHeatmap(const QStringList& arguments);
int runHotspots(const QStringList& arguments);
int runEmerging(const QStringList& arguments);
int runCoverage(const QStringList& arguments);
int runSizing(const QStringList& arguments);
int runDistricts(const QStringList& arguments);
int runServe(const QStringList& arguments);
int runReport(const QStringList& arguments);

// --map, --gcj02, --crs, --repair-geometries: how to read a source (see ReadOptions).
void addSourceOptions(QCommandLineParser& parser);
ReadOptions readOptionsFrom(const QCommandLineParser& parser);

// Parses `arguments` (exits 2 with the parser's message on a mistake, 0 for --help).
void parseOrExit(QCommandLineParser& parser, const QStringList& arguments, const QString& description);

// Runs `body` turning errors into messages on stderr and exit codes: InputError -> 2,
// Cancelled and other failures -> 1.
int guarded(const std::function<int()>& body);

std::string toStd(const QString& s);

} // namespace firebeat::cli
