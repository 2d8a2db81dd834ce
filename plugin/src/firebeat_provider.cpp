#include "firebeat_provider.h"

#include "coverage_algorithm.h"
#include "districts_algorithm.h"
#include "emerging_algorithm.h"
#include "heatmap_algorithm.h"
#include "hotspots_algorithm.h"
#include "sizing_algorithm.h"
#include "validate_algorithm.h"

#include <qgsapplication.h>

#include <QTranslator>

// The icons are compiled into the static library firebeat_qgis: the linker keeps them only when
// something calls this (Q_INIT_RESOURCE cannot be used inside a namespace).
static void initIconResources() {
    Q_INIT_RESOURCE(firebeat);
}

namespace firebeat::qgis {

FireBeatProvider::FireBeatProvider() {
    initIconResources();
}

QIcon FireBeatProvider::icon() const {
    return QIcon(svgIconPath());
}

void FireBeatProvider::loadAlgorithms() {
    addAlgorithm(new ValidateAlgorithm());
    addAlgorithm(new HeatmapAlgorithm());
    addAlgorithm(new CoverageAlgorithm());
    addAlgorithm(new HotspotsAlgorithm());
    addAlgorithm(new EmergingAlgorithm());
    addAlgorithm(new SizingAlgorithm());
    addAlgorithm(new DistrictsAlgorithm());
}

void installTranslation() {
    static QTranslator* translator = nullptr;
    if (translator)
        return;
    // QGIS's UI locale: the user's override in the settings, else the system's.
    if (!QgsApplication::locale().startsWith(QLatin1String("zh")))
        return;
    translator = new QTranslator(QCoreApplication::instance());
    for (const QString& dir :
         {QStringLiteral(FIREBEAT_I18N_DIR), QStringLiteral(FIREBEAT_INSTALLED_I18N_DIR)})
        if (translator->load(QStringLiteral("firebeat_zh_CN"), dir)) {
            QCoreApplication::installTranslator(translator);
            return;
        }
}

} // namespace firebeat::qgis
