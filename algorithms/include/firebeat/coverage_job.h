// The coverage-gap and district-sizing jobs as both front ends run them (`firebeat coverage`,
// `firebeat sizing`, firebeat:coveragegaps, firebeat:districtsizing): what they read, their
// options and defaults, the checks with the messages users see, the run and the writer.
#pragma once

#include "firebeat/coverage.h"
#include "firebeat/job.h"
#include "firebeat/sizing.h"

namespace firebeat {

const JobSpec& coverageJobSpec();
const JobSpec& sizingJobSpec();

// The options of either job (reference date, window, norms); throws InputError naming the option.
// No reference date: now.
CoverageParameters coverageParametersFrom(const JobParameters& parameters);
// coverageParametersFrom() plus the headcount and minimum of sizingJobSpec().
SizingParameters sizingParametersFrom(const JobParameters& parameters);

// What a run read and met, for the front end to show.
struct AnalysisRun {
    ReadResult read;  // the records and the reader's problems (features left out)
    Report problems;  // what the analysis met (not fatal)
    std::string output;
};

struct CoverageJobResult : AnalysisRun {
    CoverageResult result;
};
struct SizingJobResult : AnalysisRun {
    SizingResult result;
};

// Checks the options, reads the layers the job declares (the optional ones may be missing),
// stops with InputError when a layer it needs is unusable, runs the analysis and writes the
// output (nothing is written when anything fails). Cancelled when cancelled.
CoverageJobResult runCoverageJob(const JobSource& source, const JobParameters& parameters,
                                 Progress* progress = nullptr);
SizingJobResult runSizingJob(const JobSource& source, const JobParameters& parameters,
                             Progress* progress = nullptr);

} // namespace firebeat
