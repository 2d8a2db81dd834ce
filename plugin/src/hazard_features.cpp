#include "hazard_features.h"

#include "firebeat/crs.h"
#include "firebeat/gcj02.h"

#include <qgscoordinatetransform.h>
#include <qgsexception.h>
#include <qgsfeatureiterator.h>
#include <qgsprocessingcontext.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingutils.h>

namespace firebeat::qgis {
namespace {

// Dates as the reader parses them: ISO 8601, China Standard Time unless an offset is given.
std::optional<Timestamp> toTimestamp(const QVariant& value) {
    if (value.isNull())
        return std::nullopt;
    const QString text = value.type() == QVariant::DateTime ? value.toDateTime().toString(Qt::ISODate)
                         : value.type() == QVariant::Date   ? value.toDate().toString(Qt::ISODate)
                                                            : value.toString();
    return parseTimestamp(text.trimmed().toStdString());
}

// Layer coordinates to the analysis CRS; GCJ-02 positions through WGS 84 and the exact inverse
// of the GCJ-02 offset, as the reader converts them.
class PositionTransform {
  public:
    PositionTransform(const QgsCoordinateReferenceSystem& layerCrs, const QgsCoordinateReferenceSystem& crs,
                      bool gcj02, const QgsProcessingContext& context)
        : gcj02_(gcj02), direct_(layerCrs, crs, context.transformContext()),
          toWgs84_(layerCrs, wgs84(), context.transformContext()),
          fromWgs84_(wgs84(), crs, context.transformContext()) {}

    // Throws QgsCsException when PROJ cannot transform the point.
    Point operator()(const QgsPointXY& p) const {
        if (!gcj02_) {
            const QgsPointXY out = direct_.transform(p);
            return {out.x(), out.y()};
        }
        const QgsPointXY gcj = toWgs84_.transform(p);
        const Point wgs = gcj02ToWgs84({gcj.x(), gcj.y()});
        const QgsPointXY out = fromWgs84_.transform(QgsPointXY(wgs.x, wgs.y));
        return {out.x(), out.y()};
    }

  private:
    static QgsCoordinateReferenceSystem wgs84() {
        return QgsCoordinateReferenceSystem(QStringLiteral("EPSG:4326"));
    }
    bool gcj02_;
    QgsCoordinateTransform direct_, toWgs84_, fromWgs84_;
};

} // namespace

QgsCoordinateReferenceSystem HazardFeatureReader::analysisCrs(const QgsProcessingFeatureSource& source,
                                                              const QgsCoordinateReferenceSystem& chosen,
                                                              const QgsProcessingContext& context) {
    if (chosen.isValid()) {
        if (chosen.isGeographic())
            throw QgsProcessingException(
                tr("ANALYSIS_CRS: %1 is geographic; choose a projected CRS in metres").arg(chosen.authid()));
        return chosen;
    }
    const QgsCoordinateTransform toWgs84(source.sourceCrs(),
                                         QgsCoordinateReferenceSystem(QStringLiteral("EPSG:4326")),
                                         context.transformContext());
    QgsPointXY centre = source.sourceExtent().center();
    try {
        centre = toWgs84.transform(centre);
    } catch (const QgsCsException& e) {
        throw QgsProcessingException(tr("INPUT: cannot find the layer's position: %1").arg(e.what()));
    }
    return QgsCoordinateReferenceSystem(QString::fromStdString(metricCrsFor(centre.x(), centre.y())));
}

HazardFeatures HazardFeatureReader::read(QgsProcessingFeatureSource& source, const HazardFieldNames& fields,
                                         const QgsCoordinateReferenceSystem& crs, bool gcj02,
                                         QgsProcessingContext& context, QgsProcessingFeedback* feedback) {
    HazardFeatures out;
    out.crs = crs;
    const PositionTransform position(source.sourceCrs(), crs, gcj02, context);
    const QgsFields layerFields = source.fields();
    auto index = [&](const QString& name) { return name.isEmpty() ? -1 : layerFields.lookupField(name); };
    const int id = index(fields.id), severity = index(fields.severity), foundAt = index(fields.foundAt),
              rectifiedAt = index(fields.rectifiedAt), category = index(fields.category),
              from = index(fields.source), weight = index(fields.weight), radius = index(fields.radius);
    const double total = source.featureCount() > 0 ? static_cast<double>(source.featureCount()) : 1.0;
    auto skip = [&](const QgsFeature& f, const QString& why) {
        if (feedback)
            feedback->pushWarning(tr("hazards feature %1 left out: %2").arg(f.id()).arg(why));
    };
    auto required = [&](const QgsFeature& f, int field, const QString& what) {
        const QVariant v = f.attribute(field);
        bool ok = false;
        const double value = v.toDouble(&ok);
        if (v.isNull() || !ok)
            throw QgsProcessingException(tr("%1 field %2 is null for hazards feature %3")
                                             .arg(what, layerFields.at(field).name())
                                             .arg(f.id()));
        return value;
    };

    QgsFeatureIterator it = source.getFeatures();
    QgsFeature f;
    for (long long n = 0; it.nextFeature(f); ++n) {
        if (feedback) {
            if (feedback->isCanceled())
                return {};
            feedback->setProgress(10.0 * static_cast<double>(n) / total); // reading: the first 10 %
        }
        if (!f.hasGeometry() || f.geometry().isEmpty()) {
            skip(f, tr("no geometry"));
            continue;
        }
        if (f.geometry().constGet()->partCount() != 1) { // a hazard is one place
            skip(f, tr("a multi-point with %1 points").arg(f.geometry().constGet()->partCount()));
            continue;
        }
        Hazard h;
        h.fid = f.id();
        h.id = id >= 0 ? f.attribute(id).toString().toStdString() : std::to_string(f.id());
        bool ok = false;
        h.severity = severity >= 0 ? f.attribute(severity).toInt(&ok) : 1;
        if (severity >= 0 && !ok) {
            skip(f, tr("severity is not a number"));
            continue;
        }
        const auto found = foundAt >= 0 ? toTimestamp(f.attribute(foundAt)) : std::optional<Timestamp>(0);
        if (!found) {
            skip(f, tr("found_at is not an ISO 8601 date"));
            continue;
        }
        h.foundAt = *found;
        if (rectifiedAt >= 0 && !f.attribute(rectifiedAt).isNull()) {
            h.rectifiedAt = toTimestamp(f.attribute(rectifiedAt));
            if (!h.rectifiedAt) {
                skip(f, tr("rectified_at is not an ISO 8601 date"));
                continue;
            }
        }
        if (category >= 0) {
            const auto c = parseHazardCategory(f.attribute(category).toString().toStdString());
            if (!c) {
                skip(f, tr("unknown category code '%1'").arg(f.attribute(category).toString()));
                continue;
            }
            h.category = *c;
        }
        if (from >= 0 && !f.attribute(from).isNull()) {
            const auto s = parseHazardSource(f.attribute(from).toString().toStdString());
            if (!s) {
                skip(f, tr("unknown source '%1'").arg(f.attribute(from).toString()));
                continue;
            }
            h.source = *s;
        }
        QgsGeometry g = f.geometry();
        g.convertToSingleType(); // a multi-point of one point
        try {
            h.position = position(g.asPoint());
        } catch (const QgsCsException& e) {
            skip(f, tr("cannot transform its position: %1").arg(e.what()));
            continue;
        }
        if (weight >= 0)
            out.weights.push_back(required(f, weight, tr("weight")));
        if (radius >= 0)
            out.radii.push_back(required(f, radius, tr("radius")));
        out.hazards.push_back(std::move(h));
    }
    return out;
}

} // namespace firebeat::qgis
