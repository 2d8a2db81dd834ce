#include "sizing_algorithm.h"

#include "algorithm_support.h"
#include "coverage_parameters.h"
#include "hazard_filter_parameters.h"
#include "output_styles.h"

#include "firebeat/coverage_writer.h"
#include "firebeat/sizing.h"

#include <qgsprocessingparameters.h>

namespace firebeat::qgis {

QIcon SizingAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/sizing.svg"));
}

QString SizingAlgorithm::shortHelpString() const {
    return tr(
        "Estimates the staff each police-station district needs for its fire inspections: annual workload "
        "hours = planned visits x minutes a visit (by unit category, from the norms) + re-inspections "
        "(visits x hazard rate x re-inspection share) + travel (a tour estimate from the area); required "
        "staff = workload / capacity hours per person; surplus or deficit against the officers listed. "
        "With a headcount, it is allocated across districts in proportion to workload (largest "
        "remainder, at least the minimum each).\n\n"
        "Writes the layer district_sizing (GeoPackage, or CSV with WKT geometry), identical to the command "
        "line's `firebeat sizing`.");
}

void SizingAlgorithm::initAlgorithm(const QVariantMap&) {
    for (QgsProcessingParameterDefinition* p : CoverageParameterSet::definitions())
        addParameter(p);
    addParameter(new QgsProcessingParameterNumber(
        QStringLiteral("HEADCOUNT"), tr("Headcount to allocate across districts (empty: none)"),
        QgsProcessingParameterNumber::Integer, QVariant(), true, 0));
    addParameter(advanced(new QgsProcessingParameterNumber(
        QStringLiteral("MINIMUM"), tr("Minimum staff per district in the allocation"),
        QgsProcessingParameterNumber::Integer, 1, false, 0)));
    addParameter(new QgsProcessingParameterFileDestination(QStringLiteral("OUTPUT"), tr("District sizing"),
                                                           tr("GeoPackage (*.gpkg);;CSV (*.csv)")));
}

QVariantMap SizingAlgorithm::processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                              QgsProcessingFeedback* feedback) {
    SizingParameters sizing;
    sizing.coverage = CoverageParameterSet::coverage(*this, parameters, context);
    if (isSet(parameters, QStringLiteral("HEADCOUNT")))
        sizing.headcount = parameterAsInt(parameters, QStringLiteral("HEADCOUNT"), context);
    sizing.minimumPerDistrict = parameterAsInt(parameters, QStringLiteral("MINIMUM"), context);
    const QString output = parameterAsFileOutput(parameters, QStringLiteral("OUTPUT"), context);
    if (!CoverageParameterSet::analyse(*this, parameters, context, feedback,
                                       [&](const Dataset& data, Report& report, Progress& progress) {
                                           writeSizing(computeSizing(data, sizing, report, &progress),
                                                       output.toStdString(), data.crs);
                                       }))
        return {};
    const bool gpkg = output.endsWith(QStringLiteral(".gpkg"), Qt::CaseInsensitive);
    loadStyledOnCompletion(context, gpkg ? output + QStringLiteral("|layername=district_sizing") : output,
                           tr("District sizing"), QStringLiteral("district_sizing"),
                           QStringLiteral("OUTPUT"));
    return {{QStringLiteral("OUTPUT"), output}};
}

} // namespace firebeat::qgis
