// firebeat:emerginghotspots: `firebeat emerging` in the toolbox, on any polygon layer and any
#pragma once

#include "job_algorithm.h"

namespace firebeat::qgis {

class EmergingAlgorithm final : public JobAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(EmergingAlgorithm)

  public:
    QString name() const override { return QStringLiteral("emerginghotspots"); }
    QString displayName() const override { return tr("Emerging hot spots (space-time)"); }
    QIcon icon() const override;
    EmergingAlgorithm* createInstance() const override { return new EmergingAlgorithm(); }

  protected:
    const JobSpec& spec() const override;
    RunOutputs analyse(const JobSource& source, const JobParameters& job, Progress* progress,
                       QgsProcessingFeedback* feedback) const override;
    std::set<std::string> inputsWithAllFields(const JobParameters& job) const override;
};

} // namespace firebeat::qgis
