// A subcommand built from a job's declaration (firebeat/job.h): --input SOURCE (or SOURCE), the
// data-source options (--map, --gcj02, --crs, --repair-geometries), --<layer>-layer NAME for each
// input layer, an option for each of the job's options, one for each output, --json and --quiet.
// What the user gives becomes the job's JobParameters and JobSource: a subcommand file only
// prints the job's summary.
#pragma once

#include "firebeat/job.h"

#include <QCommandLineParser>
#include <QMap>

namespace firebeat::cli {

class JobCommand {
  public:
    explicit JobCommand(const JobSpec& spec);

    // To add options of the command line's own before parse().
    QCommandLineParser& parser() { return parser_; }
    // --alias NAME for --<inputKey>-layer NAME ("--layer" where the input may be any layer).
    void addLayerAlias(const QString& alias, std::string_view inputKey);
    // Parses `arguments` (exits 2 with the parser's message on a mistake, 0 after --help).
    void parse(const QStringList& arguments);

    // The options and outputs given; throws InputError naming the option for a bad value.
    JobParameters parameters() const;
    // Where to read: --input or the one positional SOURCE, with the layer names and the mapping.
    // Throws InputError when no source is given or a layer is named twice differently.
    JobSource source() const;

    bool json() const { return parser_.isSet(QStringLiteral("json")); }
    // No progress bar: asked for, or the output is JSON.
    bool quiet() const { return json() || parser_.isSet(QStringLiteral("quiet")); }

    const JobSpec& spec() const { return spec_; }

  private:
    const JobSpec& spec_;
    QCommandLineParser parser_;
    QMap<QString, QString> aliases_; // alias -> the layer option it stands for
};

// The reader's left-out features and the analysis's problems of a job's run, on stderr.
void printProblems(const AnalysisRun& run);

// "--villages-layer" for the input key "villages".
QString layerOptionName(const InputLayer& input);

} // namespace firebeat::cli
