// The one way QGIS features reach the core: a feature source (any provider; "selected features
// only" and the feature-source options already applied by QGIS; a model's output) copied into a
// firebeat::MemorySource, which the core's reader and its single field parser then read like a
// file. See firebeat/memory_source.h for why a /vsimem/ GeoPackage.
#pragma once

#include "firebeat/job.h"
#include "firebeat/memory_source.h"

#include <QCoreApplication>
#include <QStringList>

#include <map>
#include <optional>
#include <set>

class QgsFeatureSource;
class QgsProcessingAlgorithm;
class QgsProcessingContext;
class QgsProcessingFeedback;

namespace firebeat::qgis {

class FeatureCopy {
    Q_DECLARE_TR_FUNCTIONS(FeatureCopy)

  public:
    // Copies `source` into `memory` as the layer `layerName`, with the fields named in `fields`
    // that the source has (under their own names and types; all of them without `fields`), the
    // source's CRS and feature ids. QGIS 3.22 drops a date-time's stored UTC offset:
    // `storedOffsets` gives it back by field name (minutes; fields not named stay bare, which the
    // core reads as China Standard Time). Throws Cancelled when cancelled.
    static void copy(QgsFeatureSource& source, const std::string& layerName,
                     const std::optional<QStringList>& fields, MemorySource& memory,
                     Progress* progress = nullptr, const std::map<QString, int>& storedOffsets = {});

    // The feature sources given for a job's input layers (parameters named by
    // JobAlgorithm::parameterName), each with the fields its field parameters name and those of the
    // job's Field options bound to it (every field for the layers in `allFields`), copied into
    // `memory` under the data model's layer names. The field parameters become the source's
    // field mapping; the caller sets the CRS, GCJ-02 and repair options. An optional layer left
    // empty is not read. Throws QgsProcessingException for an unreadable layer parameter.
    static JobSource copyInputs(const JobSpec& spec, const QgsProcessingAlgorithm& algorithm,
                                const QVariantMap& parameters, QgsProcessingContext& context,
                                MemorySource& memory, Progress* progress = nullptr,
                                const std::set<std::string>& allFields = {});
};

} // namespace firebeat::qgis
