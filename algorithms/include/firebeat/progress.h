// Progress and cancellation, adapted by each front end (QgsProcessingFeedback, a terminal bar).
#pragma once

#include <stdexcept>
#include <string_view>

namespace firebeat {

class Progress {
  public:
    virtual ~Progress() = default;
    // fraction in [0, 1] of the whole job; stage names what is being done.
    virtual void report(double fraction, std::string_view stage) {
        (void)fraction;
        (void)stage;
    }
    virtual bool cancelled() const { return false; }
};

// A share [from, to] of a parent's progress, for one stage of a longer job.
class ProgressSlice final : public Progress {
  public:
    ProgressSlice(Progress* parent, double from, double to) : parent_(parent), from_(from), to_(to) {}
    void report(double fraction, std::string_view stage) override {
        if (parent_)
            parent_->report(from_ + (to_ - from_) * fraction, stage);
    }
    bool cancelled() const override { return parent_ && parent_->cancelled(); }

  private:
    Progress* parent_;
    double from_, to_;
};

// Thrown by an analysis that noticed Progress::cancelled().
class Cancelled : public std::runtime_error {
  public:
    Cancelled() : std::runtime_error("cancelled by the user") {}
};

// Bad input or parameters that stop an analysis; the message names what was wrong.
class InputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

inline void throwIfCancelled(const Progress* progress) {
    if (progress && progress->cancelled())
        throw Cancelled();
}

} // namespace firebeat
