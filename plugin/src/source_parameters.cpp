#include "source_parameters.h"

#include <qgsexception.h>
#include <qgsprocessingparameters.h>

#include <QRegularExpression>

namespace firebeat::qgis {
QList<QgsProcessingParameterDefinition*> SourceParameters::definitions() {
    auto advanced = [](QgsProcessingParameterDefinition* p) {
        p->setFlags(p->flags() | QgsProcessingParameterDefinition::FlagAdvanced);
        return p;
    };
    return {
        new QgsProcessingParameterFile(QStringLiteral("INPUT"),
                                       tr("Inspection data set (SpatiaLite, GeoPackage)"),
                                       QgsProcessingParameterFile::File, QString(), QVariant(), true,
                                       tr("Inspection data (*.sqlite *.db *.gpkg);;All files (*)")),
        advanced(new QgsProcessingParameterString(
            QStringLiteral("CONNECTION"),
            tr("Or an OGR connection string (e.g. PG:\"dbname=fire\"), used instead of the file"), QVariant(),
            false, true)),
        advanced(new QgsProcessingParameterString(
            QStringLiteral("FIELD_MAP"),
            tr("Layer and field names, one per line (hazards=t_hazard, hazards.severity=grade)"), QVariant(),
            true, true)),
        new QgsProcessingParameterBoolean(QStringLiteral("GCJ02"),
                                          tr("Point layers are in GCJ-02 (WeChat/Tencent/AMap coordinates)"),
                                          false),
        advanced(new QgsProcessingParameterCrs(
            QStringLiteral("ANALYSIS_CRS"),
            tr("Analysis CRS (metric; empty: CGCS2000 Gauss-Kruger zone of the data)"), QVariant(), true)),
        new QgsProcessingParameterBoolean(
            QStringLiteral("REPAIR_GEOMETRIES"),
            tr("Repair invalid polygons (GEOS MakeValid) instead of skipping them"), false),
    };
}

std::string SourceParameters::source(const QgsProcessingAlgorithm& algorithm, const QVariantMap& parameters,
                                     QgsProcessingContext& context) {
    const QString connection =
        QgsProcessingParameters::parameterAsString(
            algorithm.parameterDefinition(QStringLiteral("CONNECTION")), parameters, context)
            .trimmed();
    const QString file = QgsProcessingParameters::parameterAsFile(
        algorithm.parameterDefinition(QStringLiteral("INPUT")), parameters, context);
    const QString chosen = connection.isEmpty() ? file : connection;
    if (chosen.isEmpty())
        throw QgsProcessingException(
            tr("INPUT: choose an inspection data set file or give a CONNECTION string"));
    return chosen.toStdString();
}

ReadOptions SourceParameters::readOptions(const QgsProcessingAlgorithm& algorithm,
                                          const QVariantMap& parameters, QgsProcessingContext& context) {
    ReadOptions options;
    try {
        const QString map = QgsProcessingParameters::parameterAsString(
            algorithm.parameterDefinition(QStringLiteral("FIELD_MAP")), parameters, context);
        for (const QString& line :
             map.split(QRegularExpression(QStringLiteral("[\\n;,]")), Qt::SkipEmptyParts))
            if (!line.trimmed().isEmpty())
                options.mapping.parseAssignment(line.trimmed().toStdString());
    } catch (const InputError& e) {
        throw QgsProcessingException(tr("FIELD_MAP: %1").arg(QString::fromStdString(e.what())));
    }
    options.mapping.setGcj02AllPointLayers(QgsProcessingParameters::parameterAsBool(
        algorithm.parameterDefinition(QStringLiteral("GCJ02")), parameters, context));
    const QgsCoordinateReferenceSystem crs = QgsProcessingParameters::parameterAsCrs(
        algorithm.parameterDefinition(QStringLiteral("ANALYSIS_CRS")), parameters, context);
    if (crs.isValid()) {
        if (crs.isGeographic())
            throw QgsProcessingException(
                tr("ANALYSIS_CRS: %1 is geographic; choose a projected CRS in metres").arg(crs.authid()));
        options.analysisCrs = crs.authid().isEmpty()
                                  ? crs.toWkt(QgsCoordinateReferenceSystem::WKT_PREFERRED).toStdString()
                                  : crs.authid().toStdString();
    }
    options.repairInvalidGeometries = QgsProcessingParameters::parameterAsBool(
        algorithm.parameterDefinition(QStringLiteral("REPAIR_GEOMETRIES")), parameters, context);
    return options;
}

} // namespace firebeat::qgis
