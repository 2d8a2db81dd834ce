// A progress bar on stderr when it is a terminal, and Ctrl-C turned into cancellation.
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
    bool enabled_;
    int lastPermille_ = -1;
    std::string lastStage_;
};

} // namespace firebeat::cli
