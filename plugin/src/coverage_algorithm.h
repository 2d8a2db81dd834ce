// firebeat:coveragegaps: the coverage-gap job of `firebeat coverage`, in the toolbox.
#pragma once

#include "job_algorithm.h"

namespace firebeat::qgis {

class CoverageAlgorithm final : public JobAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(CoverageAlgorithm)

  public:
    QString name() const override { return QStringLiteral("coveragegaps"); }
    QString displayName() const override { return tr("Coverage gaps by police-station district"); }
    QString group() const override { return tr("Analysis"); }
    QString groupId() const override { return QStringLiteral("analysis"); }
    QIcon icon() const override;
    CoverageAlgorithm* createInstance() const override { return new CoverageAlgorithm(); }
    void initAlgorithm(const QVariantMap& configuration = QVariantMap()) override;

  protected:
    const JobSpec& spec() const override;
    QVariantMap processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                 QgsProcessingFeedback* feedback) override;
};

} // namespace firebeat::qgis
