// firebeat:villagehotspots: the hot-spot job of `firebeat hotspots`, in the toolbox.
#pragma once

#include "job_algorithm.h"

namespace firebeat::qgis {

class HotspotsAlgorithm final : public JobAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(HotspotsAlgorithm)

  public:
    QString name() const override { return QStringLiteral("villagehotspots"); }
    QString displayName() const override { return tr("Village hot spots (Gi*, Local Moran's I)"); }
    QString group() const override { return tr("Analysis"); }
    QString groupId() const override { return QStringLiteral("analysis"); }
    QIcon icon() const override;
    HotspotsAlgorithm* createInstance() const override { return new HotspotsAlgorithm(); }
    void initAlgorithm(const QVariantMap& configuration = QVariantMap()) override;

  protected:
    const JobSpec& spec() const override;
    QVariantMap processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                 QgsProcessingFeedback* feedback) override;
};

} // namespace firebeat::qgis
