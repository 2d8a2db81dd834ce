#include "firebeat_plugin.h"

#include "firebeat_provider.h"

#include <qgsapplication.h>
#include <qgsprocessingregistry.h>

namespace firebeat::qgis {
namespace {

const QString kName = QStringLiteral("FireBeat");
const QString kDescription =
    QStringLiteral("Fire-inspection analytics: hazard heatmaps, coverage gaps, hot spots");
const QString kCategory = QStringLiteral("Analysis");
const QString kVersion = QStringLiteral("0.1.0");
const QString kIcon = QStringLiteral(":/firebeat/icons/firebeat.svg");

// The provider this library registered, if any (desktop plugin and shim share it).
QgsProcessingProvider* gProvider = nullptr;

void registerProvider() {
    QgsProcessingRegistry* registry = QgsApplication::processingRegistry();
    if (gProvider || !registry || registry->providerById(QStringLiteral("firebeat")))
        return;
    installTranslation();
    gProvider = new FireBeatProvider();
    if (!registry->addProvider(gProvider))
        gProvider = nullptr;
}

void unregisterProvider() {
    if (gProvider && QgsApplication::processingRegistry())
        QgsApplication::processingRegistry()->removeProvider(gProvider);
    gProvider = nullptr;
}

} // namespace

FireBeatPlugin::FireBeatPlugin(QgisInterface*)
    : QgisPlugin(kName, kDescription, kCategory, kVersion, QgisPlugin::UI) {}

void FireBeatPlugin::initGui() {
    registerProvider();
}
void FireBeatPlugin::unload() {
    unregisterProvider();
}

} // namespace firebeat::qgis

// The entry points QGIS desktop looks up (qgisplugin.h).
QGISEXTERN QgisPlugin* classFactory(QgisInterface* iface) {
    return new firebeat::qgis::FireBeatPlugin(iface);
}
QGISEXTERN const QString* name() {
    return &firebeat::qgis::kName;
}
QGISEXTERN const QString* description() {
    return &firebeat::qgis::kDescription;
}
QGISEXTERN const QString* category() {
    return &firebeat::qgis::kCategory;
}
QGISEXTERN int type() {
    return QgisPlugin::UI;
}
QGISEXTERN const QString* version() {
    return &firebeat::qgis::kVersion;
}
QGISEXTERN const QString* icon() {
    return &firebeat::qgis::kIcon;
}
QGISEXTERN const QString* experimental() {
    static const QString kNo = QStringLiteral("false");
    return &kNo;
}
QGISEXTERN void unload(QgisPlugin* plugin) {
    delete plugin;
}

// For the Python shim that qgis_process loads (it cannot load C++ plugins in 3.22).
extern "C" __attribute__((visibility("default"))) void firebeat_register_provider() {
    firebeat::qgis::registerProvider();
}
extern "C" __attribute__((visibility("default"))) void firebeat_unregister_provider() {
    firebeat::qgis::unregisterProvider();
}
