#include "firebeat/validate_job.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace firebeat {
namespace {

JobSpec makeSpec() {
    JobSpec s;
    s.name = "validate";
    s.title = "Validate inspection layers";
    s.help =
        "Checks a FireBeat inspection data set (police districts, villages, units, inspections, hazards, "
        "fire "
        "stations, officers) against the data model and lists every problem with its layer, feature and "
        "field: missing layers or fields, wrong field types, null, empty or invalid geometries, unparseable "
        "dates, severities outside 1-3, unknown category codes, duplicate ids, references to unknown ids and "
        "points outside every police district. A layer not given is reported missing. Exit code of the "
        "command line: 0 clean, 1 problems found, 2 bad arguments.";
    // Optional for the user (validate what you have); every one missing is reported.
    for (LayerKind kind : kAllLayers)
        s.inputs.push_back(
            modelInput(kind, false, std::string(layerName(kind)), "reported as a missing layer"));
    s.outputs = {{.key = "output",
                  .kind = OutputKind::File,
                  .help = "Report (JSON)",
                  .formats = {"json"},
                  .optional = true}};
    return s;
}

} // namespace

const JobSpec& validateJobSpec() {
    static const JobSpec spec = makeSpec();
    return spec;
}

ReadResult runValidateJob(const JobSource& source, const JobParameters& parameters, Progress* progress) {
    const std::string output = parameters.output("output");
    ReadOptions options = source.read;
    selectInputLayers(validateJobSpec(), options);
    options.optionalLayers.clear(); // a data set lacking a layer of the model has a problem
    ReadResult read = readDataset(source.name, options, progress);
    if (!source.description.empty())
        read.report.source = source.description;
    if (!output.empty()) {
        const std::string temporary = output + ".part";
        {
            std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
            file << read.report.toJson();
            if (!file)
                throw InputError("output: cannot write " + output);
        }
        std::error_code error;
        std::filesystem::rename(temporary, output, error);
        if (error)
            throw InputError("output: cannot write " + output + ": " + error.message());
    }
    return read;
}

} // namespace firebeat
