// The validation job as both front ends run it (`firebeat validate`, firebeat:validatelayers):
// every layer of the data model read and checked, the report written if asked for.
#pragma once

#include "firebeat/job.h"

namespace firebeat {

const JobSpec& validateJobSpec();

// Reads every layer of the data model (a layer not in the source is reported missing) with the
// cross-layer checks, and writes the JSON report to the output when one is given. Throws
// InputError when the source cannot be opened, Cancelled when cancelled.
ReadResult runValidateJob(const JobSource& source, const JobParameters& parameters,
                          Progress* progress = nullptr);

} // namespace firebeat
