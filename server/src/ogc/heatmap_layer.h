// The hazard_heatmap layer: the hazards a request selects (TIME, DIM_SEVERITY, DIM_STATUS,
// DIM_CATEGORY), weighted by severity, as kernel density in hazards/km^2 on one colour scale;
// each pixel shows the mean density over its own footprint (pixel_density.h). The scale is fixed
// when the layer is built (once per data version): the same for every map, tile, zoom and
// selection, so tiles join without seams and selections compare.
#pragma once

#include "colour_ramp.h"
#include "heatmap_index_cache.h"
#include "map_layer.h"

#include "firebeat/heatmap.h"
#include "firebeat/heatmap_scale.h"
#include "firebeat/kde_pixel_density.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace firebeat::ogc {

inline const QString kHeatmapLayerName = QStringLiteral("hazard_heatmap");

// The heatmap's colours: `ramp` as it is (the configuration's stops), or, with `percentile`, the
// ramp's values as a template stretched so that its last stop sits at that percentile of the
// density of every hazard on the analysis grid (heatmapScale(), as the QGIS plugin's style does).
struct HeatmapColours {
    ColourRamp ramp;
    std::optional<double> percentile;
};

class HeatmapLayer final : public MapLayer {
  public:
    // The hazards of `data` (in data->crs, metres) weighted by `weighting`, each with the
    // bandwidth `radius` in metres; throws InputError when there are none. `dimensions`: those of
    // hazardDimensions() for the fields the source has; none: every dimension.
    HeatmapLayer(std::shared_ptr<const Dataset> data, const HazardWeighting& weighting, double radius,
                 HeatmapColours colours,
                 std::optional<std::vector<LayerDimension>> dimensions = std::nullopt);

    QString name() const override { return kHeatmapLayerName; }
    QString title() const override { return QStringLiteral("Hazard density"); }
    QString abstract() const override;
    bool queryable() const override { return true; }
    // Where the density can be above zero: the hazards grown by the radius.
    Envelope lonLatExtent() const override { return all_->lonLatReach(); }
    std::vector<LayerDimension> dimensions() const override { return dimensions_; }
    QImage render(const MapView& view, const HazardSelection& selection,
                  const CancelFlag* cancel) const override;
    // {"density_per_km2": the pixel's value, "hazards_within_radius": selected hazards within the
    // radius of the pixel's centre, "radius_m"}.
    QJsonArray featureInfo(const MapView& view, int i, int j,
                           const HazardSelection& selection) const override;
    // The ramp as a graded bar labelled in hazards/km^2.
    QImage legend() const override { return legend_; }

    const ColourRamp& ramp() const { return ramp_; }
    // The scale the ramp was stretched to; none when the configuration pinned the stops.
    const std::optional<HeatmapScale>& scale() const { return scale_; }
    // The density field of every hazard (its map CRS kernels are built with the layer).
    const DensityField& field() const { return *all_; }
    // Mean density (hazards/km^2) of the selected hazards over each pixel of rows
    // [row0, row0 + rows) of `view`, row-major, top row first.
    std::vector<double> density(const MapView& view, int row0, int rows,
                                const HazardSelection& selection) const;

  private:
    // The colour scale in words, for the abstract (GetCapabilities).
    QString scaleDescription() const;
    // The density field of the hazards `selection` accepts.
    std::shared_ptr<const DensityField> fieldFor(const HazardSelection& selection) const;

    std::shared_ptr<const Dataset> data_;
    double radius_;
    std::vector<KdePoint> points_;      // every hazard's point...
    std::vector<std::size_t> hazardOf_; // ...and the hazard it came from
    std::shared_ptr<const DensityField> all_;
    mutable HeatmapIndexCache selections_;
    std::optional<HeatmapScale> scale_;
    ColourRamp ramp_;
    std::vector<LayerDimension> dimensions_;
    QImage legend_;
};

} // namespace firebeat::ogc
