// firebeat:hazardheatmap: the heatmap job of `firebeat heatmap`, on any point layer, in the toolbox.
#pragma once

#include "job_algorithm.h"

namespace firebeat::qgis {

class HeatmapAlgorithm final : public JobAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(HeatmapAlgorithm)

  public:
    QString name() const override { return QStringLiteral("hazardheatmap"); }
    QString displayName() const override { return tr("Hazard kernel-density heatmap"); }
    QStringList tags() const override;
    QIcon icon() const override;
    HeatmapAlgorithm* createInstance() const override { return new HeatmapAlgorithm(); }

  protected:
    const JobSpec& spec() const override;
    RunOutputs analyse(const JobSource& source, const JobParameters& job, Progress* progress,
                       QgsProcessingFeedback* feedback) const override;
};

} // namespace firebeat::qgis
