// The "FireBeat" processing provider: one algorithm per analysis.
#pragma once

#include <QCoreApplication>
#include <qgsprocessingprovider.h>

namespace firebeat::qgis {

class FireBeatProvider final : public QgsProcessingProvider {
    Q_OBJECT

  public:
    FireBeatProvider();
    QString id() const override { return QStringLiteral("firebeat"); }
    QString name() const override { return tr("FireBeat"); }
    QString longName() const override { return tr("FireBeat fire-inspection analytics"); }
    QIcon icon() const override;
    QString svgIconPath() const override { return QStringLiteral(":/firebeat/icons/firebeat.svg"); }

  protected:
    void loadAlgorithms() override;
};

// Installs the zh_CN translation when QGIS runs in Chinese (idempotent).
void installTranslation();

} // namespace firebeat::qgis
