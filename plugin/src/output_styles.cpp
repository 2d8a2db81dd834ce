#include "output_styles.h"

#include <qgscategorizedsymbolrenderer.h>
#include <qgscolorrampshader.h>
#include <qgsmaplayer.h>
#include <qgsprocessingcontext.h>
#include <qgsrasterlayer.h>
#include <qgsrastershader.h>
#include <qgssinglebandpseudocolorrenderer.h>
#include <qgsvectorlayer.h>

#include <QFileInfo>

#include <memory>

namespace firebeat::qgis {
namespace {

// The heatmap style's ramp spans 0..classificationMax as a template: stretch its items over
// this raster's maximum, keeping the colours (and the transparent lowest class) of the file.
// A new renderer, set on the layer, so the legend and the canvas hear of the change (clone()
// leaves the classification bounds unset: they are set from the loaded ones).
void fitRampToRaster(QgsRasterLayer& layer) {
    const auto* loaded = dynamic_cast<const QgsSingleBandPseudoColorRenderer*>(layer.renderer());
    if (!loaded || !loaded->shader() || loaded->classificationMax() <= 0)
        return;
    std::unique_ptr<QgsSingleBandPseudoColorRenderer> renderer(loaded->clone());
    auto* ramp = dynamic_cast<QgsColorRampShader*>(renderer->shader()->rasterShaderFunction());
    const double max = layer.dataProvider()->bandStatistics(1, QgsRasterBandStats::Max).maximumValue;
    if (!ramp || !(max > 0))
        return;
    const double scale = max / loaded->classificationMax();
    const double min = loaded->classificationMin() * scale;
    QList<QgsColorRampShader::ColorRampItem> items = ramp->colorRampItemList();
    for (QgsColorRampShader::ColorRampItem& item : items) {
        item.value *= scale;
        item.label = QString::number(item.value, 'g', 3);
    }
    ramp->setColorRampItemList(items);
    ramp->setMinimumValue(min);
    ramp->setMaximumValue(max);
    renderer->setClassificationMin(min);
    renderer->setClassificationMax(max);
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
