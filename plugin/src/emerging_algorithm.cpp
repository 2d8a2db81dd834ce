#include "emerging_algorithm.h"

#include "algorithm_support.h"
#include "feedback_progress.h"
#include "output_styles.h"

#include "firebeat/crs.h"
#include "firebeat/emerging_writer.h"

#include <qgscoordinatetransform.h>
#include <qgsfeatureiterator.h>
#include <qgsprocessingparameters.h>
#include <qgsprocessingutils.h>

namespace firebeat::qgis {
namespace {

// QGIS parameter names of the job's declaration: "id-field" -> ID_FIELD, layer "villages" -> VILLAGES.
QString parameterName(const std::string& key) {
    return QString::fromStdString(key).toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

QgsProcessingParameterDefinition* definition(const OptionSpec& o) {
    const QString name = parameterName(o.key);
    const QString help = QString::fromStdString(o.help);
    const QVariant fallback =
        o.defaultValue.empty() ? QVariant() : QVariant(QString::fromStdString(o.defaultValue));
    const bool optional = o.key != "reference-date";
    QgsProcessingParameterDefinition* p = nullptr;
    switch (o.type) {
    case OptionType::Flag:
        p = new QgsProcessingParameterBoolean(name, help, o.defaultValue == "true", true);
        break;
    case OptionType::Integer:
    case OptionType::Real:
        p = new QgsProcessingParameterNumber(
            name, help,
            o.type == OptionType::Integer ? QgsProcessingParameterNumber::Integer
                                          : QgsProcessingParameterNumber::Double,
            fallback, optional, o.minimum.value_or(std::numeric_limits<double>::lowest()),
            o.maximum.value_or(std::numeric_limits<double>::max()));
        break;
    case OptionType::Choice: {
        QStringList choices;
        int index = 0;
        for (std::size_t i = 0; i < o.choices.size(); ++i) {
            choices << QString::fromStdString(o.choices[i]);
            if (o.choices[i] == o.defaultValue)
                index = static_cast<int>(i);
        }
        p = new QgsProcessingParameterEnum(name, help, choices, false, index, optional);
        break;
    }
    case OptionType::Field:
        p = new QgsProcessingParameterField(name, help, fallback, parameterName(o.layer),
                                            QgsProcessingParameterField::Any, false, optional);
        break;
    case OptionType::Text:
    case OptionType::Date:
    case OptionType::List:
    case OptionType::File:
        p = new QgsProcessingParameterString(name, help, fallback, false, optional);
        break;
    }
    if (o.advanced)
        p->setFlags(p->flags() | QgsProcessingParameterDefinition::FlagAdvanced);
    return p;
}

// The parameters given, as the job's option texts (unset ones take the job's defaults).
JobParameters jobParameters(const QgsProcessingAlgorithm& alg, const JobSpec& job,
                            const QVariantMap& parameters, QgsProcessingContext& context) {
    JobParameters out(job);
    for (const OptionSpec& o : job.options) {
        const QString name = parameterName(o.key);
        if (!isSet(parameters, name))
            continue;
        switch (o.type) {
        case OptionType::Flag:
            out.set(o.key, QgsProcessingParameters::parameterAsBool(alg.parameterDefinition(name), parameters,
                                                                    context)
                               ? "true"
                               : "false");
            break;
        case OptionType::Choice:
            out.set(o.key, o.choices.at(static_cast<std::size_t>(QgsProcessingParameters::parameterAsEnum(
                               alg.parameterDefinition(name), parameters, context))));
            break;
        default:
            out.set(o.key, parameters.value(name).toString().trimmed().toStdString());
        }
    }
    return out;
}

// The analysis CRS: the polygons' own when projected, else their Gauss-Kruger/UTM zone (as the
// core reader chooses it).
QgsCoordinateReferenceSystem analysisCrs(const QgsProcessingFeatureSource& polygons,
                                         QgsProcessingContext& context) {
    const QgsCoordinateReferenceSystem own = polygons.sourceCrs();
    if (!own.isValid())
        throw QgsProcessingException(QObject::tr("VILLAGES: the layer has no coordinate reference system"));
    if (!own.isGeographic())
        return own;
    const QgsCoordinateTransform toWgs84(own, QgsCoordinateReferenceSystem(QStringLiteral("EPSG:4326")),
                                         context.transformContext());
    const QgsPointXY centre = toWgs84.transform(polygons.sourceExtent().center());
    return QgsCoordinateReferenceSystem(QString::fromStdString(metricCrsFor(centre.x(), centre.y())));
}

std::string timeText(const QVariant& v) {
    if (v.isNull())
        return {};
    // QGIS hands date-times over in the computer's local time (converting those stored with an
    // offset, as GeoPackage stores all): back to UTC, with the offset written out.
    if (v.type() == QVariant::DateTime)
        return v.toDateTime().toUTC().toString(Qt::ISODate).toStdString();
    if (v.type() == QVariant::Date)
        return v.toDate().toString(Qt::ISODate).toStdString();
    return v.toString().toStdString();
}

EmergingInput readInput(QgsProcessingFeatureSource& polygons, QgsProcessingFeatureSource& points,
                        const JobParameters& job, QgsProcessingContext& context,
                        QgsProcessingFeedback* feedback) {
    EmergingInput in;
    in.locationsLayer = polygons.sourceName().toStdString();
    in.eventsLayer = points.sourceName().toStdString();
    const QgsCoordinateReferenceSystem crs = analysisCrs(polygons, context);
    in.crs = crs.authid().isEmpty() ? crs.toWkt().toStdString() : crs.authid().toStdString();

    const QgsFields fields = polygons.fields();
    const int idField =
        job.has("id-field") ? fields.lookupField(QString::fromStdString(job.text("id-field"))) : -1;
    if (job.has("id-field") && idField < 0)
        throw InputError("id-field: layer " + in.locationsLayer + " has no field " + job.text("id-field"));
    std::vector<int> copied; // the attributes copied to the output (not the GeoPackage fid column)
    for (int i = 0; i < fields.count(); ++i) {
        const QgsField& f = fields.at(i);
        if (f.name().compare(QLatin1String("fid"), Qt::CaseInsensitive) == 0 && f.isNumeric())
            continue;
        const QVariant::Type t = f.type();
        const AttributeType type =
            t == QVariant::Int || t == QVariant::LongLong || t == QVariant::UInt || t == QVariant::ULongLong
                ? AttributeType::Integer
            : t == QVariant::Double ? AttributeType::Real
                                    : AttributeType::Text;
        in.fields.push_back({f.name().toStdString(), type});
        copied.push_back(i);
    }
    const QgsCoordinateTransform toPolygons(polygons.sourceCrs(), crs, context.transformContext());
    QgsFeature f;
    for (QgsFeatureIterator it = polygons.getFeatures(); it.nextFeature(f);) {
        if (feedback && feedback->isCanceled())
            throw Cancelled();
        const std::string where = "layer " + in.locationsLayer + ", feature " + std::to_string(f.id());
        Area area;
        if (idField >= 0) {
            if (f.attribute(idField).isNull())
                throw InputError(where + ": the id field " + job.text("id-field") + " is empty");
            area.id = f.attribute(idField).toString().toStdString();
        } else {
            area.id = std::to_string(f.id());
        }
        QgsGeometry g = f.geometry();
        if (g.isEmpty() || g.type() != QgsWkbTypes::PolygonGeometry)
            throw InputError(where + " (id " + area.id + "): not a polygon");
        g.transform(toPolygons);
        const QByteArray wkb = g.asWkb();
        area.geometry.wkb.assign(wkb.begin(), wkb.end());
        const QgsRectangle box = g.boundingBox();
        area.geometry.envelope = {box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()};
        std::vector<AttributeValue> row(copied.size());
        for (std::size_t c = 0; c < copied.size(); ++c) {
            const QVariant v = f.attribute(copied[c]);
            if (v.isNull())
                continue;
            switch (in.fields[c].type) {
            case AttributeType::Integer:
                row[c] = static_cast<std::int64_t>(v.toLongLong());
                break;
            case AttributeType::Real:
                row[c] = v.toDouble();
                break;
            case AttributeType::Text:
                row[c] = v.toString().toStdString();
                break;
            }
        }
        in.locations.push_back(std::move(area));
        in.attributes.push_back(std::move(row));
    }

    const QgsFields eventFields = points.fields();
    const int time = eventFields.lookupField(QString::fromStdString(job.text("time-field")));
    if (time < 0)
        throw InputError("time-field: layer " + in.eventsLayer + " has no field " + job.text("time-field"));
    const int severity = eventFields.lookupField(QStringLiteral("severity")),
              category = eventFields.lookupField(QStringLiteral("category")),
              rectified = eventFields.lookupField(QStringLiteral("rectified_at")),
              source = eventFields.lookupField(QStringLiteral("source"));
    EmergingEventRules rules(job, {severity >= 0, category >= 0, rectified >= 0, source >= 0},
                             in.eventsLayer);
    const QgsCoordinateTransform toAnalysis(points.sourceCrs(), crs, context.transformContext());
    const double total = points.featureCount() > 0 ? static_cast<double>(points.featureCount()) : 1.0;
    long long n = 0;
    for (QgsFeatureIterator it = points.getFeatures(); it.nextFeature(f); ++n) {
        if (feedback) {
            if (feedback->isCanceled())
                throw Cancelled();
            if (n % 16384 == 0)
                feedback->setProgress(40.0 * static_cast<double>(n) / total);
        }
        QgsGeometry g = f.geometry();
        if (g.isEmpty() || g.type() != QgsWkbTypes::PointGeometry || g.constGet()->partCount() != 1)
            throw InputError("layer " + in.eventsLayer + ", feature " + std::to_string(f.id()) +
                             ": not a point");
        g.convertToSingleType();
        const QgsPointXY p = toAnalysis.transform(g.asPoint());
        RawEvent e;
        e.fid = f.id();
        e.position = {p.x(), p.y()};
        e.timeText = timeText(f.attribute(time));
        if (severity >= 0)
            e.severity = f.attribute(severity).toInt();
        if (category >= 0)
            e.category = f.attribute(category).toString().toStdString();
        if (rectified >= 0 && !f.attribute(rectified).isNull())
            e.rectified = parseTimestamp(timeText(f.attribute(rectified))).value_or(0);
        if (source >= 0)
            e.source = f.attribute(source).toString().toStdString();
        rules.add(e, in);
    }
    rules.finish();
    return in;
}

// The pattern names as the style's labels, for the translation (applied when the layer loads).
[[maybe_unused]] const char* const kPatternLabels[] = {
    QT_TRANSLATE_NOOP("FireBeatStyles", "New Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Consecutive Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Intensifying Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Persistent Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Diminishing Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Sporadic Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Oscillating Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Historical Hot Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "New Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Consecutive Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Intensifying Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Persistent Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Diminishing Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Sporadic Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Oscillating Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "Historical Cold Spot"),
    QT_TRANSLATE_NOOP("FireBeatStyles", "No Pattern Detected"),
};

} // namespace

QIcon EmergingAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/hotspots.svg"));
}

QString EmergingAlgorithm::shortHelpString() const {
    return tr(
        "Which villages are new, consecutive, intensifying, persistent, diminishing, sporadic, oscillating "
        "or historical hot (or cold) spots, month by month (China Standard Time months from the earliest "
        "event to the reference date's month). Space-time Getis-Ord Gi* over the whole cube (queen "
        "neighbours, this month and the previous NEIGHBOURHOOD_STEPS months), Benjamini-Hochberg FDR at "
        "90 % over all bins, a Mann-Kendall trend per village and the 17 patterns of ArcGIS Pro's "
        "Emerging Hot Spot Analysis, tested in its order.\n\n"
        "VILLAGES is any polygon layer (ID_FIELD: its id, default the feature id); EVENTS any point layer "
        "with a date-time field (TIME_FIELD). The hazard filters need the hazards' fields.\n\n"
        "Writes the layer emerging_hotspots (the polygons' fields plus pattern, code, trend_z, trend_p, "
        "n_hot, n_cold, final_z) and the table emerging_bins (count, gi_z, gi_p, class per village and "
        "month), identical to the command line's `firebeat emerging`.");
}

void EmergingAlgorithm::initAlgorithm(const QVariantMap&) {
    const JobSpec& job = emergingJob();
    for (const InputLayer& layer : job.inputs)
        addParameter(new QgsProcessingParameterFeatureSource(
            parameterName(layer.key), QString::fromStdString(layer.help),
            {layer.geometry == GeometryKind::Polygon ? static_cast<int>(QgsProcessing::TypeVectorPolygon)
                                                     : static_cast<int>(QgsProcessing::TypeVectorPoint)}));
    for (const OptionSpec& o : job.options)
        addParameter(definition(o));
    addParameter(new QgsProcessingParameterFileDestination(QStringLiteral("OUTPUT"), tr("Emerging hot spots"),
                                                           tr("GeoPackage (*.gpkg)")));
}

QVariantMap EmergingAlgorithm::processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                                QgsProcessingFeedback* feedback) {
    const JobSpec& job = emergingJob();
    std::unique_ptr<QgsProcessingFeatureSource> polygons(
        parameterAsSource(parameters, QStringLiteral("VILLAGES"), context));
    std::unique_ptr<QgsProcessingFeatureSource> points(
        parameterAsSource(parameters, QStringLiteral("EVENTS"), context));
    if (!polygons || !points)
        throw QgsProcessingException(tr("VILLAGES and EVENTS are required"));
    const QString output = parameterAsFileOutput(parameters, QStringLiteral("OUTPUT"), context);
    FeedbackProgress progress(feedback);
    if (!runCore([&] {
            const JobParameters values = jobParameters(*this, job, parameters, context);
            const EmergingOptions options = emergingOptions(values);
            const EmergingInput input = readInput(*polygons, *points, values, context, feedback);
            ProgressSlice analysing(&progress, 0.4, 0.95);
            const EmergingResult result = analyseEmerging(input, options, &analysing);
            EmergingOutputOptions out;
            out.parameters = {{"reference_date", values.text("reference-date")},
                              {"neighbourhood_steps", std::to_string(options.neighbourhoodSteps)}};
            writeEmerging(output.toStdString(), input, result, out);
            if (feedback)
                for (const std::string& note : result.notes)
                    feedback->pushInfo(QString::fromStdString(note));
        }))
        return {};
    loadStyledOnCompletion(context, output + QStringLiteral("|layername=emerging_hotspots"),
                           tr("Emerging hot spots"), QStringLiteral("emerging_hotspots"),
                           QStringLiteral("OUTPUT"));
    return {{QStringLiteral("OUTPUT"), output}};
}

} // namespace firebeat::qgis
