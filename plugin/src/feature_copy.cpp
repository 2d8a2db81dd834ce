#include "feature_copy.h"

#include "job_algorithm.h"

#include <qgsexception.h>
#include <qgsfeatureiterator.h>
#include <qgsfeaturesource.h>
#include <qgsprocessingalgorithm.h>
#include <qgsprocessingparameters.h>
#include <qgsprocessingutils.h>
#include <qgsproviderregistry.h>
#include <qgsvectordataprovider.h>
#include <qgsvectorlayer.h>

#include <QSet>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>

namespace firebeat::qgis {
namespace {

FieldType memoryType(QVariant::Type type) {
    switch (type) {
    case QVariant::Int:
    case QVariant::UInt:
    case QVariant::LongLong:
    case QVariant::ULongLong:
    case QVariant::Bool:
        return FieldType::Integer;
    case QVariant::Double:
        return FieldType::Real;
    case QVariant::Date:
    case QVariant::DateTime:
        return FieldType::DateTime;
    default:
        return FieldType::Text;
    }
}

MemorySource::Value memoryValue(const QVariant& v, FieldType type, std::optional<int> offsetMinutes) {
    if (v.isNull() || !v.isValid())
        return std::monostate{};
    switch (type) {
    case FieldType::Integer:
        return static_cast<std::int64_t>(v.toLongLong());
    case FieldType::Real:
        return v.toDouble();
    case FieldType::DateTime:
        // QGIS 3.22 hands a date-time over as the wall-clock value stored, its offset dropped: the
        // offset stored with the field's values is put back; without one the value stays bare,
        // which the core takes as China Standard Time, as it does in a file.
        if (v.type() == QVariant::Date)
            return v.toDate().toString(Qt::ISODate).toStdString();
        if (offsetMinutes) {
            QDateTime stored = v.toDateTime();
            stored.setOffsetFromUtc(*offsetMinutes * 60);
            return stored.toString(Qt::ISODateWithMs).toStdString();
        }
        return v.toDateTime().toString(Qt::ISODateWithMs).toStdString();
    case FieldType::Text:
        break;
    }
    return v.toString().toStdString();
}

// The ISO WKB code of a QGIS geometry type (QGIS's 2.5D types count as Z).
std::uint32_t isoWkbType(QgsWkbTypes::Type type) {
    if (type == QgsWkbTypes::NoGeometry || type == QgsWkbTypes::Unknown)
        return type == QgsWkbTypes::Unknown ? 7 : 0; // unknown: a geometry collection takes anything
    const auto flat = static_cast<std::uint32_t>(QgsWkbTypes::flatType(type));
    return flat + (QgsWkbTypes::hasZ(type) ? 1000 : 0) + (QgsWkbTypes::hasM(type) ? 2000 : 0);
}

std::string crsText(const QgsCoordinateReferenceSystem& crs) {
    if (!crs.isValid())
        return {};
    if (crs.authid().startsWith(QLatin1String("EPSG:")))
        return crs.authid().toStdString();
    return crs.toWkt(QgsCoordinateReferenceSystem::WKT_PREFERRED).toStdString();
}

// The UTC offset (minutes) stored with each date-time field of an OGR layer, from the field's
// first values (a layer stores one convention: GeoPackage writers UTC, others what they were
// given); fields without one are left out.
std::map<QString, int> storedOffsets(const QgsVectorLayer* layer) {
    std::map<QString, int> out;
    if (!layer || !layer->dataProvider() || layer->providerType() != QLatin1String("ogr"))
        return out;
    const QVariantMap uri =
        QgsProviderRegistry::instance()->decodeUri(QStringLiteral("ogr"), layer->source());
    const GDALDatasetUniquePtr ds(
        GDALDataset::Open(uri.value(QStringLiteral("path")).toString().toUtf8().constData(),
                          GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds)
        return out;
    const QString name = uri.value(QStringLiteral("layerName")).toString();
    OGRLayer* ogr = name.isEmpty() ? ds->GetLayer(0) : ds->GetLayerByName(name.toUtf8().constData());
    if (!ogr)
        return out;
    const OGRFeatureDefn* defn = ogr->GetLayerDefn();
    std::vector<int> pending;
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        if (defn->GetFieldDefn(i)->GetType() == OFTDateTime)
            pending.push_back(i);
    ogr->ResetReading();
    for (int n = 0; !pending.empty() && n < 1000; ++n) {
        const OGRFeatureUniquePtr f(ogr->GetNextFeature());
        if (!f)
            break;
        std::erase_if(pending, [&](int i) {
            if (!f->IsFieldSetAndNotNull(i))
                return false;
            int y, m, d, h, min, tz;
            float sec;
            f->GetFieldAsDateTime(i, &y, &m, &d, &h, &min, &sec, &tz);
            if (tz >= 100) // OGR's TZFlag: 100 = UTC, each step of 1 a quarter hour
                out[QString::fromUtf8(defn->GetFieldDefn(i)->GetNameRef())] = (tz - 100) * 15;
            return true;
        });
    }
    return out;
}

} // namespace

void FeatureCopy::copy(QgsFeatureSource& source, const std::string& layerName,
                       const std::optional<QStringList>& fields, MemorySource& memory, Progress* progress,
                       const std::map<QString, int>& storedOffsets) {
    const QgsFields all = source.fields();
    QgsAttributeList indices;
    std::vector<MemorySource::Field> memoryFields;
    for (int i = 0; i < all.count(); ++i) {
        if (fields && !fields->contains(all.at(i).name()))
            continue;
        indices << i;
        memoryFields.push_back({all.at(i).name().toStdString(), memoryType(all.at(i).type())});
    }
    memory.addLayer(layerName, crsText(source.sourceCrs()), isoWkbType(source.wkbType()), memoryFields);
    const double total = std::max(1.0, static_cast<double>(source.featureCount()));
    QgsFeatureRequest request;
    request.setSubsetOfAttributes(indices);
    QgsFeatureIterator it = source.getFeatures(request);
    std::vector<MemorySource::Value> values(memoryFields.size());
    std::vector<std::optional<int>> offsets(memoryFields.size());
    for (std::size_t k = 0; k < memoryFields.size(); ++k)
        if (const auto offset = storedOffsets.find(all.at(indices[static_cast<int>(k)]).name());
            offset != storedOffsets.end())
            offsets[k] = offset->second;
    QgsFeature f;
    for (std::size_t n = 0; it.nextFeature(f); ++n) {
        if ((n & 0x3ff) == 0) {
            throwIfCancelled(progress);
            if (progress)
                progress->report(std::min(1.0, static_cast<double>(n) / total), "copying " + layerName);
        }
        for (std::size_t k = 0; k < memoryFields.size(); ++k)
            values[k] =
                memoryValue(f.attribute(indices[static_cast<int>(k)]), memoryFields[k].type, offsets[k]);
        const QByteArray wkb = f.hasGeometry() ? f.geometry().asWkb() : QByteArray();
        memory.addFeature(
            f.id(), values,
            {reinterpret_cast<const std::uint8_t*>(wkb.constData()), static_cast<std::size_t>(wkb.size())});
    }
    throwIfCancelled(progress);
}

JobSource FeatureCopy::copyInputs(const JobSpec& spec, const QgsProcessingAlgorithm& algorithm,
                                  const QVariantMap& parameters, QgsProcessingContext& context,
                                  MemorySource& memory, Progress* progress,
                                  const std::set<std::string>& allFields) {
    JobSource out;
    QStringList described;
    QSet<QString> files; // the files the layers come from: one names the source as a file does
    const double share = 1.0 / std::max<std::size_t>(1, spec.inputs.size());
    for (std::size_t i = 0; i < spec.inputs.size(); ++i) {
        const InputLayer& input = spec.inputs[i];
        const QString name = parameterName(input.key);
        const QgsProcessingParameterDefinition* definition = algorithm.parameterDefinition(name);
        if (!definition)
            continue;
        const QVariant given = parameters.value(name);
        if (!given.isValid() || given.isNull() ||
            (given.type() == QVariant::String && given.toString().trimmed().isEmpty())) {
            if (input.required)
                throw QgsProcessingException(tr("%1: a layer is required").arg(name));
            continue;
        }
        std::unique_ptr<QgsProcessingFeatureSource> source(
            QgsProcessingParameters::parameterAsSource(definition, parameters, context));
        if (!source)
            throw QgsProcessingException(
                tr("%1: cannot load the layer %2")
                    .arg(name, given.canConvert<QgsProcessingFeatureSourceDefinition>()
                                   ? given.value<QgsProcessingFeatureSourceDefinition>()
                                         .source.staticValue()
                                         .toString()
                                   : given.toString()));
        // The fields to copy: those the field parameters name, those of Field options on this layer.
        QStringList fields;
        for (const InputField& field : input.fields) {
            const QgsProcessingParameterDefinition* fd =
                algorithm.parameterDefinition(fieldParameterName(input, field));
            QString chosen =
                fd ? QgsProcessingParameters::parameterAsString(fd, parameters, context).trimmed()
                   : QString::fromStdString(field.key);
            if (chosen.isEmpty() && field.required)
                throw QgsProcessingException(
                    tr("%1: choose the field holding %2")
                        .arg(fieldParameterName(input, field), QString::fromStdString(field.key)));
            if (input.kind && findField(layerSpec(*input.kind), field.key))
                out.read.mapping.setField(*input.kind, field.key, chosen.toStdString());
            if (!chosen.isEmpty())
                fields << chosen;
        }
        for (const OptionSpec& o : spec.options)
            if (o.type == OptionType::Field && o.layer == input.key) {
                const QString chosen = parameters.value(parameterName(o.key)).toString().trimmed();
                if (!chosen.isEmpty())
                    fields << chosen;
            }
        const std::string layer = input.kind ? std::string(layerName(*input.kind)) : input.key;
        ProgressSlice slice(progress, share * static_cast<double>(i), share * static_cast<double>(i + 1));
        const QgsVectorLayer* layerOf =
            QgsProcessingParameters::parameterAsVectorLayer(definition, parameters, context);
        copy(*source, layer, allFields.contains(input.key) ? std::nullopt : std::optional(fields), memory,
             &slice, storedOffsets(layerOf));
        if (!input.kind)
            out.namedLayers[input.key] = layer;
        described << source->sourceName();
        const QString file = layerOf ? QgsProviderRegistry::instance()
                                           ->decodeUri(layerOf->providerType(), layerOf->source())
                                           .value(QStringLiteral("path"))
                                           .toString()
                                     : QString();
        files << file;
    }
    out.name = memory.path();
    out.description = (files.size() == 1 && !files.begin()->isEmpty() ? *files.begin()
                                                                      : described.join(QStringLiteral(", ")))
                          .toStdString();
    return out;
}

} // namespace firebeat::qgis
