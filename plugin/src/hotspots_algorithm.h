// firebeat:villagehotspots: the hot-spot job of `firebeat hotspots`, in the toolbox.
#pragma once

#include "job_algorithm.h"

namespace firebeat::qgis {

class HotspotsAlgorithm final : public JobAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(HotspotsAlgorithm)

  public:
    QString name() const override { return QStringLiteral("villagehotspots"); }
    QString displayName() const override { return tr("Village hot spots (Gi*, Local Moran's I)"); }
    QIcon icon() const override;
    HotspotsAlgorithm* createInstance() const override { return new HotspotsAlgorithm(); }

  protected:
    const JobSpec& spec() const override;
    RunOutputs analyse(const JobSource& source, const JobParameters& job, Progress* progress,
                       QgsProcessingFeedback* feedback) const override;
    std::set<std::string> inputsWithAllFields(const JobParameters& job) const override;
};

} // namespace firebeat::qgis
