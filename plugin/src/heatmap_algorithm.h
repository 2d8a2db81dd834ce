// firebeat:hazardheatmap: the heatmap job of `firebeat heatmap`, on any point layer, in the toolbox.
#pragma once

#include "job_algorithm.h"

namespace firebeat::qgis {

class HeatmapAlgorithm final : public JobAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(HeatmapAlgorithm)

  public:
    QString name() const override { return QStringLiteral("hazardheatmap"); }
    QString displayName() const override { return tr("Hazard kernel-density heatmap"); }
    QString group() const override { return tr("Analysis"); }
    QString groupId() const override { return QStringLiteral("analysis"); }
    QStringList tags() const override;
    QIcon icon() const override;
    HeatmapAlgorithm* createInstance() const override { return new HeatmapAlgorithm(); }
    void initAlgorithm(const QVariantMap& configuration = QVariantMap()) override;

  protected:
    const JobSpec& spec() const override;
    QVariantMap processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                 QgsProcessingFeedback* feedback) override;
};

} // namespace firebeat::qgis
