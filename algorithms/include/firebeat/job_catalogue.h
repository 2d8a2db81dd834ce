// Every job's declaration in one list, and the minimum-inputs table (docs/inputs.md) generated
// from them: analysis -> layers -> required fields -> optional fields -> what is lost without them.
#pragma once

#include "firebeat/job.h"

#include <string>
#include <vector>

namespace firebeat {

// The jobs both front ends offer, in the order the docs list them. A new job adds itself here.
std::vector<const JobSpec*> jobCatalogue();

// The table as Markdown (docs/inputs.md is this text; a test keeps them equal).
std::string inputsMarkdown(const std::vector<const JobSpec*>& jobs);

} // namespace firebeat
