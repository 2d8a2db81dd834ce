#include "util/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace firebeat::detail {

unsigned threadCount(unsigned requested) {
    return requested ? requested : std::max(1u, std::thread::hardware_concurrency());
}

void parallelFor(std::size_t count, unsigned threads, Progress* progress, double from, double to,
                 std::string_view stage, const std::function<void(std::size_t, unsigned)>& task) {
    throwIfCancelled(progress);
    const unsigned workers =
        static_cast<unsigned>(std::min<std::size_t>(threadCount(threads), std::max<std::size_t>(count, 1)));
    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::mutex errorMutex;
    std::exception_ptr error;
    const auto work = [&](unsigned worker, bool reporting) {
        while (!stop.load(std::memory_order_relaxed)) {
            const std::size_t i = next.fetch_add(1);
            if (i >= count)
                return;
            try {
                task(i, worker);
            } catch (...) {
                const std::lock_guard lock(errorMutex);
                if (!error)
                    error = std::current_exception();
                stop = true;
                return;
            }
            const std::size_t finished = done.fetch_add(1) + 1;
            if (reporting && progress) {
                if (progress->cancelled()) {
                    stop = true;
                    return;
                }
                progress->report(
                    from + (to - from) * static_cast<double>(finished) / static_cast<double>(count), stage);
            }
        }
    };
    {
        std::vector<std::jthread> pool;
        for (unsigned w = 1; w < workers; ++w)
            pool.emplace_back(work, w, false);
        work(0, true);
    }
    if (error)
        std::rethrow_exception(error);
    throwIfCancelled(progress);
    if (progress) // the last tasks may have finished on other threads
        progress->report(to, stage);
}

} // namespace firebeat::detail
