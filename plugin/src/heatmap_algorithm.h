// firebeat:hazardheatmap: the hazard kernel-density heatmap of `firebeat heatmap`, on any point
// layer whose fields are mapped to the data model.
#pragma once

#include <QCoreApplication>
#include <qgsprocessingalgorithm.h>

namespace firebeat::qgis {

class HeatmapAlgorithm final : public QgsProcessingAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(HeatmapAlgorithm)

  public:
    QString name() const override { return QStringLiteral("hazardheatmap"); }
    QString displayName() const override { return tr("Hazard kernel-density heatmap"); }
    QString group() const override { return tr("Analysis"); }
    QString groupId() const override { return QStringLiteral("analysis"); }
    QStringList tags() const override;
    QString shortHelpString() const override;
    QIcon icon() const override;
    HeatmapAlgorithm* createInstance() const override { return new HeatmapAlgorithm(); }
    void initAlgorithm(const QVariantMap& configuration = QVariantMap()) override;

  protected:
    QVariantMap processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                 QgsProcessingFeedback* feedback) override;
};

} // namespace firebeat::qgis
