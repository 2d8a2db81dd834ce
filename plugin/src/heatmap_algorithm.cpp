#include "heatmap_algorithm.h"

#include "algorithm_support.h"
#include "feedback_progress.h"
#include "hazard_features.h"
#include "hazard_filter_parameters.h"
#include "output_styles.h"

#include "firebeat/heatmap_job.h"
#include "firebeat/heatmap_scale.h"

#include <qgsprocessingparameters.h>

namespace firebeat::qgis {
namespace {

constexpr Kernel kKernels[] = {Kernel::Quartic,   Kernel::Triangular,   Kernel::Uniform,
                               Kernel::Triweight, Kernel::Epanechnikov, Kernel::Gaussian};
constexpr OutputValue kValues[] = {OutputValue::Density, OutputValue::Raw, OutputValue::Scaled};

// The data-model fields of the hazards layer: (parameter, default name from docs/data-model.md, label).
struct FieldParameter {
    const char* name;
    const char* defaultField;
    const char* label;
};
constexpr FieldParameter kFields[] = {
    {"ID_FIELD", "hazard_id", QT_TRANSLATE_NOOP("HeatmapAlgorithm", "Hazard id field")},
    {"SEVERITY_FIELD", "severity", QT_TRANSLATE_NOOP("HeatmapAlgorithm", "Severity field (1-3)")},
    {"FOUND_AT_FIELD", "found_at", QT_TRANSLATE_NOOP("HeatmapAlgorithm", "Found-at field (date)")},
    {"RECTIFIED_AT_FIELD", "rectified_at",
     QT_TRANSLATE_NOOP("HeatmapAlgorithm", "Rectified-at field (date; empty = open)")},
    {"CATEGORY_FIELD", "category", QT_TRANSLATE_NOOP("HeatmapAlgorithm", "Category field (code)")},
    {"SOURCE_FIELD", "source",
     QT_TRANSLATE_NOOP("HeatmapAlgorithm", "Source field (inspection / hotline_96119)")},
};

} // namespace

QStringList HeatmapAlgorithm::tags() const {
    return tr("heatmap,kde,kernel density,hazard,fire,inspection").split(QLatin1Char(','));
}

QIcon HeatmapAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/heatmap.svg"));
}

QString HeatmapAlgorithm::shortHelpString() const {
    return tr(
        "Computes a kernel-density heatmap of fire hazards to a GeoTIFF, identical to the command line's "
        "`firebeat heatmap`.\n\n"
        "Each hazard that passes the filters (found between FROM and TO, still open, categories, minimum "
        "severity, source) gets a weight: by severity (default 1, 2, 4 for severity 1, 2, 3) or from a "
        "weight field, optionally times 0.5^(age in days / half-life). The raster value at x is "
        "sum of w_i K(|x - x_i| / h) over the hazards, with h the radius (fixed or per hazard).\n\n"
        "Output values: density = hazards per km² (mass-conserving, the raster integrates to the total "
        "weight); raw and scaled = QGIS's Heatmap (Kernel Density Estimation) values. With "
        "'QGIS compatible' the grid and values reproduce qgis:heatmapkerneldensityestimation exactly.\n\n"
        "The analysis runs in a metric CRS: the one given, else the CGCS2000 3-degree Gauss-Kruger zone of "
        "the layer. Hazards in GCJ-02 (WeChat/Tencent/AMap maps) are converted to WGS 84 first. The raster "
        "covers the hazards' extent grown by the radius, or the extent given (transformed to the analysis "
        "CRS); overviews and Cloud Optimized GeoTIFF are as `--overviews` and `--cog`.\n\n"
        "References: Silverman, B. W. (1986) Density Estimation for Statistics and Data Analysis; "
        "QGIS Heatmap (Kernel Density Estimation) documentation.");
}

void HeatmapAlgorithm::initAlgorithm(const QVariantMap&) {
    const QString input = QStringLiteral("INPUT");
    addParameter(new QgsProcessingParameterFeatureSource(input, tr("Hazards (points)"),
                                                         {static_cast<int>(QgsProcessing::TypeVectorPoint)}));
    for (const FieldParameter& f : kFields)
        addParameter(advanced(new QgsProcessingParameterField(
            QString::fromLatin1(f.name), tr(f.label), QString::fromLatin1(f.defaultField), input,
            QgsProcessingParameterField::Any, false, true)));
    addParameter(new QgsProcessingParameterField(
        QStringLiteral("WEIGHT_FIELD"), tr("Weight field (instead of weighting by severity)"), QVariant(),
        input, QgsProcessingParameterField::Numeric, false, true));
    auto* radius = new QgsProcessingParameterDistance(QStringLiteral("RADIUS"), tr("Radius (metres)"), 500.0);
    radius->setDefaultUnit(QgsUnitTypes::DistanceMeters);
    radius->setMinimum(0.0);
    addParameter(radius);
    addParameter(new QgsProcessingParameterField(
        QStringLiteral("RADIUS_FIELD"), tr("Radius field (metres per hazard, instead of the radius)"),
        QVariant(), input, QgsProcessingParameterField::Numeric, false, true));
    addParameter(advanced(new QgsProcessingParameterBoolean(
        QStringLiteral("AUTO_RADIUS"), tr("Automatic radius (spatial Silverman rule, instead of the radius)"),
        false)));
    addParameter(new QgsProcessingParameterNumber(QStringLiteral("PIXEL_SIZE"), tr("Pixel size (metres)"),
                                                  QgsProcessingParameterNumber::Double, kHeatmapPixelSize,
                                                  false, 0.0));
    addParameter(new QgsProcessingParameterEnum(
        QStringLiteral("KERNEL"), tr("Kernel shape"),
        {tr("Quartic"), tr("Triangular"), tr("Uniform"), tr("Triweight"), tr("Epanechnikov"), tr("Gaussian")},
        false, 0));
    addParameter(advanced(new QgsProcessingParameterNumber(QStringLiteral("DECAY"),
                                                           tr("Decay ratio (triangular kernel, as QGIS)"),
                                                           QgsProcessingParameterNumber::Double, 0.0)));
    addParameter(new QgsProcessingParameterEnum(
        QStringLiteral("OUTPUT_VALUE"), tr("Output value"),
        {tr("Density (hazards per km²)"), tr("Raw (QGIS)"), tr("Scaled (QGIS)")}, false, 0));
    addParameter(advanced(new QgsProcessingParameterBoolean(
        QStringLiteral("QGIS_COMPATIBLE"), tr("Reproduce QGIS's heatmap exactly (grid, values, nodata)"),
        false)));
    for (QgsProcessingParameterDefinition* p : HazardFilterParameters::definitions())
        addParameter(p);
    addParameter(advanced(new QgsProcessingParameterString(
        QStringLiteral("SEVERITY_WEIGHTS"), tr("Weights of severity 1, 2, 3"), QStringLiteral("1,2,4"))));
    addParameter(advanced(new QgsProcessingParameterNumber(
        QStringLiteral("HALF_LIFE_DAYS"), tr("Time decay: half-life in days (empty: none)"),
        QgsProcessingParameterNumber::Double, QVariant(), true, 0.0)));
    addParameter(advanced(new QgsProcessingParameterDateTime(
        QStringLiteral("REFERENCE_DATE"), tr("Time decay: reference date (default: TO)"),
        QgsProcessingParameterDateTime::DateTime, QVariant(), true)));
    addParameter(advanced(new QgsProcessingParameterCrs(
        QStringLiteral("ANALYSIS_CRS"),
        tr("Analysis CRS (metric; empty: CGCS2000 Gauss-Kruger zone of the data)"), QVariant(), true)));
    addParameter(new QgsProcessingParameterBoolean(
        QStringLiteral("GCJ02"), tr("Hazards are in GCJ-02 (WeChat/Tencent/AMap coordinates)"), false));
    addParameter(advanced(new QgsProcessingParameterExtent(
        QStringLiteral("EXTENT"), tr("Raster extent (empty: the hazards' extent grown by the radius)"),
        QVariant(), true)));
    addParameter(advanced(
        new QgsProcessingParameterBoolean(QStringLiteral("OVERVIEWS"), tr("Add internal overviews"), false)));
    addParameter(advanced(new QgsProcessingParameterBoolean(
        QStringLiteral("COG"), tr("Write a Cloud Optimized GeoTIFF (with overviews)"), false)));
    addParameter(new QgsProcessingParameterRasterDestination(QStringLiteral("OUTPUT"), tr("Heatmap")));
}

QVariantMap HeatmapAlgorithm::processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                               QgsProcessingFeedback* feedback) {
    std::unique_ptr<QgsProcessingFeatureSource> source(
        parameterAsSource(parameters, QStringLiteral("INPUT"), context));
    if (!source)
        throw QgsProcessingException(invalidSourceError(parameters, QStringLiteral("INPUT")));
    auto field = [&](const char* name) {
        return parameterAsString(parameters, QString::fromLatin1(name), context);
    };
    HazardFieldNames names{field("ID_FIELD"),           field("SEVERITY_FIELD"), field("FOUND_AT_FIELD"),
                           field("RECTIFIED_AT_FIELD"), field("CATEGORY_FIELD"), field("SOURCE_FIELD"),
                           field("WEIGHT_FIELD"),       field("RADIUS_FIELD")};
    const bool autoRadius = parameterAsBool(parameters, QStringLiteral("AUTO_RADIUS"), context);
    if (autoRadius && !names.radius.isEmpty())
        throw QgsProcessingException(tr("choose either a RADIUS_FIELD or AUTO_RADIUS, not both"));

    HeatmapJob job;
    job.filter = HazardFilterParameters::filter(*this, parameters, context);
    job.pixelSize = parameterAsDouble(parameters, QStringLiteral("PIXEL_SIZE"), context);
    const QStringList w =
        parameterAsString(parameters, QStringLiteral("SEVERITY_WEIGHTS"), context).split(',');
    bool ok = w.size() == 3;
    for (int i = 0; ok && i < 3; ++i)
        job.weighting.severityWeights[static_cast<std::size_t>(i)] = w[i].toDouble(&ok);
    if (!ok)
        throw QgsProcessingException(tr("SEVERITY_WEIGHTS: expected three numbers, e.g. 1,2,4"));
    if (isSet(parameters, QStringLiteral("HALF_LIFE_DAYS"))) {
        job.weighting.halfLifeDays = parameterAsDouble(parameters, QStringLiteral("HALF_LIFE_DAYS"), context);
        auto reference =
            HazardFilterParameters::timestamp(*this, parameters, QStringLiteral("REFERENCE_DATE"), context);
        if (!reference)
            reference = job.filter.to;
        if (!reference)
            throw QgsProcessingException(
                tr("HALF_LIFE_DAYS needs a REFERENCE_DATE (or TO) to count ages from"));
        job.weighting.referenceDate = *reference;
    }
    job.kde.kernel = kKernels[parameterAsEnum(parameters, QStringLiteral("KERNEL"), context)];
    job.kde.decay = parameterAsDouble(parameters, QStringLiteral("DECAY"), context);
    job.kde.value = kValues[parameterAsEnum(parameters, QStringLiteral("OUTPUT_VALUE"), context)];
    job.kde.qgisCompatible = parameterAsBool(parameters, QStringLiteral("QGIS_COMPATIBLE"), context);
    if (job.kde.qgisCompatible && job.kde.value == OutputValue::Density)
        throw QgsProcessingException(tr("QGIS_COMPATIBLE reproduces QGIS's raw or scaled output: choose one "
                                        "of them as the output value"));

    const QgsCoordinateReferenceSystem crs = HazardFeatureReader::analysisCrs(
        *source, parameterAsCrs(parameters, QStringLiteral("ANALYSIS_CRS"), context), context);
    HazardFeatures features = HazardFeatureReader::read(
        *source, names, crs, parameterAsBool(parameters, QStringLiteral("GCJ02"), context), context,
        feedback);
    if (feedback && feedback->isCanceled())
        return {};
    if (!names.weight.isEmpty()) {
        job.weighting.perHazard = std::move(features.weights);
        job.weightDescription = "field " + names.weight.toStdString();
    }
    if (!names.radius.isEmpty()) {
        job.bandwidth.perHazard = std::move(features.radii);
        job.radiusDescription = "field " + names.radius.toStdString();
    } else if (autoRadius) {
        job.bandwidth.automatic = true;
        job.radiusDescription = "automatic (spatial Silverman rule)";
    } else {
        job.bandwidth.metres = parameterAsDouble(parameters, QStringLiteral("RADIUS"), context);
        job.radiusDescription = QString::number(job.bandwidth.metres).toStdString() + " m";
    }
    job.tiff.crs = crs.authid().isEmpty()
                       ? crs.toWkt(QgsCoordinateReferenceSystem::WKT_PREFERRED).toStdString()
                       : crs.authid().toStdString();
    // An unset extent comes back null; one drawn on the canvas is transformed to the analysis CRS.
    const QgsRectangle extent = parameterAsExtent(parameters, QStringLiteral("EXTENT"), context, crs);
    if (!extent.isNull()) {
        if (extent.isEmpty())
            throw QgsProcessingException(tr("EXTENT: expected a rectangle with xmin < xmax and ymin < ymax"));
        job.extent = Envelope{extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()};
    }
    job.tiff.overviews = parameterAsBool(parameters, QStringLiteral("OVERVIEWS"), context);
    job.tiff.cog = parameterAsBool(parameters, QStringLiteral("COG"), context);

    const QString output = parameterAsOutputLayer(parameters, QStringLiteral("OUTPUT"), context);
    FeedbackProgress progress(feedback);
    HeatmapSummary summary;
    if (!runCore([&] { summary = runHeatmapJob(features.hazards, job, output.toStdString(), &progress); }))
        return {};
    if (feedback)
        feedback->pushInfo(tr("%1 x %2 pixels of %3 m in %4, %5 hazards (total weight %6), max %7")
                               .arg(summary.window.width)
                               .arg(summary.window.height)
                               .arg(summary.window.grid.pixelSize)
                               .arg(crs.authid())
                               .arg(static_cast<qulonglong>(summary.points))
                               .arg(summary.totalWeight)
                               .arg(summary.maxValue));
    // The framework loads a raster destination itself when the user asked for it: style it then.
    if (context.willLoadLayerOnCompletion(output))
        context.layerToLoadOnCompletionDetails(output).setPostProcessor(
            stylePostProcessor(QStringLiteral("hazard_heatmap")));
    return {{QStringLiteral("OUTPUT"), output}};
}

} // namespace firebeat::qgis
