// emerging_hotspots: the villages by emerging hot-spot pattern, computed once per data version
// with the defaults of `firebeat emerging --id-field village_id` (all hazards, their found_at, the
// cube ending with the month of the latest hazard found), drawn with styles/emerging_hotspots.qml.
// Its TIME dimension lists the cube's China Standard Time months ("2025-12/2026-11/P1M"): TIME
// naming one month (2026-03, a day or an interval within it) draws that month's space-time Gi*
// classes with styles/emerging_bins.qml (the emerging_bins table's `class`); no TIME, or the whole
// span (the default), draws the patterns. GetFeatureInfo answers with the village's row of
// emerging_hotspots and its `series` (month, count, gi_z, gi_p, class: the emerging_bins rows in
// month order), plus that month's row under a month.
#pragma once

#include "map_layer.h"

#include "firebeat/model.h"

#include <memory>

namespace firebeat::ogc {

inline const QString kEmergingLayerName = QStringLiteral("emerging_hotspots");

// Throws InputError when the data cannot make it (no villages, no hazards, fewer than two
// months, every count equal).
std::unique_ptr<MapLayer> makeEmergingHotspotsLayer(const Dataset& data);

} // namespace firebeat::ogc
