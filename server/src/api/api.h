// The JSON API for the back office's charts (/api/...), computed on the catalogue's data, so it is
// as fresh as the map layers (the same data version; replies cached under it):
//   /api/coverage?reference_date=D&window_days=N[&district=ID]  the district_coverage rows
//   /api/officers?reference_date=D&window_days=N[&district=ID]  the officer_workload rows
//   /api/trend?[district=ID&]from=D&to=D&step=month|week         counts per step
//   /api/hazards?reference_date=D[&district=ID]                  open hazards by category, severity
// The rows carry the fields `firebeat coverage` writes, under the same names, from the same
// computeCoverage. A bad or unknown parameter answers 400 with {"error": ..., "parameter": ...}.
#pragma once

#include "ogc/http_reply.h"
#include "ogc/map_layer.h"

#include <QStringList>
#include <QUrlQuery>

namespace firebeat::ogc {

// `path`: the segments after /api.
HttpReply handleApi(const Catalogue& catalogue, const QStringList& path, const QUrlQuery& query,
                    const CancelFlag* cancel);

} // namespace firebeat::ogc
