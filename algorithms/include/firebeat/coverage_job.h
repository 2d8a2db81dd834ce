// The coverage-gap and district-sizing jobs as both front ends run them (`firebeat coverage`,
// `firebeat sizing`, firebeat:coveragegaps, firebeat:districtsizing): what they read, their
// options and defaults, the checks with the messages users see, the run and the writer.
#pragma once

#include "firebeat/coverage.h"
#include "firebeat/html_report.h"
#include "firebeat/job.h"
#include "firebeat/sizing.h"

#include <functional>

namespace firebeat {

const JobSpec& coverageJobSpec();
const JobSpec& sizingJobSpec();
// The coverage report (`firebeat report`): the coverage job's inputs and options, a district to
// report on, one HTML file.
const JobSpec& reportJobSpec();

// The options of either job (reference date, window, norms); throws InputError naming the option.
// No reference date: now.
CoverageParameters coverageParametersFrom(const JobParameters& parameters);
// coverageParametersFrom() plus the headcount and minimum of sizingJobSpec().
SizingParameters sizingParametersFrom(const JobParameters& parameters);

struct CoverageJobResult : AnalysisRun {
    CoverageResult result;
};
struct SizingJobResult : AnalysisRun {
    SizingResult result;
};
struct ReportJobResult : AnalysisRun {
    HtmlReportData report;
};

// Draws the report's maps from the records read (the command line draws them with the server's
// map layers; the core has no renderer). Empty: a report without maps.
using ReportMapPainter = std::function<std::vector<ReportImage>(const Dataset&, const HtmlReportData&)>;

// Checks the options, reads the layers the job declares (the optional ones may be missing),
// stops with InputError when a layer it needs is unusable, runs the analysis and writes the
// output (nothing is written when anything fails). Cancelled when cancelled. The coverage job
// also writes the HTML report (without maps) when its optional output `report` is given.
CoverageJobResult runCoverageJob(const JobSource& source, const JobParameters& parameters,
                                 Progress* progress = nullptr);
ReportJobResult runReportJob(const JobSource& source, const JobParameters& parameters,
                             const ReportMapPainter& maps = {}, Progress* progress = nullptr);
SizingJobResult runSizingJob(const JobSource& source, const JobParameters& parameters,
                             Progress* progress = nullptr);

} // namespace firebeat
