// What an analysis job declares about itself, once: the layers and fields it reads, the options
// it takes (type, default, help), the outputs it writes. Both front ends build their parameters
// from this declaration (the command line its --options, the QGIS plugin its Processing
// parameters), the reader reads only the declared layers and fields, and docs/inputs.md (the
// minimum-inputs table) is generated from it. A front end never restates a default or a rule.
//
// Option values reach a job as text in JobParameters, whatever the front end: the job parses
// them with the getters below, which throw InputError naming the option and what was expected.
#pragma once

#include "firebeat/model.h"
#include "firebeat/reader.h"
#include "firebeat/schema.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace firebeat {

// A field an analysis reads from one of its input layers.
struct InputField {
    std::string key{}; // the data model's name ("severity"); the default field name in the layer
    FieldType type = FieldType::Text;
    bool required = false;
    std::string help{};      // what the analysis uses it for
    std::string withoutIt{}; // optional fields: what is lost when the layer lacks it
};

// A layer an analysis reads. In QGIS it is a feature-source parameter named key in upper case
// (VILLAGES), each field a field parameter bound to it (VILLAGES_ID_FIELD ...); on the command line
// a layer of --input named by --<key>-layer, its fields mapped with --map <key>.<field>=NAME.
struct InputLayer {
    std::string key{};               // "villages", "hazards", "events", ...
    std::optional<LayerKind> kind{}; // the data-model layer it defaults to, if any
    GeometryKind geometry = GeometryKind::None;
    bool required = true;
    std::string help{};
    std::string withoutIt{}; // optional layers: what is lost without it
    std::vector<InputField> fields{};
    bool pointsToo = false; // polygons, or points (a layer's own field analysed at points)
};

// The key of a data-model layer as a job input: "districts", "villages", "units", "inspections",
// "hazards", "stations", "officers" (--districts-layer, DISTRICTS).
std::string_view inputKey(LayerKind kind);

// A data-model layer as an input, with every field of the model (required as the model says);
// `fieldsLost` tells, for optional fields, what the analysis loses without them.
InputLayer modelInput(LayerKind kind, bool required, std::string help, std::string withoutIt = {},
                      const std::map<std::string, std::string>& fieldsLost = {});

enum class OptionType {
    Flag,    // "true" / "false"
    Integer, // within [minimum, maximum]
    Real,    // within [minimum, maximum]
    Text,
    Choice, // one of choices
    Date,   // ISO 8601 date or date-time (a date alone: see parseDateOption)
    Field,  // a field name of the input layer named by `layer`
    List,   // comma-separated text values (with choices: a subset of them)
    File,   // the path of a file to read (its extension in `extension`)
    Extent, // "xmin,ymin,xmax,ymax", optionally followed by " [CRS]" (else in the analysis CRS)
};

struct OptionSpec {
    std::string key{}; // "permutations": --permutations on the command line, PERMUTATIONS in QGIS
    OptionType type = OptionType::Text;
    std::string help{};
    std::string defaultValue{};         // as text; empty: no default (the option is optional)
    std::vector<std::string> choices{}; // Choice: the accepted values, in the order QGIS lists them
    std::optional<double> minimum{}, maximum{};
    bool advanced = false;   // QGIS: among the advanced parameters
    std::string layer{};     // Field: the InputLayer key the field belongs to
    std::string extension{}; // File: the file type expected ("json")
};

// Vector and Table outputs of one layer are feature sinks in QGIS; the others are files.
enum class OutputKind { Vector, Table, Raster, Html, File };

struct OutputSpec {
    std::string key{}; // "output": --output on the command line, OUTPUT in QGIS
    OutputKind kind = OutputKind::Vector;
    std::string help{};
    std::vector<std::string> layers{};  // the layers written into it ("village_hotspots", ...)
    std::vector<std::string> formats{}; // file extensions accepted, first the default ("gpkg", "csv")
    bool optional = false;
    // Written next to the layer into the same GeoPackage (metadata, audit tables). A QGIS feature
    // sink holds one layer, so the plugin loads these from the job's file when they were written.
    std::vector<std::string> extraLayers{};
};

struct JobSpec {
    std::string name{};  // "hotspots": `firebeat hotspots`, `firebeat:hotspots`
    std::string title{}; // "Village hot spots"
    std::string help{};  // the long help: --help and QGIS's shortHelpString
    std::vector<InputLayer> inputs{};
    std::vector<OptionSpec> options{};
    std::vector<OutputSpec> outputs{};

    const OptionSpec* option(std::string_view key) const;
    const InputLayer* input(std::string_view key) const;
    const OutputSpec* output(std::string_view key) const;
};

// Option values by key, as text, from any front end. Getters check them against the spec's
// declaration (type, range, choices), fall back to its default and throw InputError naming the
// option ("permutations: expected an integer >= 0, got \"x\"").
class JobParameters {
  public:
    explicit JobParameters(const JobSpec& spec) : spec_(&spec) {}

    void set(const std::string& key, std::string value); // an undeclared key is a logic error
    // Given by the user, or with a default.
    bool has(std::string_view key) const;
    bool given(std::string_view key) const { return values_.count(std::string(key)) != 0; }

    std::string text(std::string_view key) const;
    bool flag(std::string_view key) const;
    long long integer(std::string_view key) const;
    double real(std::string_view key) const;
    std::optional<double> optionalReal(std::string_view key) const;
    std::optional<long long> optionalInteger(std::string_view key) const;
    std::vector<std::string> list(std::string_view key) const;
    // The index of the value among the option's choices.
    std::size_t choice(std::string_view key) const;
    // A date alone means the end of that day (23:59:59 China Standard Time), as a
    // reference date or a window's end is meant; a date-time is taken as given.
    std::optional<Timestamp> date(std::string_view key, bool endOfDay = true) const;

    // Output paths by the spec's output key. output() throws InputError naming the output
    // when a required one is missing; an optional one missing gives "".
    void setOutput(const std::string& key, std::string path); // an undeclared key is a logic error
    std::string output(std::string_view key) const;

    const JobSpec& spec() const { return *spec_; }

  private:
    const OptionSpec& declared(std::string_view key) const;
    std::optional<std::string> raw(std::string_view key) const;

    const JobSpec* spec_;
    std::map<std::string, std::string> values_;
    std::map<std::string, std::string> outputs_;
};

// Where a job reads its layers, as a front end found them: a data source any reader opens by
// name (a file, PG:"...", or a MemorySource's path for QGIS features) and how to read it
// (layer and field names, analysis CRS, GCJ-02, repair). The job chooses which layers to read.
struct JobSource {
    std::string name{};
    ReadOptions read{};
    std::string description{}; // for summaries and report headers; empty: the name
    // Inputs outside the data model (no LayerKind) given by name: input key -> layer name.
    std::map<std::string, std::string> namedLayers{};
};

// The value of a Choice option, checked against its declared choices (InputError otherwise).
inline const std::string& choiceText(const JobParameters& parameters, std::string_view key) {
    return parameters.spec().option(key)->choices[parameters.choice(key)];
}

// What a job's run read and met, for the front end to show; a job's result derives from it.
struct AnalysisRun {
    ReadResult read{}; // the records and the reader's problems (features left out)
    Report problems{}; // what the analysis met (not fatal)
    std::string output{};
};

// The layers of the spec's inputs that belong to the data model, set as the layers to read, the
// optional inputs as optional layers.
void selectInputLayers(const JobSpec& spec, ReadOptions& read);

// Gives the layer of `input` its own name in the source (the command line's --villages-layer).
// Throws InputError naming `parameter` when the mapping already names that layer differently.
void nameInputLayer(const InputLayer& input, const std::string& name, const std::string& parameter,
                    SourceMapping& mapping);

// The reader's problems that leave the layers unusable (a missing layer or field, a field of the
// wrong type, a layer without CRS): throws InputError with the report. Other problems only cost
// the features they concern and are left to the caller to show.
void throwIfUnusable(const Report& report);

} // namespace firebeat
