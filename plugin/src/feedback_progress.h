// firebeat::Progress on top of QGIS's processing feedback (progress bar and Cancel button).
#pragma once

#include "firebeat/progress.h"

#include <qgsprocessingfeedback.h>

namespace firebeat::qgis {

class FeedbackProgress final : public Progress {
  public:
    explicit FeedbackProgress(QgsProcessingFeedback* feedback) : feedback_(feedback) {}
    void report(double fraction, std::string_view) override {
        if (feedback_)
            feedback_->setProgress(100.0 * fraction);
    }
    bool cancelled() const override { return feedback_ && feedback_->isCanceled(); }

  private:
    QgsProcessingFeedback* feedback_;
};

} // namespace firebeat::qgis
