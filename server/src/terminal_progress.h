// A progress bar on stderr when it is a terminal, and Ctrl-C turned into cancellation.
//
// For tests of cancellation: with FIREBEAT_TEST_HOLD=1 in the environment, the first progress
// report prints "firebeat: holding for an interrupt" on stderr and waits (at most a minute) until
// SIGINT or SIGTERM arrives, so a test can interrupt a run at a known point however fast it is.
#pragma once

#include "firebeat/progress.h"

#include <string>

namespace firebeat::cli {

class TerminalProgress final : public Progress {
  public:
    explicit TerminalProgress(bool quiet = false);
    ~TerminalProgress() override;
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;

    void report(double fraction, std::string_view stage) override;
    bool cancelled() const override;
    void finish();

  private:
    void holdForInterrupt();

    bool enabled_;
    bool hold_; // FIREBEAT_TEST_HOLD
    int lastPermille_ = -1;
    std::string lastStage_;
};

} // namespace firebeat::cli
