#include "hotspots_algorithm.h"

#include "algorithm_support.h"
#include "coverage_parameters.h"
#include "feedback_progress.h"
#include "hazard_filter_parameters.h"
#include "layer_name_parameters.h"
#include "output_styles.h"
#include "source_parameters.h"

#include "firebeat/hotspots_writer.h"

#include <qgsprocessingparameters.h>

namespace firebeat::qgis {
namespace {

constexpr RateBase kRates[] = {RateBase::None, RateBase::Units, RateBase::InspectedUnits,
                               RateBase::Population};
constexpr WeightsKind kWeights[] = {WeightsKind::Queen, WeightsKind::Rook, WeightsKind::DistanceBand,
                                    WeightsKind::KNearest};

} // namespace

QIcon HotspotsAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/hotspots.svg"));
}

QString HotspotsAlgorithm::shortHelpString() const {
    return tr(
        "Finds hot and cold spots of hazards among villages (or hexagons): the value of each area is the "
        "number of hazards that pass the filters inside it, a rate (per unit, per inspected unit or per "
        "1,000 people, optionally with global empirical-Bayes smoothing) or a numeric village attribute.\n\n"
        "Getis-Ord Gi* = (sum_j w_ij x_j - mean * sum_j w_ij) / (S sqrt((n sum_j w_ij² - (sum_j w_ij)²) / "
        "(n - 1))), with gi_bin -3..3 for 99/95/90 % confidence (also with Benjamini-Hochberg FDR), and "
        "Local Moran's I with conditional permutations (seeded, reproducible). Raw counts cannot go below "
        "zero, so cold spots on counts are weak: use a rate or Local Moran's I to find them.\n\n"
        "Tables not named as in the data model are named in VILLAGES_LAYER and HAZARDS_LAYER and, among "
        "the advanced parameters, UNITS_LAYER (read for hazards per unit), INSPECTIONS_LAYER (for hazards "
        "per inspected unit) and DISTRICTS_LAYER (for hexagons), or in FIELD_MAP; two different names "
        "for one layer are an error.\n\n"
        "Writes the layer village_hotspots (the villages' attributes plus the statistics), identical to "
        "the command line's `firebeat hotspots`.\n\n"
        "References: Ord, J. K. & Getis, A. (1995) Geographical Analysis 27(4); Anselin, L. (1995) "
        "Geographical Analysis 27(2); Marshall, R. J. (1991) Applied Statistics 40(2).");
}

void HotspotsAlgorithm::initAlgorithm(const QVariantMap&) {
    for (QgsProcessingParameterDefinition* p : SourceParameters::definitions())
        addParameter(p);
    for (QgsProcessingParameterDefinition* p : LayerNameParameters::definitions(
             {LayerKind::Villages, LayerKind::Hazards},
             {LayerKind::Units, LayerKind::Inspections, LayerKind::PoliceDistricts}))
        addParameter(p);
    for (QgsProcessingParameterDefinition* p : HazardFilterParameters::definitions())
        addParameter(p);
    addParameter(
        new QgsProcessingParameterEnum(QStringLiteral("RATE_PER"), tr("Analyse"),
                                       {tr("Hazard counts"), tr("Hazards per unit"),
                                        tr("Hazards per inspected unit"), tr("Hazards per 1,000 people")},
                                       false, 0));
    addParameter(advanced(new QgsProcessingParameterBoolean(
        QStringLiteral("EB_SMOOTHING"), tr("Empirical-Bayes smoothing of the rates (Marshall 1991)"),
        false)));
    addParameter(advanced(new QgsProcessingParameterString(
        QStringLiteral("VALUE_FIELD"), tr("Or analyse this numeric village field instead of hazards"),
        QVariant(), false, true)));
    addParameter(new QgsProcessingParameterEnum(
        QStringLiteral("WEIGHTS"), tr("Spatial weights"),
        {tr("Queen contiguity"), tr("Rook contiguity"), tr("Distance band"), tr("K nearest neighbours")},
        false, 0));
    addParameter(advanced(new QgsProcessingParameterNumber(
        QStringLiteral("THRESHOLD"),
        tr("Distance band (metres; empty: the smallest giving everyone a neighbour)"),
        QgsProcessingParameterNumber::Double, QVariant(), true, 0.0)));
    addParameter(
        advanced(new QgsProcessingParameterNumber(QStringLiteral("K"), tr("Neighbours (k nearest)"),
                                                  QgsProcessingParameterNumber::Integer, 8, false, 1)));
    addParameter(advanced(new QgsProcessingParameterNumber(
        QStringLiteral("TOLERANCE"), tr("Contiguity snapping tolerance (metres)"),
        QgsProcessingParameterNumber::Double, 0.1, false, 0.0)));
    addParameter(advanced(
        new QgsProcessingParameterNumber(QStringLiteral("PERMUTATIONS"), tr("Local Moran's I permutations"),
                                         QgsProcessingParameterNumber::Integer, 999, false, 0)));
    addParameter(
        advanced(new QgsProcessingParameterNumber(QStringLiteral("SEED"), tr("Seed of the permutations"),
                                                  QgsProcessingParameterNumber::Integer, 12345, false, 0)));
    addParameter(advanced(new QgsProcessingParameterNumber(
        QStringLiteral("HEX_SIZE"), tr("Hexagons of this size (metres) instead of villages"),
        QgsProcessingParameterNumber::Double, QVariant(), true, 0.0)));
    addParameter(advanced(new QgsProcessingParameterBoolean(
        QStringLiteral("NEIGHBOURS"), tr("Also write the neighbour pairs (layer neighbour_pairs)"), false)));
    addParameter(new QgsProcessingParameterFileDestination(QStringLiteral("OUTPUT"), tr("Village hot spots"),
                                                           tr("GeoPackage (*.gpkg)")));
}

QVariantMap HotspotsAlgorithm::processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                                QgsProcessingFeedback* feedback) {
    HotspotOptions o;
    o.hazards = HazardFilterParameters::filter(*this, parameters, context);
    o.ratePer = kRates[parameterAsEnum(parameters, QStringLiteral("RATE_PER"), context)];
    o.ebSmoothing = parameterAsBool(parameters, QStringLiteral("EB_SMOOTHING"), context);
    if (isSet(parameters, QStringLiteral("HEX_SIZE")))
        o.hexSize = parameterAsDouble(parameters, QStringLiteral("HEX_SIZE"), context);
    o.weights.kind = kWeights[parameterAsEnum(parameters, QStringLiteral("WEIGHTS"), context)];
    if (isSet(parameters, QStringLiteral("THRESHOLD")))
        o.weights.threshold = parameterAsDouble(parameters, QStringLiteral("THRESHOLD"), context);
    o.weights.k = parameterAsInt(parameters, QStringLiteral("K"), context);
    o.weights.tolerance = parameterAsDouble(parameters, QStringLiteral("TOLERANCE"), context);
    o.moran.permutations = parameterAsInt(parameters, QStringLiteral("PERMUTATIONS"), context);
    o.moran.seed = static_cast<std::uint64_t>(parameterAsInt(parameters, QStringLiteral("SEED"), context));
    const QString valueField =
        parameterAsString(parameters, QStringLiteral("VALUE_FIELD"), context).trimmed();

    // Only the layers the analysis needs, as `firebeat hotspots` reads them.
    ReadOptions options = SourceParameters::readOptions(*this, parameters, context);
    LayerNameParameters::apply(*this, parameters, context, options.mapping);
    options.checkConsistency = false;
    options.layers = {LayerKind::Hazards, o.hexSize ? LayerKind::PoliceDistricts : LayerKind::Villages};
    if (o.ratePer == RateBase::Units || o.ratePer == RateBase::InspectedUnits)
        options.layers.insert(LayerKind::Units);
    if (o.ratePer == RateBase::InspectedUnits)
        options.layers.insert(LayerKind::Inspections);
    if (!valueField.isEmpty())
        options.numericFields[LayerKind::Villages] = {valueField.toStdString()};
    const std::string source = SourceParameters::source(*this, parameters, context);
    const std::optional<ReadResult> read = readForAnalysis(source, options, feedback);
    if (!read)
        return {};
    if (!valueField.isEmpty()) {
        const AttributeColumn* column = read->data.attribute(LayerKind::Villages, valueField.toStdString());
        std::map<std::string, std::optional<double>, std::less<>> values;
        for (std::size_t i = 0; i < read->data.villages.size(); ++i)
            values[read->data.villages[i].id] = column->values[i];
        o.attribute = std::move(values);
    }

    const QString output = parameterAsFileOutput(parameters, QStringLiteral("OUTPUT"), context);
    FeedbackProgress progress(feedback);
    if (!runCore([&] {
            const HotspotResult result = analyseHotspots(read->data, o, &progress);
            HotspotsOutputOptions out;
            out.crs = read->data.crs;
            out.neighbourPairs = parameterAsBool(parameters, QStringLiteral("NEIGHBOURS"), context);
            out.parameters = {{"source", source},
                              {"permutations", std::to_string(o.moran.permutations)},
                              {"seed", std::to_string(o.moran.seed)}};
            writeHotspots(output.toStdString(), result, read->data, out);
            if (feedback)
                for (const std::string& note : result.notes)
                    feedback->pushInfo(QString::fromStdString(note));
        }))
        return {};
    loadStyledOnCompletion(context, output + QStringLiteral("|layername=village_hotspots"),
                           tr("Village hot spots"), QStringLiteral("village_hotspots"),
                           QStringLiteral("OUTPUT"));
    return {{QStringLiteral("OUTPUT"), output}};
}

} // namespace firebeat::qgis
