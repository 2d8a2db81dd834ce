// firebeat:coveragegaps: the coverage-gap analysis of `firebeat coverage`, in the toolbox.
#pragma once

#include <QCoreApplication>
#include <qgsprocessingalgorithm.h>

namespace firebeat::qgis {

class CoverageAlgorithm final : public QgsProcessingAlgorithm {
    Q_DECLARE_TR_FUNCTIONS(CoverageAlgorithm)

  public:
    QString name() const override { return QStringLiteral("coveragegaps"); }
    QString displayName() const override { return tr("Coverage gaps by police-station district"); }
    QString group() const override { return tr("Analysis"); }
    QString groupId() const override { return QStringLiteral("analysis"); }
    QString shortHelpString() const override;
    QIcon icon() const override;
    CoverageAlgorithm* createInstance() const override { return new CoverageAlgorithm(); }
    void initAlgorithm(const QVariantMap& configuration = QVariantMap()) override;

  protected:
    QVariantMap processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                 QgsProcessingFeedback* feedback) override;
};

} // namespace firebeat::qgis
