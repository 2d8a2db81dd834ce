// The hot-spot job as both front ends run it (`firebeat hotspots`, firebeat:hotspots): the
// data-model workflow (hazards counted or as rates per village or hexagon) and, with a value
// field, any polygon or point layer's own numeric field (only that layer read, every field kept).
#pragma once

#include "firebeat/hotspots.h"
#include "firebeat/job.h"

#include <string>
#include <vector>

namespace firebeat {

const JobSpec& hotspotsJobSpec();

struct HotspotsJobResult : AnalysisRun {
    std::string outputLayer; // "village_hotspots", or "<layer>_hotspots" for a layer's own field
    std::string crs;         // the analysis CRS, the output's
    std::size_t features = 0;
    int hot = 0, cold = 0; // Gi* bins at 90 % or more
    std::string valueDescription;
    std::string weights;
    std::vector<std::string> notes;
};

// Checks the options (a value field excludes the hazard filters and rates; weights on points must
// be distance or knn), reads only the layers the chosen workflow needs, analyses and writes the
// GeoPackage (nothing half-written). Throws InputError naming the option, layer, field or feature.
HotspotsJobResult runHotspotsJob(const JobSource& source, const JobParameters& parameters,
                                 Progress* progress = nullptr);

} // namespace firebeat
