// Comparing two single-band rasters pixel by pixel (the plugin's output against the CLI's).
#pragma once

#include <gdal.h>
#include <qgsrasterblock.h>
#include <qgsrasterdataprovider.h>
#include <qgsrasterlayer.h>

#include <QString>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace firebeat::test {

// Empty when equal: grid, CRS and every value within a relative 1e-6 (PROJ in QGIS and in the
// core may differ in the last bits of a coordinate); else the first difference.
inline QString compareRasters(const QString& a, const QString& b) {
    QgsRasterLayer la(a, QStringLiteral("a")), lb(b, QStringLiteral("b"));
    if (!la.isValid() || !lb.isValid())
        return QStringLiteral("cannot open %1 or %2").arg(a, b);
    if (la.width() != lb.width() || la.height() != lb.height())
        return QStringLiteral("size %1x%2 vs %3x%4")
            .arg(la.width())
            .arg(la.height())
            .arg(lb.width())
            .arg(lb.height());
    if (la.crs() != lb.crs())
        return QStringLiteral("CRS %1 vs %2").arg(la.crs().authid(), lb.crs().authid());
    if (!qgsDoubleNear(la.extent().xMinimum(), lb.extent().xMinimum(), 1e-3) ||
        !qgsDoubleNear(la.extent().yMaximum(), lb.extent().yMaximum(), 1e-3))
        return QStringLiteral("extent %1 vs %2").arg(la.extent().toString(), lb.extent().toString());
    std::unique_ptr<QgsRasterBlock> ba(la.dataProvider()->block(1, la.extent(), la.width(), la.height()));
    std::unique_ptr<QgsRasterBlock> bb(lb.dataProvider()->block(1, lb.extent(), lb.width(), lb.height()));
    for (int r = 0; r < la.height(); ++r)
        for (int c = 0; c < la.width(); ++c) {
            const double va = ba->value(r, c), vb = bb->value(r, c);
            if (ba->isNoData(r, c) != bb->isNoData(r, c) ||
                std::abs(va - vb) > 1e-6 * std::max({1.0, std::abs(va), std::abs(vb)}))
                return QStringLiteral("pixel (%1, %2): %3 vs %4").arg(r).arg(c).arg(va).arg(vb);
        }
    return {};
}

// Band 1 of a raster as GDAL reads it; empty when it cannot be read.
inline std::vector<float> readBand(const QString& path) {
    GDALDatasetH ds = GDALOpen(path.toUtf8().constData(), GA_ReadOnly);
    if (!ds)
        return {};
    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    const int width = GDALGetRasterBandXSize(band), height = GDALGetRasterBandYSize(band);
    std::vector<float> values(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    if (GDALRasterIO(band, GF_Read, 0, 0, width, height, values.data(), width, height, GDT_Float32, 0, 0) !=
        CE_None)
        values.clear();
    GDALClose(ds);
    return values;
}

// The 99th percentile (nearest rank: the ceil(0.99 n)-th smallest) of the positive values, by a
// full sort: the top of the heatmap's colour scale, worked out apart from the core's code. 0 when
// none is positive.
inline double percentile99OfPositive(const std::vector<float>& values) {
    std::vector<float> positive;
    for (const float v : values)
        if (v > 0)
            positive.push_back(v);
    if (positive.empty())
        return 0;
    std::sort(positive.begin(), positive.end());
    const auto rank = static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(positive.size()) - 1e-9));
    return positive[std::max<std::size_t>(rank, 1) - 1];
}

} // namespace firebeat::test
