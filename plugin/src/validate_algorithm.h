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
    QIcon icon() const override;
    ValidateAlgorithm* createInstance() const override { return new ValidateAlgorithm(); }
    void initAlgorithm(const QVariantMap& configuration = QVariantMap()) override;

  protected:
    const JobSpec& spec() const override;
    QVariantMap processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                 QgsProcessingFeedback* feedback) override;
};

} // namespace firebeat::qgis
