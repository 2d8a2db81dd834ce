// The configuration's "access" section as the server uses it (Qt Core only: the configuration is
// read also where the server is not built). See access_control.h.
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace firebeat::ogc {

struct LayerAccess {
    bool tokenRequired = false;
    std::optional<QStringList> infoFields; // none: every field
};

struct AccessPolicy {
    std::vector<QByteArray> tokenDigests; // lower-case SHA-256 hex
    QMap<QString, LayerAccess> layers;    // by layer name; absent: public, every field

    bool restricts() const { return !layers.isEmpty(); }
};

} // namespace firebeat::ogc
