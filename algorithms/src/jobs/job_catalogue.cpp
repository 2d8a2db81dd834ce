#include "firebeat/job_catalogue.h"

#include "firebeat/coverage_job.h"
#include "firebeat/districts.h"
#include "firebeat/emerging.h"
#include "firebeat/heatmap_job.h"
#include "firebeat/hotspots_job.h"
#include "firebeat/validate_job.h"

namespace firebeat {
namespace {

std::string fieldList(const InputLayer& layer, bool required) {
    std::string out;
    for (const InputField& f : layer.fields)
        if (f.required == required)
            out += (out.empty() ? "" : ", ") + ("`" + f.key + "`");
    return out.empty() ? "—" : out;
}

// What is lost without the layer, then without each optional field that says so.
std::string losses(const InputLayer& layer) {
    std::string out;
    if (!layer.required)
        out = "without the layer: " + (layer.withoutIt.empty() ? std::string("nothing") : layer.withoutIt);
    for (const InputField& f : layer.fields)
        if (!f.required && !f.withoutIt.empty())
            out += (out.empty() ? "" : "; ") + ("without `" + f.key + "`: " + f.withoutIt);
    return out.empty() ? "—" : out;
}

std::string geometryName(const InputLayer& layer) {
    switch (layer.geometry) {
    case GeometryKind::Point:
        return "points";
    case GeometryKind::Polygon:
        return layer.pointsToo ? "polygons or points" : "polygons";
    case GeometryKind::None:
        break;
    }
    return "table";
}

} // namespace

std::vector<const JobSpec*> jobCatalogue() {
    return {&validateJobSpec(), &heatmapJobSpec(), &hotspotsJobSpec(), &emergingJob(),
            &coverageJobSpec(), &sizingJobSpec(),  &reportJobSpec(),   &districtsJob()};
}

std::string inputsMarkdown(const std::vector<const JobSpec*>& jobs) {
    std::string out =
        "# Minimum inputs\n\n"
        "Generated from the jobs' declarations (`firebeat inputs --markdown > docs/inputs.md`; a test keeps "
        "this file equal to them). For each analysis: the layers it reads (on the command line "
        "`--<layer>-layer NAME` in `--input`, in QGIS a layer parameter), the fields it needs, the fields it "
        "can do without and what is lost without them. Fields are named as in the data model "
        "(`docs/data-model.md` or `algorithms/include/firebeat/schema.h`); map your own names with "
        "`--map layer.field=NAME` or the field parameters in QGIS.\n";
    for (const JobSpec* job : jobs) {
        out += "\n## " + job->title + " (`firebeat " + job->name + "`)\n\n";
        out += "| layer | required | required fields | optional fields | what is lost without them |\n";
        out += "|---|---|---|---|---|\n";
        for (const InputLayer& layer : job->inputs)
            out += "| `" + layer.key + "` (" + geometryName(layer) + ") | " +
                   (layer.required ? "yes" : "no") + " | " + fieldList(layer, true) + " | " +
                   fieldList(layer, false) + " | " + losses(layer) + " |\n";
    }
    return out;
}

} // namespace firebeat
