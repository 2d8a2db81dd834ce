#include "firebeat/coverage_job.h"

#include "firebeat/coverage_writer.h"

#include <ctime>

namespace firebeat {
namespace {

// The layers coverage and sizing read, with what each optional one brings.
std::vector<InputLayer> coverageInputs() {
    return {
        modelInput(
            LayerKind::PoliceDistricts, true, "Police-station districts (polygons)", "",
            {{"officers", "officers are counted in the officers layer (records with the district's id)"},
             {"kind", "every district is taken as urban (staffing norm of 500 units per officer)"}}),
        modelInput(LayerKind::Units, true, "Units to inspect (points)", "",
                   {{"district_id", "the district is found from the unit's position"},
                    {"inspect_every_days", "the interval of the unit's category in the norms applies"}}),
        modelInput(LayerKind::Inspections, true, "Inspections (points)", "",
                   {{"officer_id", "no officer workload (visits per officer)"}}),
        modelInput(
            LayerKind::Hazards, false, "Hazards (points)",
            "no hazard counts, open or overdue hazards, days to rectify or re-inspection workload",
            {{"deadline", "no overdue rectifications"},
             {"rectified_at", "every hazard counts as open"},
             {"inspection_id", "hazards are not credited to the officer whose inspection found them"}}),
        modelInput(LayerKind::Villages, false, "Villages (polygons)", "no blind-spot villages",
                   {{"district_id", "the district is found from the village's position"},
                    {"population", "blind spots without their population"}}),
        modelInput(LayerKind::FireStations, false, "Fire stations (points)",
                   "no fire-station reach (units and area in reach)", {}),
        modelInput(
            LayerKind::Officers, false, "Officers (table)",
            "officers per district only from the districts' officers field; the workload lists only the "
            "officers seen in inspections",
            {}),
    };
}

std::vector<OptionSpec> coverageOptions() {
    return {
        {.key = "reference-date",
         .type = OptionType::Date,
         .help = "End of the reporting window; a date alone means the end of that day (default: now)."},
        {.key = "window-days",
         .type = OptionType::Integer,
         .help = "Length of the reporting window in days.",
         .defaultValue = "365",
         .minimum = 1,
         .maximum = 36500},
        {.key = "norms",
         .type = OptionType::File,
         .help = "Inspection norms (JSON, see sample-layers/norms.json; default: the built-in norms).",
         .advanced = true,
         .extension = "json"},
    };
}

JobSpec makeCoverageSpec() {
    JobSpec s;
    s.name = "coverage";
    s.title = "Coverage gaps by police-station district";
    s.help =
        "Finds the inspection coverage gaps of each police-station district in the reporting window "
        "(reference date - window days, reference date]: units inspected / units (coverage %), overdue and "
        "never-inspected units (each unit's inspection interval from the norms), open and overdue hazards, "
        "units per officer against the staffing norm, blind-spot villages (units but no inspection) and the "
        "share of units and area within fire-station reach.\n\n"
        "gap_score (0-100, larger = bigger gap) is a weighted sum of these shortfalls; gap_rank 1 is the "
        "largest gap.\n\n"
        "Writes a GeoPackage with the layers district_coverage, overdue_units, blind_spots, unreached_units "
        "and officer_workload.";
    s.inputs = coverageInputs();
    s.options = coverageOptions();
    s.outputs = {{.key = "output",
                  .kind = OutputKind::Vector,
                  .help = "Coverage gaps (GeoPackage)",
                  .layers = {"district_coverage", "overdue_units", "blind_spots", "unreached_units",
                             "officer_workload"},
                  .formats = {"gpkg"}},
                 {.key = "report",
                  .kind = OutputKind::Html,
                  .help = "Coverage report (HTML, for the whole city; without maps)",
                  .formats = {"html"},
                  .optional = true}};
    return s;
}

JobSpec makeReportSpec() {
    JobSpec s;
    s.name = "report";
    s.title = "Coverage report";
    s.help =
        "The coverage report as one self-contained HTML file (Chinese and English, printable to A4): key "
        "figures, maps, district ranking by gap score, task completion per officer, monthly hazard trend, "
        "open hazards by category and severity. The numbers are those of the coverage analysis for the same "
        "data, reference date and window.";
    s.inputs = coverageInputs();
    s.options = coverageOptions();
    s.options.push_back(
        {.key = "district",
         .type = OptionType::Text,
         .help = "Report on this police district (its district_id; default: the whole city)."});
    s.outputs = {{.key = "output", .kind = OutputKind::Html, .help = "Report (HTML)", .formats = {"html"}}};
    return s;
}

JobSpec makeSizingSpec() {
    JobSpec s;
    s.name = "sizing";
    s.title = "District sizing";
    s.help =
        "Estimates the staff each police-station district needs for its fire inspections: annual workload "
        "hours = planned visits x minutes a visit (by unit category, from the norms) + re-inspections "
        "(visits x hazard rate x re-inspection share) + travel (a tour estimate from the area); required "
        "staff = workload / capacity hours per person; surplus or deficit against the officers listed. With "
        "a headcount, it is allocated across districts in proportion to workload (largest remainder, at "
        "least the minimum each).\n\n"
        "Writes the layer district_sizing (GeoPackage, or CSV with WKT geometry).";
    s.inputs = coverageInputs();
    s.options = coverageOptions();
    s.options.push_back({.key = "headcount",
                         .type = OptionType::Integer,
                         .help = "Total staff to allocate across districts (largest remainder; empty: none).",
                         .minimum = 0});
    s.options.push_back({.key = "minimum",
                         .type = OptionType::Integer,
                         .help = "Minimum staff per district in the allocation.",
                         .defaultValue = "1",
                         .minimum = 0,
                         .advanced = true});
    s.outputs = {{.key = "output",
                  .kind = OutputKind::Vector,
                  .help = "District sizing",
                  .layers = {"district_sizing"},
                  .formats = {"gpkg", "csv"}}};
    return s;
}

// Reads what the job declares; the analysis reports what it meets itself.
ReadResult readInputs(const JobSpec& spec, const JobSource& source, Progress* progress) {
    ReadOptions options = source.read;
    selectInputLayers(spec, options);
    options.checkConsistency = false;
    ReadResult read = readDataset(source.name, options, progress);
    if (!source.description.empty())
        read.report.source = source.description;
    throwIfUnusable(read.report);
    return read;
}

} // namespace

const JobSpec& coverageJobSpec() {
    static const JobSpec spec = makeCoverageSpec();
    return spec;
}

const JobSpec& sizingJobSpec() {
    static const JobSpec spec = makeSizingSpec();
    return spec;
}

const JobSpec& reportJobSpec() {
    static const JobSpec spec = makeReportSpec();
    return spec;
}

CoverageParameters coverageParametersFrom(const JobParameters& p) {
    CoverageParameters c;
    c.referenceDate = p.date("reference-date").value_or(static_cast<Timestamp>(std::time(nullptr)));
    c.windowDays = static_cast<int>(p.integer("window-days"));
    if (p.has("norms"))
        c.norms = loadNorms(p.text("norms"));
    return c;
}

SizingParameters sizingParametersFrom(const JobParameters& p) {
    SizingParameters s;
    s.coverage = coverageParametersFrom(p);
    if (const auto headcount = p.optionalInteger("headcount"))
        s.headcount = static_cast<int>(*headcount);
    s.minimumPerDistrict = static_cast<int>(p.integer("minimum"));
    return s;
}

CoverageJobResult runCoverageJob(const JobSource& source, const JobParameters& parameters,
                                 Progress* progress) {
    CoverageJobResult out;
    out.output = parameters.output("output");
    const CoverageParameters coverage = coverageParametersFrom(parameters);
    ProgressSlice reading(progress, 0, 0.4), analysing(progress, 0.4, 1);
    out.read = readInputs(coverageJobSpec(), source, &reading);
    out.result = computeCoverage(out.read.data, coverage, out.problems, &analysing);
    const std::string report = parameters.output("report");
    std::string html;
    if (!report.empty()) // rendered before anything is written: an error leaves no output
        html = renderHtmlReport(completeHtmlReport(out.read.data, {.coverage = coverage}, out.result));
    writeCoverageGpkg(out.result, out.output, out.read.data.crs);
    if (!report.empty())
        writeHtmlReport(html, report);
    return out;
}

ReportJobResult runReportJob(const JobSource& source, const JobParameters& parameters,
                             const ReportMapPainter& maps, Progress* progress) {
    ReportJobResult out;
    out.output = parameters.output("output");
    const HtmlReportParameters report{.coverage = coverageParametersFrom(parameters),
                                      .districtId = parameters.text("district")};
    ProgressSlice reading(progress, 0, 0.4), analysing(progress, 0.4, 1);
    out.read = readInputs(reportJobSpec(), source, &reading);
    out.report = computeHtmlReport(out.read.data, report, out.problems, &analysing);
    if (maps)
        out.report.maps = maps(out.read.data, out.report);
    writeHtmlReport(renderHtmlReport(out.report), out.output);
    return out;
}

SizingJobResult runSizingJob(const JobSource& source, const JobParameters& parameters, Progress* progress) {
    SizingJobResult out;
    out.output = parameters.output("output");
    const SizingParameters sizing = sizingParametersFrom(parameters);
    ProgressSlice reading(progress, 0, 0.4), analysing(progress, 0.4, 1);
    out.read = readInputs(sizingJobSpec(), source, &reading);
    out.result = computeSizing(out.read.data, sizing, out.problems, &analysing);
    writeSizing(out.result, out.output, out.read.data.crs);
    return out;
}

} // namespace firebeat
