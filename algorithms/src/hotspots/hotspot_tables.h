// The tables written next to a hot-spot layer, by both hot-spot writers (the data-model villages
// and any layer's own field): hotspot_metadata (what was computed and how) and, on request,
// neighbour_pairs (the weights, for auditing).
#pragma once

#include "firebeat/hotspots.h"
#include "io/table_writer.h"

#include <map>
#include <string>

namespace firebeat {

// `metadata` gets the value, weights and notes of `result` added before it is written.
void writeHotspotTables(ogr_output::OutputFile& out, const HotspotResult& result,
                        std::map<std::string, std::string> metadata, bool neighbourPairs);

} // namespace firebeat
