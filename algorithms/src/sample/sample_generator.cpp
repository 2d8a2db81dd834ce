// generateSample: the geography, then the scaled activity, then the optional GCJ-02 shift.
#include "firebeat/sample_generator.h"

#include "firebeat/gcj02.h"
#include "sample/sample_internal.h"

#include <cmath>

namespace firebeat {

Timestamp sampleWindowStart() {
    return makeTimestamp(2025, 12, 1);
}
Timestamp sampleWindowEnd() {
    return sampleWindowStart() + kSampleWindowDays * kSecondsPerDay;
}

Dataset generateSample(const SampleOptions& options, Progress* progress, SamplePlanted* planted) {
    // Beyond 1000 the data set (20 million inspections) no longer fits a sensible memory.
    if (!std::isfinite(options.scale) || options.scale <= 0 || options.scale > 1000)
        throw InputError("sample scale must be greater than 0 and at most 1000");
    detail::SampleGeography geo = detail::buildSampleGeography(options.seed, progress);
    detail::generateSampleActivity(geo, options, progress, 0.05);
    Dataset& data = geo.data;
    if (options.gcj02) {
        for (Unit& u : data.units)
            u.position = wgs84ToGcj02(u.position);
        for (Inspection& i : data.inspections)
            i.position = wgs84ToGcj02(i.position);
        for (Hazard& h : data.hazards)
            h.position = wgs84ToGcj02(h.position);
        for (FireStation& s : data.stations)
            s.position = wgs84ToGcj02(s.position);
    }
    if (planted)
        *planted = geo.planted;
    if (progress)
        progress->report(1, "sample: done");
    return std::move(data);
}

} // namespace firebeat
