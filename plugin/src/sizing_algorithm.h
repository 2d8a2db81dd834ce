// firebeat:districtsizing: the district-sizing job of `firebeat sizing`, in the toolbox.
#pragma once

#include "job_algorithm.h"

namespace firebeat::qgis {

class SizingAlgorithm final : public JobAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(SizingAlgorithm)

  public:
    QString name() const override { return QStringLiteral("districtsizing"); }
    QString displayName() const override { return tr("District staffing estimate"); }
    QIcon icon() const override;
    SizingAlgorithm* createInstance() const override { return new SizingAlgorithm(); }

  protected:
    const JobSpec& spec() const override;
    RunOutputs analyse(const JobSource& source, const JobParameters& job, Progress* progress,
                       QgsProcessingFeedback* feedback) const override;
};

} // namespace firebeat::qgis
