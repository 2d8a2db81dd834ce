#include "feature_layer.h"

#include "legend_image.h"
#include "map_crs.h"
#include "symbol_painter.h"

#include "firebeat/geos_support.h"
#include "firebeat/polygon_index.h"
#include "firebeat/progress.h"

#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace firebeat::ogc {
namespace {

constexpr double kPickPixels = 3;               // a click this close to a marker's edge still hits it
constexpr std::size_t kMaxFeatureInfo = 50;     // markers answered for one pixel, nearest first
constexpr std::size_t kCancelCheckEvery = 1024; // features drawn between looks at the cancel flag

// Appends the rings of a (multi)polygon's WKB to `vertices`, each ring's start to `ringStart`.
void appendRings(const Polygon& polygon, const QString& layer, std::vector<Point>& vertices,
                 std::vector<std::size_t>& ringStart) {
    GEOSContextHandle_t ctx = geosContext();
    const GeosGeometry g = geosFromWkb(polygon.wkb);
    if (!g)
        throw InputError("layer " + layer.toStdString() + ": a polygon cannot be read (" + lastGeosError() +
                         ")");
    const auto appendRing = [&](const GEOSGeometry* ring) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, ring);
        unsigned int size = 0;
        GEOSCoordSeq_getSize_r(ctx, seq, &size);
        if (size < 4) // a closed ring has at least 3 corners and the first repeated
            return;
        std::vector<double> xy(2 * std::size_t{size});
        GEOSCoordSeq_copyToBuffer_r(ctx, seq, xy.data(), 0, 0);
        ringStart.push_back(vertices.size());
        for (unsigned int i = 0; i + 1 < size; ++i)
            vertices.push_back({xy[2 * i], xy[2 * i + 1]});
    };
    for (int p = 0; p < GEOSGetNumGeometries_r(ctx, g.get()); ++p) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(ctx, g.get(), p);
        if (GEOSGeomTypeId_r(ctx, part) != GEOS_POLYGON)
            continue;
        appendRing(GEOSGetExteriorRing_r(ctx, part));
        for (int h = 0; h < GEOSGetNumInteriorRings_r(ctx, part); ++h)
            appendRing(GEOSGetInteriorRingN_r(ctx, part, h));
    }
}

// How far a symbol draws beyond its geometry, in pixels (antialiasing adds one).
double symbolMargin(const QmlSymbol& s) {
    if (s.kind == QmlSymbol::Kind::Marker)
        return markerReachPixels(s) + 1;
    return (s.stroke.isValid() ? s.strokeWidthMm / kMillimetresPerPixel / 2 : 0) + 1;
}

} // namespace

FeatureLayer::FeatureLayer(LayerText text, std::string analysisCrs, QmlStyle style,
                           std::vector<MapFeature> features, Selector selector,
                           std::vector<LayerDimension> dimensions,
                           std::unique_ptr<const StyleVariants> variants)
    : text_(std::move(text)), analysisCrs_(std::move(analysisCrs)), style_(std::move(style)),
      features_(std::move(features)), variants_(std::move(variants)), selector_(std::move(selector)),
      dimensions_(std::move(dimensions)) {
    points_ = features_.empty() || std::holds_alternative<Point>(features_.front().geometry);
    const CoordinateTransform& toLonLat = cachedTransform(analysisCrs_, "EPSG:4326");
    std::vector<const Polygon*> polygons;
    ringsOf_.push_back(0);
    for (const MapFeature& f : features_) {
        if (std::holds_alternative<Point>(f.geometry) != points_)
            throw InputError("layer " + text_.name.toStdString() + ": mixes points and polygons");
        classOf_.push_back(style_.classFor(f.properties.value(style_.attribute)));
        if (points_) {
            const Point p = toLonLat.apply(std::get<Point>(f.geometry));
            lonLat_.push_back({p.x, p.y, p.x, p.y});
        } else {
            const Polygon& polygon = std::get<Polygon>(f.geometry);
            appendRings(polygon, text_.name, vertices_, ringStart_);
            ringsOf_.push_back(ringStart_.size());
            lonLat_.push_back(toLonLat.apply(polygon.envelope));
            polygons.push_back(&polygon);
        }
        lonLatExtent_.expand(lonLat_.back());
    }
    ringStart_.push_back(vertices_.size());
    if (!points_)
        polygonIndex_ = std::make_unique<PolygonIndex>(polygons);
    std::vector<const QmlClass*> symbols;
    for (const QmlClass& c : style_.classes)
        symbols.push_back(&c);
    legend_ = classLegend(style_, text_.title);
    if (variants_) {
        const QmlStyle& other = variants_->style();
        for (std::size_t v = 0; v < variants_->count(); ++v) {
            std::vector<const QmlClass*>& classes = variantClassOf_.emplace_back();
            for (std::size_t f = 0; f < features_.size(); ++f)
                classes.push_back(other.classFor(variants_->value(v, f)));
        }
        for (const QmlClass& c : other.classes)
            symbols.push_back(&c);
        legend_ = stackLegends(legend_, classLegend(other, variants_->legendTitle()));
    }
    for (const QmlClass* c : symbols) {
        marginPixels_ = std::max(marginPixels_, symbolMargin(c->symbol));
        if (points_)
            stamps_.try_emplace(c, c->symbol);
    }
}

FeatureLayer::~FeatureLayer() = default;

std::pair<const std::vector<const QmlClass*>*, std::optional<std::size_t>>
FeatureLayer::classesFor(const HazardSelection& selection) const {
    const std::optional<std::size_t> variant = variants_ ? variants_->pick(selection) : std::nullopt;
    return {variant ? &variantClassOf_.at(*variant) : &classOf_, variant};
}

std::vector<std::size_t> FeatureLayer::visible(const MapView& view, const HazardSelection& selection,
                                               double marginPixels) const {
    const double mx = marginPixels * view.bbox.width() / view.width;
    const double my = marginPixels * view.bbox.height() / view.height;
    const Envelope near = cachedTransform(view.crs, "EPSG:4326")
                              .apply(Envelope{view.bbox.minX - mx, view.bbox.minY - my, view.bbox.maxX + mx,
                                              view.bbox.maxY + my});
    const std::vector<const QmlClass*>& classOf = *classesFor(selection).first;
    std::vector<std::size_t> shown;
    for (std::size_t f = 0; f < features_.size(); ++f)
        if (classOf[f] && lonLat_[f].intersects(near) && (!selector_ || selector_(f, selection)))
            shown.push_back(f);
    return shown;
}

std::vector<Point> FeatureLayer::inView(const MapView& view, const std::vector<std::size_t>& features) const {
    std::vector<Point> at;
    for (const std::size_t f : features) {
        if (points_) {
            at.push_back(std::get<Point>(features_[f].geometry));
            continue;
        }
        at.insert(at.end(), vertices_.begin() + static_cast<std::ptrdiff_t>(ringStart_[ringsOf_[f]]),
                  vertices_.begin() + static_cast<std::ptrdiff_t>(ringStart_[ringsOf_[f + 1]]));
    }
    cachedTransform(analysisCrs_, view.crs).apply(at);
    return at;
}

QImage FeatureLayer::render(const MapView& view, const HazardSelection& selection,
                            const CancelFlag* cancel) const {
    QImage image(view.width, view.height, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    const std::vector<const QmlClass*>& classOf = *classesFor(selection).first;
    const std::vector<std::size_t> shown = visible(view, selection, marginPixels_);
    const std::vector<Point> at = inView(view, shown);
    const double sx = view.width / view.bbox.width(), sy = view.height / view.bbox.height();
    const auto pixel = [&](Point p) {
        return QPointF((p.x - view.bbox.minX) * sx, (view.bbox.maxY - p.y) * sy);
    };
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    std::size_t next = 0; // into `at`
    for (std::size_t k = 0; k < shown.size(); ++k) {
        if (k % kCancelCheckEvery == 0 && cancel && cancel->load())
            throw Cancelled();
        const std::size_t f = shown[k];
        if (points_) {
            stamps_.at(classOf[f]).draw(painter, pixel(at[next++]));
            continue;
        }
        QPainterPath path;
        path.setFillRule(Qt::OddEvenFill);
        for (std::size_t r = ringsOf_[f]; r < ringsOf_[f + 1]; ++r) {
            QPolygonF ring;
            for (std::size_t v = ringStart_[r]; v < ringStart_[r + 1]; ++v)
                ring << pixel(at[next++]);
            path.addPolygon(ring);
            path.closeSubpath();
        }
        useSymbol(painter, classOf[f]->symbol);
        painter.drawPath(path);
    }
    painter.end();
    return image.convertToFormat(QImage::Format_ARGB32);
}

QJsonObject FeatureLayer::propertiesOf(std::size_t feature, std::optional<std::size_t> variant) const {
    QJsonObject properties = features_[feature].properties;
    if (variant)
        variants_->addProperties(*variant, feature, properties);
    return properties;
}

QJsonArray FeatureLayer::featureInfo(const MapView& view, int i, int j,
                                     const HazardSelection& selection) const {
    return points_ ? markersAt(view, i, j, selection) : polygonAt(view, i, j, selection);
}

QJsonArray FeatureLayer::markersAt(const MapView& view, int i, int j,
                                   const HazardSelection& selection) const {
    const double dx = view.bbox.width() / view.width, dy = view.bbox.height() / view.height;
    const Point centre{view.bbox.minX + (i + 0.5) * dx, view.bbox.maxY - (j + 0.5) * dy};
    // The markers that may cover the pixel: those near a one-pixel view around it.
    MapView around = view;
    around.bbox = {centre.x - dx / 2, centre.y - dy / 2, centre.x + dx / 2, centre.y + dy / 2};
    around.width = around.height = 1;
    const std::vector<std::size_t> near = visible(around, selection, marginPixels_ + kPickPixels);
    const std::vector<Point> at = inView(view, near);
    const auto [classOf, variant] = classesFor(selection);
    std::vector<std::pair<double, std::size_t>> hits; // distance in pixels, feature
    for (std::size_t k = 0; k < near.size(); ++k) {
        const double d = std::hypot((at[k].x - centre.x) / dx, (at[k].y - centre.y) / dy);
        if (d <= markerReachPixels((*classOf)[near[k]]->symbol) + kPickPixels)
            hits.emplace_back(d, near[k]);
    }
    std::sort(hits.begin(), hits.end());
    QJsonArray out;
    for (std::size_t k = 0; k < hits.size() && k < kMaxFeatureInfo; ++k)
        out.append(propertiesOf(hits[k].second, variant));
    return out;
}

QJsonArray FeatureLayer::polygonAt(const MapView& view, int i, int j,
                                   const HazardSelection& selection) const {
    std::vector<Point> centre{pixelCentres(view, j, 1)[static_cast<std::size_t>(i)]};
    cachedTransform(view.crs, "EPSG:4326").apply(centre);
    if (!lonLatExtent_.contains(centre[0]))
        return {};
    cachedTransform("EPSG:4326", analysisCrs_).apply(centre);
    std::optional<std::size_t> f;
    {
        const std::lock_guard lock(polygonMutex_);
        f = polygonIndex_->locate(centre[0]);
    }
    const auto [classOf, variant] = classesFor(selection);
    if (!f || !(*classOf)[*f] || (selector_ && !selector_(*f, selection)))
        return {};
    return {propertiesOf(*f, variant)};
}

} // namespace firebeat::ogc
