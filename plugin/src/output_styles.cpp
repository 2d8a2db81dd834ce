#include "output_styles.h"

#include "firebeat/heatmap_scale.h"

#include <qgscategorizedsymbolrenderer.h>
#include <qgscolorrampshader.h>
#include <qgsmaplayer.h>
#include <qgsprocessingcontext.h>
#include <qgsrasterlayer.h>
#include <qgsrastershader.h>
#include <qgssinglebandpseudocolorrenderer.h>
#include <qgsvectorlayer.h>

#include <QFileInfo>

#include <algorithm>
#include <memory>
#include <vector>

namespace firebeat::qgis {
namespace {

// The heatmap style's ramp spans 0..classificationMax as a template: its values become the class
// breaks of the core's heatmap scale (the top class at the 99th percentile of the raster's positive
// cells, heatmap_scale.h), the colours (and the transparent lowest class) stay those of the file.
// The server stretches the same file by the same rule, so both show one analysis alike.
// A new renderer, set on the layer, so the legend and the canvas hear of the change (clone()
// leaves the classification bounds unset: they are set from the loaded ones).
void fitRampToRaster(QgsRasterLayer& layer) {
    const auto* loaded = dynamic_cast<const QgsSingleBandPseudoColorRenderer*>(layer.renderer());
    if (!loaded || !loaded->shader() || !layer.dataProvider())
        return;
    std::unique_ptr<QgsSingleBandPseudoColorRenderer> renderer(loaded->clone());
    auto* ramp = dynamic_cast<QgsColorRampShader*>(renderer->shader()->rasterShaderFunction());
    if (!ramp)
        return;
    QgsRasterDataProvider& provider = *layer.dataProvider();
    const int width = provider.xSize();
    const int height = provider.ySize();
    std::vector<float> values;
    values.reserve(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    // Row strips, so a large raster is never held twice (as doubles and floats).
    constexpr int kStrip = 256;
    const double rowHeight = provider.extent().height() / height;
    for (int row = 0; row < height; row += kStrip) {
        const int rows = std::min(kStrip, height - row);
        QgsRectangle strip = provider.extent();
        strip.setYMaximum(provider.extent().yMaximum() - row * rowHeight);
        strip.setYMinimum(strip.yMaximum() - rows * rowHeight);
        const std::unique_ptr<QgsRasterBlock> block(provider.block(1, strip, width, rows));
        if (!block || !block->isValid())
            return;
        for (qgssize i = 0; i < static_cast<qgssize>(width) * static_cast<qgssize>(rows); ++i)
            values.push_back(block->isNoData(i) ? 0.0f : static_cast<float>(block->value(i)));
    }
    const double top = densityPercentile(values);
    if (!(top > 0))
        return;
    QList<QgsColorRampShader::ColorRampItem> items = ramp->colorRampItemList();
    std::vector<double> templateValues;
    for (const QgsColorRampShader::ColorRampItem& item : items)
        templateValues.push_back(item.value);
    const std::vector<double> breaks = heatmapClassBreaks(templateValues, top);
    if (breaks.empty())
        return;
    for (int i = 0; i < items.size(); ++i) {
        items[i].value = breaks[static_cast<std::size_t>(i)];
        items[i].label = QString::number(items[i].value, 'g', 4);
    }
    // The items span the classification bounds (styles/README.md): so do the breaks.
    ramp->setColorRampItemList(items);
    ramp->setMinimumValue(breaks.front());
    ramp->setMaximumValue(breaks.back());
    renderer->setClassificationMin(breaks.front());
    renderer->setClassificationMax(breaks.back());
    layer.setRenderer(renderer.release());
}

// Category labels of the styles are English in the files; shown in the user's language
// (context FireBeatStyles of the translations, e.g. "New Hot Spot" -> 新热点).
void translateCategories(QgsVectorLayer& layer) {
    auto* renderer = dynamic_cast<QgsCategorizedSymbolRenderer*>(layer.renderer());
    if (!renderer)
        return;
    const QgsCategoryList categories = renderer->categories();
    for (int i = 0; i < categories.size(); ++i) {
        const QString label = categories[i].label();
        const QString translated = QCoreApplication::translate("FireBeatStyles", label.toUtf8().constData());
        if (translated != label)
            renderer->updateCategoryLabel(i, translated);
    }
}

// Applies one style file once the layer is loaded; QGIS owns and deletes the instance.
class StylePostProcessor final : public QgsProcessingLayerPostProcessorInterface {
  public:
    explicit StylePostProcessor(QString path) : path_(std::move(path)) {}
    void postProcessLayer(QgsMapLayer* layer, QgsProcessingContext&, QgsProcessingFeedback*) override {
        bool ok = false;
        if (!layer)
            return;
        layer->loadNamedStyle(path_, ok);
        if (auto* raster = qobject_cast<QgsRasterLayer*>(layer))
            fitRampToRaster(*raster);
        if (auto* vector = qobject_cast<QgsVectorLayer*>(layer))
            translateCategories(*vector);
    }

  private:
    QString path_;
};

} // namespace

QString stylePath(const QString& name) {
    for (const QString& dir :
         {QStringLiteral(FIREBEAT_STYLES_DIR), QStringLiteral(FIREBEAT_INSTALLED_STYLES_DIR)}) {
        const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".qml");
        if (QFileInfo::exists(path))
            return path;
    }
    return {};
}

QgsProcessingLayerPostProcessorInterface* stylePostProcessor(const QString& style) {
    const QString path = stylePath(style);
    return path.isEmpty() ? nullptr : new StylePostProcessor(path);
}

void loadStyledOnCompletion(QgsProcessingContext& context, const QString& uri, const QString& layerName,
                            const QString& style, const QString& outputName) {
    QgsProcessingContext::LayerDetails details(layerName, context.project(), outputName,
                                               QgsProcessingUtils::LayerHint::Vector);
    details.forceName = true; // the analysis' layer name, not the file's
    details.setPostProcessor(stylePostProcessor(style));
    context.addLayerToLoadOnCompletion(uri, details);
}

} // namespace firebeat::qgis
