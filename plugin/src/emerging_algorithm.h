// firebeat:emerginghotspots: `firebeat emerging` in the toolbox, on any polygon layer and any
// point layer with a date-time field. Its parameters are the core job's declaration.
#pragma once

#include "job_algorithm.h"

namespace firebeat::qgis {

class EmergingAlgorithm final : public JobAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(EmergingAlgorithm)

  public:
    QString name() const override { return QStringLiteral("emerginghotspots"); }
    QString displayName() const override { return tr("Emerging hot spots (space-time)"); }
    QString group() const override { return tr("Analysis"); }
    QString groupId() const override { return QStringLiteral("analysis"); }
    QIcon icon() const override;
    EmergingAlgorithm* createInstance() const override { return new EmergingAlgorithm(); }
    void initAlgorithm(const QVariantMap& configuration = QVariantMap()) override;

  protected:
    const JobSpec& spec() const override;
    QVariantMap processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                 QgsProcessingFeedback* feedback) override;
};

} // namespace firebeat::qgis
