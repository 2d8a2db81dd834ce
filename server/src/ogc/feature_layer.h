// A layer of features drawn with a style from styles/: points as markers (hazards, units, fire
// stations), polygons filled and outlined (districts, villages and the analyses over them). The
// features stay in the analysis CRS; each request draws those near its view, transformed to the
// view's CRS, with antialiasing. GetFeatureInfo answers with the properties of the features
// drawn at the pixel: the polygon containing it, or the markers within a few pixels of it.
#pragma once

#include "map_layer.h"
#include "qml_style.h"
#include "symbol_painter.h"

#include <QJsonObject>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace firebeat {
class PolygonIndex;
}

namespace firebeat::ogc {

struct LayerText {
    QString name, title, abstract;
};

struct MapFeature {
    std::variant<Point, Polygon> geometry; // in the analysis CRS
    QJsonObject properties;                // what GetFeatureInfo returns; the style classifies one of them
};

// Other ways to draw the same features, one of which a request may ask for: emerging_hotspots
// draws one month's space-time Gi* classes when TIME names a month. Called from worker threads.
class StyleVariants {
  public:
    virtual ~StyleVariants() = default;
    // The variants' style: it classifies value(), and its classes follow the layer's own in the
    // legend under legendTitle().
    virtual const QmlStyle& style() const = 0;
    virtual QString legendTitle() const = 0;
    virtual std::size_t count() const = 0;
    // The variant `selection` asks for; nullopt: the layer's own style and properties.
    virtual std::optional<std::size_t> pick(const HazardSelection& selection) const = 0;
    // What style() classifies for a feature in a variant.
    virtual QJsonValue value(std::size_t variant, std::size_t feature) const = 0;
    // GetFeatureInfo in a variant: the feature's properties and then the variant's own.
    virtual void addProperties(std::size_t variant, std::size_t feature, QJsonObject& properties) const = 0;
};

class FeatureLayer final : public MapLayer {
  public:
    // Which features a request shows (the hazards layer honours HazardSelection); empty: all.
    using Selector = std::function<bool(std::size_t feature, const HazardSelection& selection)>;

    // Features all points or all polygons. Throws InputError for a polygon that cannot be read.
    FeatureLayer(LayerText text, std::string analysisCrs, QmlStyle style, std::vector<MapFeature> features,
                 Selector selector = {}, std::vector<LayerDimension> dimensions = {},
                 std::unique_ptr<const StyleVariants> variants = {});
    ~FeatureLayer() override;

    QString name() const override { return text_.name; }
    QString title() const override { return text_.title; }
    QString abstract() const override { return text_.abstract; }
    bool queryable() const override { return true; }
    Envelope lonLatExtent() const override { return lonLatExtent_; }
    std::vector<LayerDimension> dimensions() const override { return dimensions_; }
    QImage render(const MapView& view, const HazardSelection& selection,
                  const CancelFlag* cancel) const override;
    QJsonArray featureInfo(const MapView& view, int i, int j,
                           const HazardSelection& selection) const override;
    QImage legend() const override { return legend_; }

  private:
    // Each feature's class in the style `selection` asks for (null: not drawn), and the variant.
    std::pair<const std::vector<const QmlClass*>*, std::optional<std::size_t>>
    classesFor(const HazardSelection& selection) const;
    // The features `selection` shows whose symbols may reach into `view` (grown by `marginPixels`).
    std::vector<std::size_t> visible(const MapView& view, const HazardSelection& selection,
                                     double marginPixels) const;
    // The vertices of `features`' rings (polygons) or their positions (points), in the view's CRS.
    std::vector<Point> inView(const MapView& view, const std::vector<std::size_t>& features) const;
    QJsonObject propertiesOf(std::size_t feature, std::optional<std::size_t> variant) const;
    QJsonArray markersAt(const MapView& view, int i, int j, const HazardSelection& selection) const;
    QJsonArray polygonAt(const MapView& view, int i, int j, const HazardSelection& selection) const;

    LayerText text_;
    std::string analysisCrs_;
    QmlStyle style_;
    std::vector<MapFeature> features_;
    std::vector<const QmlClass*> classOf_;                     // null: the style draws no class for it
    std::unique_ptr<const StyleVariants> variants_;            // null: none
    std::vector<std::vector<const QmlClass*>> variantClassOf_; // [variant][feature], as classOf_
    std::map<const QmlClass*, MarkerStamp> stamps_;            // of the style's marker classes
    std::vector<Envelope> lonLat_;                             // each feature's, in lon/lat
    bool points_ = true;
    // Polygons' rings: features_[f] owns rings [ringsOf_[f], ringsOf_[f + 1]), ring r the vertices
    // [ringStart_[r], ringStart_[r + 1]) (each closed, first vertex not repeated).
    std::vector<std::size_t> ringsOf_, ringStart_;
    std::vector<Point> vertices_;
    std::unique_ptr<PolygonIndex> polygonIndex_; // not thread-safe: used under polygonMutex_
    mutable std::mutex polygonMutex_;
    Selector selector_;
    std::vector<LayerDimension> dimensions_;
    double marginPixels_ = 0; // how far the largest symbol draws beyond its geometry
    Envelope lonLatExtent_;
    QImage legend_;
};

} // namespace firebeat::ogc
