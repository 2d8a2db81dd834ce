// One layer the server offers, and the catalogue of layers built from one version of the data.
// Layers are immutable once built and are called from several worker threads at once.
#pragma once

#include "firebeat/filters.h"
#include "firebeat/geometry.h"
#include "firebeat/map_window.h"
#include "firebeat/model.h"

#include <QImage>
#include <QJsonArray>
#include <QString>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace firebeat::ogc {

// A map request's window; crs is EPSG:3857, EPSG:4326 (also for CRS:84), EPSG:4490 or the
// analysis CRS.
using MapView = MapWindow;

// What TIME (from, to: the first second after TIME's end), DIM_SEVERITY (severities),
// DIM_STATUS and DIM_CATEGORY select; empty members select all. The status is the hazards' status
// now, as the hazards layer shows it, whatever TIME. key() is the canonical text, for cache keys.
struct HazardSelection : HazardFilter {
    HazardSelection() { statusNow = true; }
    bool selectsAll() const { return key().empty(); }
};

// A dimension as GetCapabilities declares it; the request parameter is TIME for "time" and
// DIM_<NAME> for the others.
struct LayerDimension {
    QString name;  // "time", "severity", "status", "category"
    QString units; // "ISO8601" for time, "" otherwise
    QString defaultValue;
    QString extent; // "2025-01-01T00:00:00Z/2026-11-28T00:00:00Z" or "1,2,3"
};

// Set by the server when the client has gone away; long renders poll it and throw Cancelled.
using CancelFlag = std::atomic<bool>;

class MapLayer {
  public:
    virtual ~MapLayer() = default;
    virtual QString name() const = 0;
    virtual QString title() const = 0;
    virtual QString abstract() const = 0;
    virtual bool queryable() const = 0;
    // Where the layer has something to draw, in lon/lat.
    virtual Envelope lonLatExtent() const = 0;
    virtual std::vector<LayerDimension> dimensions() const { return {}; }
    // A transparent ARGB32 image of `view` (`cancel` may be null).
    virtual QImage render(const MapView& view, const HazardSelection& selection,
                          const CancelFlag* cancel) const = 0;
    // The features (or values) at pixel (i, j) of `view`, one JSON object each; empty when none.
    virtual QJsonArray featureInfo(const MapView& view, int i, int j,
                                   const HazardSelection& selection) const = 0;
    // The legend graphic (PNG-ready ARGB32).
    virtual QImage legend() const = 0;
};

// The layers of one version of the data, in GetCapabilities order.
struct Catalogue {
    std::string dataVersion; // changes whenever the data does (cache keys use it)
    // The data's own version where every process reading the source sees the same (PostGIS,
    // files); else one of this process's own. ETags come from it, so that several processes
    // behind one cache give the same tags for the same answers.
    std::string contentVersion;
    std::chrono::system_clock::time_point builtAt; // when this process built it (Last-Modified)
    std::string analysisCrs;                       // the metric CRS the analyses run in, e.g. EPSG:4543
    std::vector<std::string> moreCrs; // further CRSs maps are offered in (the configuration's "crs")
    std::vector<std::unique_ptr<MapLayer>> layers;
    std::shared_ptr<const Dataset> data; // what the layers were built from (the JSON API's input)

    const MapLayer* find(const QString& name) const; // null when there is none
    Envelope lonLatExtent() const;                   // of every layer
};

} // namespace firebeat::ogc
