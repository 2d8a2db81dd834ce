#include "heatmap_layer.h"

#include "hazard_dimensions.h"
#include "legend_image.h"
#include "map_crs.h"

#include "firebeat/progress.h"

#include <QJsonObject>
#include <QStringList>

#include <algorithm>

namespace firebeat::ogc {
namespace {

constexpr std::size_t kCachedSelections = 16;
constexpr std::size_t kCachedPoints = 2'000'000; // ~300 MB with one map CRS

} // namespace

HeatmapLayer::HeatmapLayer(std::shared_ptr<const Dataset> data, const HazardWeighting& weighting,
                           double radius, HeatmapColours colours,
                           std::optional<std::vector<LayerDimension>> dimensions)
    : data_(std::move(data)), radius_(radius), selections_(kCachedSelections, kCachedPoints),
      ramp_(std::move(colours.ramp)) {
    HazardBandwidth bandwidth;
    bandwidth.metres = radius;
    HeatmapPoints points = heatmapPoints(data_->hazards, HazardFilter{}, weighting, bandwidth);
    points_ = std::move(points.points);
    hazardOf_ = std::move(points.hazardIndex);
    all_ = std::make_shared<const DensityField>(std::make_shared<const KdePointIndex>(points_), data_->crs,
                                                radius);
    if (all_->points().size() == 0)
        throw InputError("no hazards to serve a heatmap of");
    // The kernels of every map CRS offered, built now, while the layers are made (before the
    // server listens, or while a changed data source is reloaded), not by the first tiles.
    std::vector<std::string> crss;
    for (const OfferedCrs& offered : offeredCrss(data_->crs))
        if (std::find(crss.begin(), crss.end(), offered.crs) == crss.end())
            crss.push_back(offered.crs);
    all_->prepare(crss);
    if (colours.percentile) {
        scale_ = heatmapScale(all_->points(), KdeOptions{}, *colours.percentile);
        ramp_ = ramp_.stretchedTo(scale_->top);
    }
    dimensions_ = dimensions ? std::move(*dimensions) : hazardDimensions(data_->hazards);
    legend_ = rampLegend(ramp_, scale_ ? QString("hazards/km² (top: %1th pct.)").arg(scale_->percentile)
                                       : QStringLiteral("hazards/km²"));
}

QString HeatmapLayer::abstract() const {
    return "Kernel density of fire hazards weighted by severity (hazards per km2, quartic kernel, radius " +
           QString::number(radius_) + " m), computed in " + QString::fromStdString(data_->crs) +
           "; each pixel shows the mean density over its footprint. " + scaleDescription();
}

QString HeatmapLayer::scaleDescription() const {
    QStringList breaks;
    for (const ColourRamp::Stop& s : ramp_.stops())
        breaks.push_back(QString::number(s.density, 'g', 6));
    if (!scale_)
        return "Colour scale (set by the configuration): stops at " + breaks.join(", ") + " hazards per km2.";
    return QString(
               "Colour scale (one for every map, tile and selection of this data version): the top colour "
               "at %1 hazards per km2, the %2th percentile of the density of all hazards over the %3 cells "
               "with any density of the %4 m analysis grid; class breaks %5 hazards per km2.")
        .arg(QString::number(scale_->top, 'g', 6))
        .arg(scale_->percentile)
        .arg(static_cast<qulonglong>(scale_->cells))
        .arg(scale_->pixelSize)
        .arg(breaks.join(", "));
}

std::shared_ptr<const DensityField> HeatmapLayer::fieldFor(const HazardSelection& selection) const {
    if (selection.selectsAll())
        return all_;
    return selections_.get(selection.key(), [&] {
        std::vector<KdePoint> selected;
        for (std::size_t i = 0; i < points_.size(); ++i)
            if (selection.accepts(data_->hazards[hazardOf_[i]]))
                selected.push_back(points_[i]);
        return std::make_shared<const DensityField>(
            std::make_shared<const KdePointIndex>(std::move(selected)), data_->crs, radius_);
    });
}

std::vector<double> HeatmapLayer::density(const MapView& view, int row0, int rows,
                                          const HazardSelection& selection) const {
    return pixelDensity(*fieldFor(selection), view, row0, rows);
}

QImage HeatmapLayer::render(const MapView& view, const HazardSelection& selection,
                            const CancelFlag* cancel) const {
    QImage image(view.width, view.height, QImage::Format_Indexed8);
    image.setColorTable(ramp_.palette());
    const auto field = fieldFor(selection);
    constexpr int kBand = 64; // rows computed at once, bounding the memory of large maps
    for (int row0 = 0; row0 < view.height; row0 += kBand) {
        if (cancel && cancel->load())
            throw Cancelled();
        const int rows = std::min(kBand, view.height - row0);
        const std::vector<double> d = pixelDensity(*field, view, row0, rows);
        for (int row = 0; row < rows; ++row) {
            uchar* line = image.scanLine(row0 + row);
            const double* values = d.data() + static_cast<std::ptrdiff_t>(row) * view.width;
            for (int col = 0; col < view.width; ++col)
                line[col] = ramp_.index(values[col]);
        }
    }
    return image;
}

QJsonArray HeatmapLayer::featureInfo(const MapView& view, int i, int j,
                                     const HazardSelection& selection) const {
    const double d = density(view, j, 1, selection)[static_cast<std::size_t>(i)];
    const auto field = fieldFor(selection);
    std::vector<Point> centre{pixelCentres(view, j, 1)[static_cast<std::size_t>(i)]};
    cachedTransform(view.crs, "EPSG:4326").apply(centre);
    int within = 0;
    if (field->lonLatReach().contains(centre[0])) {
        cachedTransform("EPSG:4326", data_->crs).apply(centre);
        const Point c = centre[0];
        const KdePointIndex& index = field->points();
        for (const auto& range : index.query({c.x - radius_, c.y - radius_, c.x + radius_, c.y + radius_}))
            for (std::size_t k = range.begin; k < range.end; ++k) {
                const KdePoint& p = index.points()[k];
                within += (p.x - c.x) * (p.x - c.x) + (p.y - c.y) * (p.y - c.y) < radius_ * radius_;
            }
    }
    return {QJsonObject{{"density_per_km2", d}, {"hazards_within_radius", within}, {"radius_m", radius_}}};
}

} // namespace firebeat::ogc
