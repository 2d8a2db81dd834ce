// Hazards from a QGIS point layer (a feature source, so "selected features only" is honoured):
// the data-model fields mapped by the user, geometry transformed to the analysis CRS.
#pragma once

#include "firebeat/model.h"

#include <QCoreApplication>
#include <qgscoordinatereferencesystem.h>

class QgsProcessingFeatureSource;
class QgsProcessingFeedback;
class QgsProcessingContext;

namespace firebeat::qgis {

struct HazardFieldNames {
    QString id, severity, foundAt, rectifiedAt, category, source;
    QString weight, radius; // optional numeric fields; empty: not used
};

struct HazardFeatures {
    std::vector<Hazard> hazards;
    std::vector<double> weights, radii; // per hazard, when the field is given
    QgsCoordinateReferenceSystem crs;   // the analysis CRS the positions are in
};

class HazardFeatureReader {
    Q_DECLARE_TR_FUNCTIONS(HazardFeatureReader)

  public:
    // The user's CRS when valid, else the CGCS2000 Gauss-Kruger zone (firebeat::metricCrsFor)
    // of the source's extent centre.
    static QgsCoordinateReferenceSystem analysisCrs(const QgsProcessingFeatureSource& source,
                                                    const QgsCoordinateReferenceSystem& chosen,
                                                    const QgsProcessingContext& context);
    // Features the data model cannot use (no geometry, unparseable date or code) are left out
    // with a warning, as the reader does; a null weight or radius is an error naming the feature.
    // gcj02: the positions are GCJ-02 (WeChat/Tencent/AMap), converted to WGS 84 first.
    static HazardFeatures read(QgsProcessingFeatureSource& source, const HazardFieldNames& fields,
                               const QgsCoordinateReferenceSystem& crs, bool gcj02,
                               QgsProcessingContext& context, QgsProcessingFeedback* feedback);
};

} // namespace firebeat::qgis
