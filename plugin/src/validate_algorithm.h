// firebeat:validatelayers: the checks and report of `firebeat validate`, in the toolbox.
#pragma once

#include "job_algorithm.h"

namespace firebeat::qgis {

class ValidateAlgorithm final : public JobAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(ValidateAlgorithm)

  public:
    QString name() const override { return QStringLiteral("validatelayers"); }
    QString displayName() const override { return tr("Validate inspection layers"); }
    QString group() const override { return tr("Data"); }
    QString groupId() const override { return QStringLiteral("data"); }
    void initAlgorithm(const QVariantMap& configuration = QVariantMap()) override;
    QIcon icon() const override;
    ValidateAlgorithm* createInstance() const override { return new ValidateAlgorithm(); }

  protected:
    const JobSpec& spec() const override;
    RunOutputs analyse(const JobSource& source, const JobParameters& job, Progress* progress,
                       QgsProcessingFeedback* feedback) const override;
};

} // namespace firebeat::qgis
