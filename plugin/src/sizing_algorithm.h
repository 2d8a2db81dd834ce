// firebeat:districtsizing: the district-sizing job of `firebeat sizing`, in the toolbox.
#pragma once

#include "job_algorithm.h"

namespace firebeat::qgis {

class SizingAlgorithm final : public JobAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(SizingAlgorithm)

  public:
    QString name() const override { return QStringLiteral("districtsizing"); }
    QString displayName() const override { return tr("District staffing estimate"); }
    QString group() const override { return tr("Analysis"); }
    QString groupId() const override { return QStringLiteral("analysis"); }
    QIcon icon() const override;
    SizingAlgorithm* createInstance() const override { return new SizingAlgorithm(); }
    void initAlgorithm(const QVariantMap& configuration = QVariantMap()) override;

  protected:
    const JobSpec& spec() const override;
    QVariantMap processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                 QgsProcessingFeedback* feedback) override;
};

} // namespace firebeat::qgis
