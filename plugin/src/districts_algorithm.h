// firebeat:districtdesign: the district-design job of `firebeat districts`, in the toolbox.
#pragma once

#include "job_algorithm.h"

namespace firebeat::qgis {

class DistrictsAlgorithm final : public JobAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(DistrictsAlgorithm)

  public:
    QString name() const override { return QStringLiteral("districtdesign"); }
    QString displayName() const override { return tr("District design"); }
    QIcon icon() const override;
    DistrictsAlgorithm* createInstance() const override { return new DistrictsAlgorithm(); }

  protected:
    const JobSpec& spec() const override;
    RunOutputs analyse(const JobSource& source, const JobParameters& job, Progress* progress,
                       QgsProcessingFeedback* feedback) const override;
    std::set<std::string> inputsWithAllFields(const JobParameters& job) const override;
};

} // namespace firebeat::qgis
