// The HTTP front: routes /wms and /tiles onto the layer. Requests are answered synchronously on
// the server's thread (no QFuture routes: QtHttpServer 6.4 crashes when their client goes away).
#pragma once

#include "heatmap_layer.h"

#include <QHostAddress>
#include <QHttpServer>

#include <memory>

namespace firebeat::ogc {

class OgcServer {
  public:
    explicit OgcServer(std::unique_ptr<HeatmapLayer> layer);
    // The port listened on, 0 when the address cannot be bound.
    quint16 listen(const QHostAddress& address, quint16 port);

  private:
    std::unique_ptr<HeatmapLayer> layer_;
    QHttpServer http_;
};

} // namespace firebeat::ogc
