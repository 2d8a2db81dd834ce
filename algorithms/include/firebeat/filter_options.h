// The hazard filters as job options, declared once for every job that filters hazards: on the
// command line --from, --to, --open-only, --categories, --min-severity, --source; in QGIS FROM,
// TO, OPEN_ONLY, CATEGORIES, MIN_SEVERITY, SOURCE.
#pragma once

#include "firebeat/filters.h"
#include "firebeat/job.h"

#include <vector>

namespace firebeat {

std::vector<OptionSpec> hazardFilterOptions();

// Throws InputError naming the option (an unknown category, --from not before --to, ...).
HazardFilter hazardFilterFrom(const JobParameters& parameters);

} // namespace firebeat
