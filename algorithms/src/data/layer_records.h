// Converting one feature row into the data model's record for each layer.
#pragma once

#include "data/layer_fields.h"
#include "firebeat/model.h"

namespace firebeat {

// Appends the row's record to `data` when the row is usable. Positions and polygons stay in
// the layer's own CRS; the reader reprojects them afterwards in bulk. `multipointParts`: a
// multipoint hazard becomes one record per part (see ReadOptions::multipointParts).
void appendRecord(LayerKind kind, FeatureRow& row, bool repairGeometries, Dataset& data,
                  bool multipointParts = false);

} // namespace firebeat
