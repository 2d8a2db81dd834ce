// The QGIS desktop plugin: adds the FireBeat provider to the processing registry.
#pragma once

#include <qgisplugin.h>

class QgisInterface;

namespace firebeat::qgis {

class FireBeatPlugin final : public QgisPlugin {
  public:
    explicit FireBeatPlugin(QgisInterface* iface);
    void initGui() override;
    void unload() override;
};

} // namespace firebeat::qgis
