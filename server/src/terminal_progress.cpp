#include "terminal_progress.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <unistd.h>

namespace firebeat::cli {
namespace {

volatile std::sig_atomic_t gInterrupted = 0;

extern "C" void onInterrupt(int) {
    gInterrupted = 1;
}

} // namespace

TerminalProgress::TerminalProgress(bool quiet)
    : enabled_(!quiet && isatty(STDERR_FILENO)), hold_([] {
          const char* hold = std::getenv("FIREBEAT_TEST_HOLD");
          return hold && std::strcmp(hold, "1") == 0;
      }()) {
    // The analyses stop at their next check and clean up, so outputs are never half-written.
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
}

TerminalProgress::~TerminalProgress() {
    finish();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

bool TerminalProgress::cancelled() const {
    return gInterrupted != 0;
}

void TerminalProgress::holdForInterrupt() {
    hold_ = false;
    std::fputs("firebeat: holding for an interrupt\n", stderr);
    std::fflush(stderr);
    const auto until = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (!gInterrupted && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

void TerminalProgress::report(double fraction, std::string_view stage) {
    if (hold_)
        holdForInterrupt();
    if (!enabled_)
        return;
    const int permille = static_cast<int>(fraction * 1000);
    if (permille == lastPermille_ && stage == lastStage_)
        return;
    lastPermille_ = permille;
    lastStage_ = stage;
    constexpr int kWidth = 30;
    const int filled = permille * kWidth / 1000;
    std::fprintf(stderr, "\r[%.*s%*s] %3d%% %-40.40s", filled, "##############################",
                 kWidth - filled, "", permille / 10, lastStage_.c_str());
    std::fflush(stderr);
}

void TerminalProgress::finish() {
    if (enabled_ && lastPermille_ >= 0)
        std::fprintf(stderr, "\r%*s\r", 80, "");
    lastPermille_ = -1;
}

} // namespace firebeat::cli
