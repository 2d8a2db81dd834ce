// firebeat:districtdesign: `firebeat districts` in the toolbox. Its parameters are the core job's
// declaration (districtsJob()): a layer-name parameter per input layer and one per option, with
// the declared defaults, ranges and help; the algorithm only maps them.
#pragma once

#include <QCoreApplication>
#include <qgsprocessingalgorithm.h>

namespace firebeat::qgis {

class DistrictsAlgorithm final : public QgsProcessingAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(DistrictsAlgorithm)

  public:
    QString name() const override { return QStringLiteral("districtdesign"); }
    QString displayName() const override { return tr("District design"); }
    QString group() const override { return tr("Analysis"); }
    QString groupId() const override { return QStringLiteral("analysis"); }
    QString shortHelpString() const override;
    QIcon icon() const override;
    DistrictsAlgorithm* createInstance() const override { return new DistrictsAlgorithm(); }
    void initAlgorithm(const QVariantMap& configuration = QVariantMap()) override;

  protected:
    QVariantMap processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                 QgsProcessingFeedback* feedback) override;
};

} // namespace firebeat::qgis
