// firebeat:districtdesign: the district-design job of `firebeat districts`, in the toolbox.
#pragma once

#include "job_algorithm.h"

namespace firebeat::qgis {

class DistrictsAlgorithm final : public JobAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(DistrictsAlgorithm)

  public:
    QString name() const override { return QStringLiteral("districtdesign"); }
    QString displayName() const override { return tr("District design"); }
    QString group() const override { return tr("Analysis"); }
    QString groupId() const override { return QStringLiteral("analysis"); }
    QIcon icon() const override;
    DistrictsAlgorithm* createInstance() const override { return new DistrictsAlgorithm(); }
    void initAlgorithm(const QVariantMap& configuration = QVariantMap()) override;

  protected:
    const JobSpec& spec() const override;
    QVariantMap processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                 QgsProcessingFeedback* feedback) override;
};

} // namespace firebeat::qgis
