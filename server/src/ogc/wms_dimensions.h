// The hazard dimensions of a request (WMS TIME and DIM_SEVERITY / DIM_STATUS / DIM_CATEGORY,
// WMTS's dimension parameters) as the HazardSelection the layers draw.
#pragma once

#include "map_layer.h"

#include <QMap>
#include <QString>

#include <vector>

namespace firebeat::ogc {

// The request's value of each dimension by its name in MapLayer::dimensions() ("time",
// "severity", "status", "category"); a dimension the request omits is absent.
using DimensionValues = QMap<QString, QString>;

// The selection the values make. A dimension omitted selects all its values, which is what the
// layers declare as their defaults; only when one of `layers` declares it without a default must
// the request give it (ServiceException MissingDimensionValue). Values:
// - time: an ISO 8601 instant or start/end interval ("2026-01-01/2026-06-30T12:00:00Z"); a
//   date without a time means the whole day (so the interval above includes June 30), a month
//   alone ("2026-03") the whole month, and a time without an offset is China Standard Time, as in
//   the data;
// - severity: a list of 1, 2 and 3; status: open, rectified or all; category: a list of the
//   data model's hazard category codes (FIRE_LANE, EBIKE, ...), case-insensitive.
// Anything else, and a value outside the extent one of `layers` advertises (a time interval
// sharing no instant with it, for a monthly extent "start/end/P1M" anything but one of its months
// or the whole extent, a list item it does not list), is ServiceException
// InvalidDimensionValue naming the dimension and the value.
HazardSelection parseSelection(const DimensionValues& values, const std::vector<const MapLayer*>& layers);

} // namespace firebeat::ogc
