// A minimal fork-join loop for the analyses' parallel parts (the heatmap's tiles, Local Moran's
// permutation tests): dynamic scheduling, cancellation and progress from the calling thread only,
// exceptions carried back to the caller.
#pragma once

#include "firebeat/progress.h"

#include <cstddef>
#include <functional>
#include <string_view>

namespace firebeat::detail {

// Runs task(i, worker) for every i in [0, count) on up to `threads` threads (0: every core),
// the calling thread being worker 0. Only the calling thread talks to `progress`: it reports
// the share done mapped onto [from, to] and, when progress->cancelled(), stops every worker and
// throws Cancelled. An exception thrown by a task stops the others and is rethrown.
void parallelFor(std::size_t count, unsigned threads, Progress* progress, double from, double to,
                 std::string_view stage, const std::function<void(std::size_t, unsigned)>& task);
// `requested`, or every core for 0.
unsigned threadCount(unsigned requested);

} // namespace firebeat::detail
