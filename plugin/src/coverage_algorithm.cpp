#include "coverage_algorithm.h"

#include "coverage_parameters.h"
#include "output_styles.h"

#include "firebeat/coverage_writer.h"

#include <qgsprocessingoutputs.h>
#include <qgsprocessingparameters.h>

namespace firebeat::qgis {

QIcon CoverageAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/coverage.svg"));
}

QString CoverageAlgorithm::shortHelpString() const {
    return tr(
        "Finds the inspection coverage gaps of each police-station district in the reporting window "
        "(reference date - window days, reference date]: units inspected / units (coverage %), overdue and "
        "never-inspected units (each unit's inspection interval from the norms), open and overdue hazards, "
        "units per officer against the staffing norm, blind-spot villages (units but no inspection) and "
        "the share of units and area within fire-station reach.\n\n"
        "gap_score (0-100, larger = bigger gap) is a weighted sum of these shortfalls; gap_rank 1 is the "
        "largest gap.\n\n"
        "Writes a GeoPackage with the layers district_coverage, overdue_units, blind_spots, unreached_units "
        "and officer_workload, identical to the command line's `firebeat coverage`.");
}

void CoverageAlgorithm::initAlgorithm(const QVariantMap&) {
    for (QgsProcessingParameterDefinition* p : CoverageParameterSet::definitions())
        addParameter(p);
    addParameter(new QgsProcessingParameterFileDestination(QStringLiteral("OUTPUT"), tr("Coverage gaps"),
                                                           tr("GeoPackage (*.gpkg)")));
}

QVariantMap CoverageAlgorithm::processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                                QgsProcessingFeedback* feedback) {
    const CoverageParameters coverage = CoverageParameterSet::coverage(*this, parameters, context);
    const QString output = parameterAsFileOutput(parameters, QStringLiteral("OUTPUT"), context);
    if (!CoverageParameterSet::analyse(*this, parameters, context, feedback,
                                       [&](const Dataset& data, Report& report, Progress& progress) {
                                           writeCoverageGpkg(
                                               computeCoverage(data, coverage, report, &progress),
                                               output.toStdString(), data.crs);
                                       }))
        return {};
    const std::pair<QString, QString> layers[] = {
        {QStringLiteral("district_coverage"), tr("District coverage gaps")},
        {QStringLiteral("overdue_units"), tr("Overdue units")},
        {QStringLiteral("blind_spots"), tr("Blind-spot villages")},
        {QStringLiteral("unreached_units"), tr("Units out of fire-station reach")},
    };
    for (const auto& [layer, title] : layers)
        loadStyledOnCompletion(context, output + QStringLiteral("|layername=") + layer, title, layer,
                               QStringLiteral("OUTPUT"));
    return {{QStringLiteral("OUTPUT"), output}};
}

} // namespace firebeat::qgis
