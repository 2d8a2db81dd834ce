#include "job_algorithm.h"

#include "feedback_progress.h"

#include "feature_copy.h"
#include "output_styles.h"

#include <qgsexception.h>
#include <qgsfeatureiterator.h>
#include <qgsprocessingcontext.h>
#include <qgsprocessingparameters.h>
#include <qgsprocessingutils.h>
#include <qgsvectorlayer.h>

#include <limits>

namespace firebeat::qgis {
namespace {

QString fromStd(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<int>(s.size()));
}

QgsProcessingParameterDefinition* flagged(QgsProcessingParameterDefinition* p, bool advanced) {
    if (advanced)
        p->setFlags(p->flags() | QgsProcessingParameterDefinition::FlagAdvanced);
    return p;
}

bool isGiven(const QVariant& v) {
    return v.isValid() && !v.isNull() && !(v.type() == QVariant::String && v.toString().trimmed().isEmpty());
}

// A single-layer vector or table output becomes a feature sink; the rest are files.
bool isSink(const OutputSpec& o) {
    return (o.kind == OutputKind::Vector || o.kind == OutputKind::Table) && o.layers.size() == 1;
}

QString fileFilter(const OutputSpec& o) {
    QStringList filters;
    for (const std::string& f : o.formats) {
        const QString ext = fromStd(f);
        const QString name = ext == QLatin1String("gpkg")   ? QStringLiteral("GeoPackage")
                             : ext == QLatin1String("csv")  ? QStringLiteral("CSV")
                             : ext == QLatin1String("json") ? QStringLiteral("JSON")
                             : ext == QLatin1String("html") ? QStringLiteral("HTML")
                             : ext == QLatin1String("tif")  ? QStringLiteral("GeoTIFF")
                                                            : ext.toUpper();
        filters << QStringLiteral("%1 (*.%2)").arg(name, ext);
    }
    return filters.join(QStringLiteral(";;"));
}

QgsProcessingParameterDefinition* optionParameter(const OptionSpec& o) {
    const QString name = parameterName(o.key);
    const QString help = translatedSpecText(o.help);
    const bool optional = o.defaultValue.empty();
    const QVariant defaultValue = optional ? QVariant() : QVariant(fromStd(o.defaultValue));
    switch (o.type) {
    case OptionType::Flag:
        return new QgsProcessingParameterBoolean(name, help, o.defaultValue == "true");
    case OptionType::Integer:
    case OptionType::Real: {
        const bool integer = o.type == OptionType::Integer;
        auto* p = new QgsProcessingParameterNumber(
            name, help,
            integer ? QgsProcessingParameterNumber::Integer : QgsProcessingParameterNumber::Double,
            optional ? QVariant() : QVariant(std::stod(o.defaultValue)), optional,
            o.minimum.value_or(std::numeric_limits<double>::lowest()),
            o.maximum.value_or(std::numeric_limits<double>::max()));
        return p;
    }
    case OptionType::Choice:
    case OptionType::List:
        if (!o.choices.empty()) {
            QStringList choices;
            int index = -1;
            for (std::size_t i = 0; i < o.choices.size(); ++i) {
                choices << fromStd(o.choices[i]);
                if (o.choices[i] == o.defaultValue)
                    index = static_cast<int>(i);
            }
            const bool multiple = o.type == OptionType::List;
            return new QgsProcessingParameterEnum(name, help, choices, multiple,
                                                  index >= 0 ? QVariant(index) : QVariant(), optional);
        }
        return new QgsProcessingParameterString(name, help, defaultValue, false, optional);
    case OptionType::Date:
        return new QgsProcessingParameterDateTime(name, help, QgsProcessingParameterDateTime::DateTime,
                                                  defaultValue, optional);
    case OptionType::Field:
        return new QgsProcessingParameterField(name, help, defaultValue, parameterName(o.layer),
                                               QgsProcessingParameterField::Any, false, true);
    case OptionType::Extent:
        return new QgsProcessingParameterExtent(name, help, QVariant(), true);
    case OptionType::File:
        return new QgsProcessingParameterFile(name, help, QgsProcessingParameterFile::File,
                                              fromStd(o.extension), defaultValue, optional);
    case OptionType::Text:
        break;
    }
    return new QgsProcessingParameterString(name, help, defaultValue, false, optional);
}

// The value of one option as the job reads it; nullopt when not given (the spec's default applies).
std::optional<std::string> optionText(const OptionSpec& o, const QgsProcessingParameterDefinition* d,
                                      const QVariantMap& parameters, QgsProcessingContext& context) {
    const QVariant raw = parameters.value(d->name());
    if (!isGiven(raw))
        return std::nullopt;
    switch (o.type) {
    case OptionType::Flag:
        return QgsProcessingParameters::parameterAsBool(d, parameters, context) ? "true" : "false";
    case OptionType::Integer:
        return std::to_string(QgsProcessingParameters::parameterAsInt(d, parameters, context));
    case OptionType::Real:
        return QString::number(QgsProcessingParameters::parameterAsDouble(d, parameters, context), 'g', 17)
            .toStdString();
    case OptionType::Choice:
        if (!o.choices.empty()) {
            const int i = QgsProcessingParameters::parameterAsEnum(d, parameters, context);
            return i >= 0 && i < static_cast<int>(o.choices.size()) ? o.choices[static_cast<std::size_t>(i)]
                                                                    : std::string();
        }
        break;
    case OptionType::List:
        if (!o.choices.empty()) {
            if (raw.type() == QVariant::List && raw.toList().isEmpty())
                return std::nullopt;
            std::string joined;
            for (const int i : QgsProcessingParameters::parameterAsEnums(d, parameters, context))
                if (i >= 0 && i < static_cast<int>(o.choices.size()))
                    joined += (joined.empty() ? "" : ",") + o.choices[static_cast<std::size_t>(i)];
            return joined;
        }
        break;
    case OptionType::Date: {
        // A date alone stays one (the job reads it as that whole day where it means so).
        if (raw.type() == QVariant::String)
            return raw.toString().trimmed().toStdString();
        if (raw.type() == QVariant::Date)
            return raw.toDate().toString(Qt::ISODate).toStdString();
        const QDateTime t = QgsProcessingParameters::parameterAsDateTime(d, parameters, context);
        // Qt::ISODate keeps an explicit offset ("Z", "+08:00") and leaves local times bare.
        return t.isValid() ? t.toString(Qt::ISODate).toStdString() : std::string();
    }
    case OptionType::Field: {
        const QStringList fields = QgsProcessingParameters::parameterAsFields(d, parameters, context);
        return fields.isEmpty() ? std::string() : fields.front().toStdString();
    }
    case OptionType::File:
        return QgsProcessingParameters::parameterAsFile(d, parameters, context).toStdString();
    case OptionType::Extent: {
        // In its own CRS: the job transforms it to the analysis CRS, which only the job knows.
        const QgsRectangle r = QgsProcessingParameters::parameterAsExtent(d, parameters, context);
        const QgsCoordinateReferenceSystem crs =
            QgsProcessingParameters::parameterAsExtentCrs(d, parameters, context);
        if (r.isNull())
            return std::nullopt;
        QString text = QStringLiteral("%1,%2,%3,%4")
                           .arg(r.xMinimum(), 0, 'g', 17)
                           .arg(r.yMinimum(), 0, 'g', 17)
                           .arg(r.xMaximum(), 0, 'g', 17)
                           .arg(r.yMaximum(), 0, 'g', 17);
        if (crs.isValid())
            text += QStringLiteral(" [%1]").arg(crs.authid().isEmpty()
                                                    ? crs.toWkt(QgsCoordinateReferenceSystem::WKT_PREFERRED)
                                                    : crs.authid());
        return text.toStdString();
    }
    case OptionType::Text:
        break;
    }
    return QgsProcessingParameters::parameterAsString(d, parameters, context).toStdString();
}

} // namespace

QString translatedSpecText(const std::string& text) {
    return QCoreApplication::translate("JobSpec", text.c_str());
}

QString parameterName(std::string_view key) {
    return fromStd(key).toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

QString fieldParameterName(const InputLayer& layer, const InputField& field) {
    return parameterName(layer.key) + QLatin1Char('_') + parameterName(field.key) + QStringLiteral("_FIELD");
}

QString JobAlgorithm::withParameterNames(const QString& message) const {
    const JobSpec& s = spec();
    std::vector<std::string> keys;
    for (const OptionSpec& o : s.options)
        keys.push_back(o.key);
    for (const OutputSpec& o : s.outputs)
        keys.push_back(o.key);
    for (const std::string& key : keys) {
        const QString prefix = fromStd(key) + QLatin1Char(':');
        if (message.startsWith(prefix))
            return parameterName(key) + message.mid(prefix.size() - 1);
    }
    return message;
}

void JobAlgorithm::initAlgorithm(const QVariantMap&) {
    addJobParameters();
}

QVariantMap JobAlgorithm::processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                           QgsProcessingFeedback* feedback) {
    const JobParameters job = jobParameters(parameters, context);
    FeedbackProgress progress(feedback);
    RunOutputs ran;
    if (!runJob([&] {
            MemorySource memory;
            ProgressSlice copying(&progress, 0, 0.2), running(&progress, 0.2, 1);
            ran = analyse(jobSource(parameters, context, memory, &copying, inputsWithAllFields(job)), job,
                          &running, feedback);
        }))
        return {};
    QVariantMap outputs = finishOutputs(parameters, context, job, ran.writtenLayers);
    outputs.insert(ran.extra);
    return outputs;
}

QString JobAlgorithm::shortHelpString() const {
    return translatedSpecText(spec().help);
}

void JobAlgorithm::addJobParameters() {
    const JobSpec& s = spec();
    bool polygons = false;
    for (const InputLayer& input : s.inputs) {
        QList<int> types;
        switch (input.geometry) {
        case GeometryKind::Point:
            types << static_cast<int>(QgsProcessing::TypeVectorPoint);
            break;
        case GeometryKind::Polygon:
            types << static_cast<int>(QgsProcessing::TypeVectorPolygon);
            if (input.pointsToo)
                types << static_cast<int>(QgsProcessing::TypeVectorPoint);
            polygons = true;
            break;
        case GeometryKind::None:
            types << static_cast<int>(QgsProcessing::TypeVector);
            break;
        }
        const QString layer = parameterName(input.key);
        addParameter(new QgsProcessingParameterFeatureSource(layer, translatedSpecText(input.help), types,
                                                             QVariant(), !input.required));
        for (const InputField& field : input.fields)
            addParameter(flagged(new QgsProcessingParameterField(
                                     fieldParameterName(input, field),
                                     tr("%1: %2 field").arg(fromStd(input.key), fromStd(field.key)),
                                     fromStd(field.key), layer, QgsProcessingParameterField::Any, false,
                                     !(field.required && input.required)),
                                 !field.required));
    }
    for (const OptionSpec& o : s.options)
        addParameter(flagged(optionParameter(o), o.advanced));
    if (!s.inputs.empty()) {
        addParameter(new QgsProcessingParameterBoolean(
            QStringLiteral("GCJ02"), tr("Point layers are in GCJ-02 (WeChat/Tencent/AMap coordinates)"),
            false));
        addParameter(flagged(new QgsProcessingParameterCrs(
                                 QStringLiteral("ANALYSIS_CRS"),
                                 tr("Analysis CRS (metric; empty: CGCS2000 Gauss-Kruger zone of the data)"),
                                 QVariant(), true),
                             true));
        if (polygons)
            addParameter(new QgsProcessingParameterBoolean(
                QStringLiteral("REPAIR_GEOMETRIES"),
                tr("Repair invalid polygons (GEOS MakeValid) instead of skipping them"), false));
    }
    for (const OutputSpec& o : s.outputs) {
        const QString name = parameterName(o.key);
        const QString help = translatedSpecText(o.help);
        if (isSink(o))
            addParameter(new QgsProcessingParameterFeatureSink(name, help,
                                                               o.kind == OutputKind::Table
                                                                   ? QgsProcessing::TypeVector
                                                                   : QgsProcessing::TypeVectorAnyGeometry,
                                                               QVariant(), o.optional));
        else if (o.kind == OutputKind::Raster)
            addParameter(new QgsProcessingParameterRasterDestination(name, help, QVariant(), o.optional));
        else
            addParameter(
                new QgsProcessingParameterFileDestination(name, help, fileFilter(o), QVariant(), o.optional));
    }
}

JobParameters JobAlgorithm::jobParameters(const QVariantMap& parameters,
                                          QgsProcessingContext& context) const {
    const JobSpec& s = spec();
    JobParameters p(s);
    for (const OptionSpec& o : s.options)
        if (const QgsProcessingParameterDefinition* d = parameterDefinition(parameterName(o.key)))
            if (const auto text = optionText(o, d, parameters, context))
                p.set(o.key, *text);
    for (const OutputSpec& o : s.outputs) {
        const QString name = parameterName(o.key);
        if (!isGiven(parameters.value(name)))
            continue;
        const QString path =
            isSink(o) ? QgsProcessingUtils::generateTempFilename(name + QStringLiteral(".gpkg"))
            : o.kind == OutputKind::Raster ? parameterAsOutputLayer(parameters, name, context)
                                           : parameterAsFileOutput(parameters, name, context);
        if (!path.isEmpty())
            p.setOutput(o.key, path.toStdString());
    }
    return p;
}

JobSource JobAlgorithm::jobSource(const QVariantMap& parameters, QgsProcessingContext& context,
                                  MemorySource& memory, Progress* progress,
                                  const std::set<std::string>& allFields) const {
    JobSource source =
        FeatureCopy::copyInputs(spec(), *this, parameters, context, memory, progress, allFields);
    source.read.mapping.setGcj02AllPointLayers(parameterAsBool(parameters, QStringLiteral("GCJ02"), context));
    const QgsCoordinateReferenceSystem crs =
        parameterAsCrs(parameters, QStringLiteral("ANALYSIS_CRS"), context);
    if (crs.isValid()) {
        if (crs.isGeographic())
            throw QgsProcessingException(
                tr("ANALYSIS_CRS: %1 is geographic; choose a projected CRS in metres").arg(crs.authid()));
        source.read.analysisCrs = crs.authid().isEmpty()
                                      ? crs.toWkt(QgsCoordinateReferenceSystem::WKT_PREFERRED).toStdString()
                                      : crs.authid().toStdString();
    }
    if (parameterDefinition(QStringLiteral("REPAIR_GEOMETRIES")))
        source.read.repairInvalidGeometries =
            parameterAsBool(parameters, QStringLiteral("REPAIR_GEOMETRIES"), context);
    return source;
}

QVariantMap JobAlgorithm::finishOutputs(const QVariantMap& parameters, QgsProcessingContext& context,
                                        const JobParameters& job,
                                        const std::map<std::string, std::string>& writtenLayers) const {
    QVariantMap outputs;
    for (const OutputSpec& o : spec().outputs) {
        const QString name = parameterName(o.key);
        const QString path = QString::fromStdString(job.output(o.key));
        if (path.isEmpty())
            continue;
        if (isSink(o)) {
            const auto renamed = writtenLayers.find(o.key);
            const QString layerName =
                fromStd(renamed != writtenLayers.end() ? renamed->second : o.layers.front());
            QgsVectorLayer written(path + QStringLiteral("|layername=") + layerName, layerName,
                                   QStringLiteral("ogr"));
            if (!written.isValid())
                throw QgsProcessingException(tr("%1: the job wrote no layer %2").arg(name, layerName));
            QString destination;
            std::unique_ptr<QgsFeatureSink> sink(parameterAsSink(
                parameters, name, context, destination, written.fields(), written.wkbType(), written.crs()));
            if (!sink)
                throw QgsProcessingException(invalidSinkError(parameters, name));
            QgsFeature f;
            for (QgsFeatureIterator it = written.getFeatures(); it.nextFeature(f);)
                if (!sink->addFeature(f, QgsFeatureSink::FastInsert))
                    throw QgsProcessingException(writeFeatureError(sink.get(), parameters, name));
            sink.reset();
            if (context.willLoadLayerOnCompletion(destination))
                context.layerToLoadOnCompletionDetails(destination)
                    .setPostProcessor(stylePostProcessor(fromStd(o.layers.front())));
            outputs.insert(name, destination);
            // Metadata and audit tables stay in the job's file, loaded from there when written.
            for (const std::string& extra : o.extraLayers) {
                const QString uri = path + QStringLiteral("|layername=") + fromStd(extra);
                if (QgsVectorLayer(uri, QString(), QStringLiteral("ogr")).isValid())
                    loadStyledOnCompletion(context, uri, fromStd(extra), fromStd(extra), name);
            }
        } else if (o.kind == OutputKind::Raster) {
            if (context.willLoadLayerOnCompletion(path) && !o.layers.empty())
                context.layerToLoadOnCompletionDetails(path).setPostProcessor(
                    stylePostProcessor(fromStd(o.layers.front())));
            outputs.insert(name, path);
        } else {
            if (o.kind == OutputKind::Vector && path.endsWith(QStringLiteral(".gpkg"), Qt::CaseInsensitive))
                for (const std::string& layer : o.layers) {
                    const QString uri = path + QStringLiteral("|layername=") + fromStd(layer);
                    if (QgsVectorLayer(uri, QString(), QStringLiteral("ogr")).isValid())
                        loadStyledOnCompletion(context, uri, fromStd(layer), fromStd(layer), name);
                }
            else if (o.kind != OutputKind::Html)
                loadStyledOnCompletion(context, path, fromStd(o.layers.empty() ? o.key : o.layers.front()),
                                       fromStd(o.layers.empty() ? o.key : o.layers.front()), name);
            outputs.insert(name, path);
        }
    }
    return outputs;
}

} // namespace firebeat::qgis
