// firebeat:coveragegaps: the coverage-gap job of `firebeat coverage`, in the toolbox.
#pragma once

#include "job_algorithm.h"

namespace firebeat::qgis {

class CoverageAlgorithm final : public JobAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(CoverageAlgorithm)

  public:
    QString name() const override { return QStringLiteral("coveragegaps"); }
    QString displayName() const override { return tr("Coverage gaps by police-station district"); }
    QIcon icon() const override;
    CoverageAlgorithm* createInstance() const override { return new CoverageAlgorithm(); }

  protected:
    const JobSpec& spec() const override;
    RunOutputs analyse(const JobSource& source, const JobParameters& job, Progress* progress,
                       QgsProcessingFeedback* feedback) const override;
};

} // namespace firebeat::qgis
