#include "hazard_filter_parameters.h"

#include "firebeat/model.h"

#include <qgsexception.h>
#include <qgsprocessingparameters.h>

namespace firebeat::qgis {

QgsProcessingParameterDefinition* advanced(QgsProcessingParameterDefinition* p) {
    p->setFlags(p->flags() | QgsProcessingParameterDefinition::FlagAdvanced);
    return p;
}

QList<QgsProcessingParameterDefinition*> HazardFilterParameters::definitions() {
    QStringList categories;
    for (int i = 0; i < kHazardCategoryCount; ++i) {
        const auto c = static_cast<HazardCategory>(i);
        categories << QStringLiteral("%1 %2").arg(
            QString::fromUtf8(code(c).data(), static_cast<int>(code(c).size())),
            QString::fromUtf8(chineseName(c).data(), static_cast<int>(chineseName(c).size())));
    }
    return {
        new QgsProcessingParameterDateTime(QStringLiteral("FROM"), tr("Only hazards found on or after"),
                                           QgsProcessingParameterDateTime::DateTime, QVariant(), true),
        new QgsProcessingParameterDateTime(QStringLiteral("TO"), tr("Only hazards found before"),
                                           QgsProcessingParameterDateTime::DateTime, QVariant(), true),
        new QgsProcessingParameterBoolean(QStringLiteral("OPEN_ONLY"), tr("Only hazards still open"), false),
        new QgsProcessingParameterEnum(QStringLiteral("CATEGORIES"),
                                       tr("Only these hazard categories (none: all)"), categories, true,
                                       QVariant(), true),
        new QgsProcessingParameterNumber(QStringLiteral("MIN_SEVERITY"), tr("Minimum severity (1-3)"),
                                         QgsProcessingParameterNumber::Integer, 1, false, 1, 3),
        advanced(new QgsProcessingParameterEnum(QStringLiteral("HAZARD_SOURCE"), tr("Hazards reported by"),
                                                {tr("Any source"), tr("Inspections"), tr("96119 hotline")},
                                                false, 0)),
    };
}

std::optional<Timestamp> HazardFilterParameters::timestamp(const QgsProcessingAlgorithm& algorithm,
                                                           const QVariantMap& parameters, const QString& name,
                                                           QgsProcessingContext& context) {
    const QDateTime value = QgsProcessingParameters::parameterAsDateTime(algorithm.parameterDefinition(name),
                                                                         parameters, context);
    if (!value.isValid())
        return std::nullopt;
    // Qt::ISODate keeps an explicit offset ("Z", "+08:00") and leaves local times bare.
    const auto t = parseTimestamp(value.toString(Qt::ISODate).toStdString());
    if (!t)
        throw QgsProcessingException(tr("%1: expected a date such as 2026-03-01").arg(name));
    return t;
}

HazardFilter HazardFilterParameters::filter(const QgsProcessingAlgorithm& algorithm,
                                            const QVariantMap& parameters, QgsProcessingContext& context) {
    HazardFilter f;
    f.from = timestamp(algorithm, parameters, QStringLiteral("FROM"), context);
    f.to = timestamp(algorithm, parameters, QStringLiteral("TO"), context);
    if (f.from && f.to && *f.from >= *f.to)
        throw QgsProcessingException(tr("FROM must be before TO"));
    if (QgsProcessingParameters::parameterAsBool(algorithm.parameterDefinition(QStringLiteral("OPEN_ONLY")),
                                                 parameters, context))
        f.status = HazardFilter::Status::Open;
    // parameterAsEnums answers the first option for an unset optional parameter: none means all.
    const QVariant categories = parameters.value(QStringLiteral("CATEGORIES"));
    if (categories.isValid() && !categories.isNull() && !categories.toList().isEmpty())
        for (const int i : QgsProcessingParameters::parameterAsEnums(
                 algorithm.parameterDefinition(QStringLiteral("CATEGORIES")), parameters, context))
            f.categories.insert(static_cast<HazardCategory>(i));
    f.minSeverity = QgsProcessingParameters::parameterAsInt(
        algorithm.parameterDefinition(QStringLiteral("MIN_SEVERITY")), parameters, context);
    switch (QgsProcessingParameters::parameterAsEnum(
        algorithm.parameterDefinition(QStringLiteral("HAZARD_SOURCE")), parameters, context)) {
    case 1:
        f.source = HazardSource::Inspection;
        break;
    case 2:
        f.source = HazardSource::Hotline96119;
        break;
    default:
        break;
    }
    return f;
}

} // namespace firebeat::qgis
