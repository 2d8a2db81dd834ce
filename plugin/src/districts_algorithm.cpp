#include "districts_algorithm.h"

#include "algorithm_support.h"
#include "feedback_progress.h"
#include "output_styles.h"
#include "source_parameters.h"

#include "firebeat/districts.h"

#include <qgsprocessingparameters.h>

namespace firebeat::qgis {
namespace {

// "WINDOW_DAYS" for "window-days"; "VILLAGES_LAYER" for the input "villages".
QString parameterName(const std::string& key) {
    return QString::fromStdString(key).toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
}

QgsProcessingParameterDefinition* optionParameter(const OptionSpec& o) {
    const QString name = parameterName(o.key);
    const QString help = QString::fromStdString(o.help);
    const bool optional = o.defaultValue.empty();
    const QVariant def = optional ? QVariant() : QVariant(QString::fromStdString(o.defaultValue));
    QgsProcessingParameterDefinition* p = nullptr;
    switch (o.type) {
    case OptionType::Integer:
    case OptionType::Real: {
        auto* n = new QgsProcessingParameterNumber(name, help,
                                                   o.type == OptionType::Integer
                                                       ? QgsProcessingParameterNumber::Integer
                                                       : QgsProcessingParameterNumber::Double,
                                                   def, optional);
        if (o.minimum)
            n->setMinimum(*o.minimum);
        if (o.maximum)
            n->setMaximum(*o.maximum);
        p = n;
        break;
    }
    case OptionType::Flag:
        p = new QgsProcessingParameterBoolean(name, help, o.defaultValue == "true", optional);
        break;
    default: // fields, dates, text: as text, checked by the job
        p = new QgsProcessingParameterString(name, help, def, false, optional);
    }
    if (o.advanced)
        p->setFlags(p->flags() | QgsProcessingParameterDefinition::FlagAdvanced);
    return p;
}

} // namespace

QIcon DistrictsAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/sizing.svg"));
}

QString DistrictsAlgorithm::shortHelpString() const {
    return QString::fromStdString(districtsJob().help) +
           tr("\n\nWrites district_design_blocks, district_design and district_design_summary (GeoPackage), "
              "identical to the command line's `firebeat districts`.");
}

void DistrictsAlgorithm::initAlgorithm(const QVariantMap&) {
    for (QgsProcessingParameterDefinition* p : SourceParameters::definitions())
        addParameter(p);
    for (const InputLayer& in : districtsJob().inputs) {
        const QString def = in.kind ? QString::fromStdString(std::string(layerName(*in.kind))) : QString();
        auto* p = new QgsProcessingParameterString(
            parameterName(in.key + "-layer"), tr("Layer: %1").arg(QString::fromStdString(in.help)),
            def.isEmpty() ? QVariant() : QVariant(def), false, !in.required);
        if (in.key != "villages" && in.key != "stations")
            p->setFlags(p->flags() | QgsProcessingParameterDefinition::FlagAdvanced);
        addParameter(p);
    }
    for (const OptionSpec& o : districtsJob().options)
        addParameter(optionParameter(o));
    addParameter(new QgsProcessingParameterFileDestination(QStringLiteral("OUTPUT"), tr("District design"),
                                                           tr("GeoPackage (*.gpkg)")));
}

QVariantMap DistrictsAlgorithm::processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                                 QgsProcessingFeedback* feedback) {
    const JobSpec& spec = districtsJob();
    DistrictsInput input;
    input.source = SourceParameters::source(*this, parameters, context);
    input.analysisCrs = SourceParameters::readOptions(*this, parameters, context).analysisCrs;
    for (const InputLayer& in : spec.inputs) {
        const QString name = parameterName(in.key + "-layer");
        if (isSet(parameters, name))
            input.layers[in.key] = parameterAsString(parameters, name, context).toStdString();
    }
    JobParameters job(spec);
    for (const OptionSpec& o : spec.options) {
        const QString name = parameterName(o.key);
        if (!isSet(parameters, name))
            continue;
        if (o.type == OptionType::Flag)
            job.set(o.key, parameterAsBool(parameters, name, context) ? "true" : "false");
        else if (o.type == OptionType::Integer)
            job.set(o.key, std::to_string(parameterAsInt(parameters, name, context)));
        else if (o.type == OptionType::Real)
            job.set(o.key,
                    QString::number(parameterAsDouble(parameters, name, context), 'g', 17).toStdString());
        else
            job.set(o.key, parameterAsString(parameters, name, context).toStdString());
    }
    const QString output = parameterAsFileOutput(parameters, QStringLiteral("OUTPUT"), context);
    FeedbackProgress progress(feedback);
    DistrictDesign design;
    if (!runCore([&] {
            const DistrictJobResult r = runDistrictsJob(input, job, &progress);
            writeDistrictDesign(output.toStdString(), r);
            design = r.design;
        }))
        return {};
    if (feedback)
        for (const std::string& note : design.notes)
            feedback->pushInfo(QString::fromStdString(note));
    loadStyledOnCompletion(context, output + QStringLiteral("|layername=district_design"),
                           tr("District design"), QStringLiteral("district_design"),
                           QStringLiteral("OUTPUT"));
    return {{QStringLiteral("OUTPUT"), output}};
}

} // namespace firebeat::qgis
