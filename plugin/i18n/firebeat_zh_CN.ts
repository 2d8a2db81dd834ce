<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CoverageAlgorithm</name>
    <message>
        <location filename="../src/coverage_algorithm.cpp" line="18"/>
        <source>Finds the inspection coverage gaps of each police-station district in the reporting window (reference date - window days, reference date]: units inspected / units (coverage %), overdue and never-inspected units (each unit&apos;s inspection interval from the norms), open and overdue hazards, units per officer against the staffing norm, blind-spot villages (units but no inspection) and the share of units and area within fire-station reach.

gap_score (0-100, larger = bigger gap) is a weighted sum of these shortfalls; gap_rank 1 is the largest gap.

Writes a GeoPackage with the layers district_coverage, overdue_units, blind_spots, unreached_units and officer_workload, identical to the command line&apos;s `firebeat coverage`.</source>
        <translation>计算统计期（基准日期前若干天至基准日期）内各派出所辖区的消防监督检查覆盖缺口：已检查单位数/单位总数（覆盖率）、逾期未检和从未检查的单位（按检查标准中各类单位的检查周期）、未整改及逾期未整改隐患、人均监管单位数与警力配备标准的对比、检查盲区村（社区）（有单位但无检查）以及消防站覆盖范围内单位和面积的比例。

gap_score（0-100，越大缺口越大）为上述各项不足的加权和；gap_rank 为 1 表示缺口最大。

输出 GeoPackage，包含图层 district_coverage、overdue_units、blind_spots、unreached_units 和 officer_workload，结果与命令行 `firebeat coverage` 完全一致。</translation>
    </message>
    <message>
        <location filename="../src/coverage_algorithm.cpp" line="33"/>
        <source>Coverage gaps</source>
        <translation>检查覆盖缺口</translation>
    </message>
    <message>
        <location filename="../src/coverage_algorithm.cpp" line="34"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../src/coverage_algorithm.cpp" line="49"/>
        <source>District coverage gaps</source>
        <translation>辖区检查覆盖缺口</translation>
    </message>
    <message>
        <location filename="../src/coverage_algorithm.cpp" line="50"/>
        <source>Overdue units</source>
        <translation>逾期未检单位</translation>
    </message>
    <message>
        <location filename="../src/coverage_algorithm.cpp" line="51"/>
        <source>Blind-spot villages</source>
        <translation>检查盲区村（社区）</translation>
    </message>
    <message>
        <location filename="../src/coverage_algorithm.cpp" line="52"/>
        <source>Units out of fire-station reach</source>
        <translation>消防站覆盖范围外的单位</translation>
    </message>
    <message>
        <location filename="../src/coverage_algorithm.h" line="14"/>
        <source>Coverage gaps by police-station district</source>
        <translation>派出所辖区检查覆盖缺口</translation>
    </message>
    <message>
        <location filename="../src/coverage_algorithm.h" line="15"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
</context>
<context>
    <name>CoverageParameterSet</name>
    <message>
        <location filename="../src/coverage_parameters.cpp" line="29"/>
        <source>%1 feature(s) left out for bad values:
%2</source>
        <translation>%1 个要素因数值有误未参与分析：
%2</translation>
    </message>
    <message>
        <location filename="../src/coverage_parameters.cpp" line="40"/>
        <source>End of the reporting window (a date alone: the end of that day; empty: now)</source>
        <translation>统计期截止时间（只填日期则为当天结束；留空为当前时间）</translation>
    </message>
    <message>
        <location filename="../src/coverage_parameters.cpp" line="43"/>
        <source>Length of the reporting window (days)</source>
        <translation>统计期长度（天）</translation>
    </message>
    <message>
        <location filename="../src/coverage_parameters.cpp" line="46"/>
        <source>Inspection norms (JSON; empty: the built-in norms)</source>
        <translation>检查标准（JSON；留空使用内置标准）</translation>
    </message>
</context>
<context>
    <name>HazardFeatureReader</name>
    <message>
        <location filename="../src/hazard_features.cpp" line="64"/>
        <source>ANALYSIS_CRS: %1 is geographic; choose a projected CRS in metres</source>
        <translation>ANALYSIS_CRS：%1 是地理坐标系，请选择以米为单位的投影坐标系</translation>
    </message>
    <message>
        <location filename="../src/hazard_features.cpp" line="74"/>
        <source>INPUT: cannot find the layer&apos;s position: %1</source>
        <translation>INPUT：无法确定图层的地理位置：%1</translation>
    </message>
    <message>
        <location filename="../src/hazard_features.cpp" line="93"/>
        <source>hazards feature %1 left out: %2</source>
        <translation>隐患要素 %1 未参与分析：%2</translation>
    </message>
    <message>
        <location filename="../src/hazard_features.cpp" line="100"/>
        <source>%1 field %2 is null for hazards feature %3</source>
        <translation>隐患要素 %3 的%1字段 %2 为空</translation>
    </message>
    <message>
        <location filename="../src/hazard_features.cpp" line="115"/>
        <source>no geometry</source>
        <translation>没有几何</translation>
    </message>
    <message>
        <location filename="../src/hazard_features.cpp" line="119"/>
        <source>a multi-point with %1 points</source>
        <translation>多点要素，含 %1 个点</translation>
    </message>
    <message>
        <location filename="../src/hazard_features.cpp" line="128"/>
        <source>severity is not a number</source>
        <translation>隐患等级不是数字</translation>
    </message>
    <message>
        <location filename="../src/hazard_features.cpp" line="133"/>
        <source>found_at is not an ISO 8601 date</source>
        <translation>发现时间（found_at）不是 ISO 8601 日期</translation>
    </message>
    <message>
        <location filename="../src/hazard_features.cpp" line="140"/>
        <source>rectified_at is not an ISO 8601 date</source>
        <translation>整改时间（rectified_at）不是 ISO 8601 日期</translation>
    </message>
    <message>
        <location filename="../src/hazard_features.cpp" line="147"/>
        <source>unknown category code &apos;%1&apos;</source>
        <translation>未知的隐患类别代码“%1”</translation>
    </message>
    <message>
        <location filename="../src/hazard_features.cpp" line="155"/>
        <source>unknown source &apos;%1&apos;</source>
        <translation>未知的隐患来源“%1”</translation>
    </message>
    <message>
        <location filename="../src/hazard_features.cpp" line="165"/>
        <source>cannot transform its position: %1</source>
        <translation>无法转换其坐标：%1</translation>
    </message>
    <message>
        <location filename="../src/hazard_features.cpp" line="169"/>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../src/hazard_features.cpp" line="171"/>
        <source>radius</source>
        <translation>半径</translation>
    </message>
</context>
<context>
    <name>HazardFilterParameters</name>
    <message>
        <location filename="../src/hazard_filter_parameters.cpp" line="24"/>
        <source>Only hazards found on or after</source>
        <translation>仅统计此时间及之后发现的隐患</translation>
    </message>
    <message>
        <location filename="../src/hazard_filter_parameters.cpp" line="26"/>
        <source>Only hazards found before</source>
        <translation>仅统计此时间之前发现的隐患</translation>
    </message>
    <message>
        <location filename="../src/hazard_filter_parameters.cpp" line="28"/>
        <source>Only hazards still open</source>
        <translation>仅统计未整改隐患</translation>
    </message>
    <message>
        <location filename="../src/hazard_filter_parameters.cpp" line="30"/>
        <source>Only these hazard categories (none: all)</source>
        <translation>仅统计以下隐患类别（不选则全部）</translation>
    </message>
    <message>
        <location filename="../src/hazard_filter_parameters.cpp" line="32"/>
        <source>Minimum severity (1-3)</source>
        <translation>最低隐患等级（1-3）</translation>
    </message>
    <message>
        <location filename="../src/hazard_filter_parameters.cpp" line="34"/>
        <source>Hazards reported by</source>
        <translation>隐患来源</translation>
    </message>
    <message>
        <location filename="../src/hazard_filter_parameters.cpp" line="35"/>
        <source>Any source</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../src/hazard_filter_parameters.cpp" line="35"/>
        <source>Inspections</source>
        <translation>监督检查</translation>
    </message>
    <message>
        <location filename="../src/hazard_filter_parameters.cpp" line="35"/>
        <source>96119 hotline</source>
        <translation>96119 举报投诉</translation>
    </message>
    <message>
        <location filename="../src/hazard_filter_parameters.cpp" line="50"/>
        <source>%1: expected a date such as 2026-03-01</source>
        <translation>%1：应为日期，例如 2026-03-01</translation>
    </message>
    <message>
        <location filename="../src/hazard_filter_parameters.cpp" line="60"/>
        <source>FROM must be before TO</source>
        <translation>起始时间（FROM）必须早于截止时间（TO）</translation>
    </message>
</context>
<context>
    <name>HeatmapAlgorithm</name>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="27"/>
        <source>Hazard id field</source>
        <translation>隐患编号字段</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="28"/>
        <source>Severity field (1-3)</source>
        <translation>隐患等级字段（1-3）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="29"/>
        <source>Found-at field (date)</source>
        <translation>发现时间字段（日期）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="31"/>
        <source>Rectified-at field (date; empty = open)</source>
        <translation>整改时间字段（日期；为空表示未整改）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="32"/>
        <source>Category field (code)</source>
        <translation>隐患类别字段（代码）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="34"/>
        <source>Source field (inspection / hotline_96119)</source>
        <translation>来源字段（inspection / hotline_96119）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="40"/>
        <source>heatmap,kde,kernel density,hazard,fire,inspection</source>
        <translation>热力图,核密度,kde,隐患,消防,检查</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="48"/>
        <source>Computes a kernel-density heatmap of fire hazards to a GeoTIFF, identical to the command line&apos;s `firebeat heatmap`.

Each hazard that passes the filters (found between FROM and TO, still open, categories, minimum severity, source) gets a weight: by severity (default 1, 2, 4 for severity 1, 2, 3) or from a weight field, optionally times 0.5^(age in days / half-life). The raster value at x is sum of w_i K(|x - x_i| / h) over the hazards, with h the radius (fixed or per hazard).

Output values: density = hazards per km² (mass-conserving, the raster integrates to the total weight); raw and scaled = QGIS&apos;s Heatmap (Kernel Density Estimation) values. With &apos;QGIS compatible&apos; the grid and values reproduce qgis:heatmapkerneldensityestimation exactly.

The analysis runs in a metric CRS: the one given, else the CGCS2000 3-degree Gauss-Kruger zone of the layer. Hazards in GCJ-02 (WeChat/Tencent/AMap maps) are converted to WGS 84 first. The raster covers the hazards&apos; extent grown by the radius, or the extent given (transformed to the analysis CRS); overviews and Cloud Optimized GeoTIFF are as `--overviews` and `--cog`.

References: Silverman, B. W. (1986) Density Estimation for Statistics and Data Analysis; QGIS Heatmap (Kernel Density Estimation) documentation.</source>
        <translation>计算消防隐患的核密度热力图并输出 GeoTIFF，结果与命令行 `firebeat heatmap` 完全一致。

通过筛选条件（发现时间在 FROM 与 TO 之间、未整改、隐患类别、最低等级、来源）的每个隐患赋予权重：按隐患等级（默认 1、2、3 级分别为 1、2、4），或取自权重字段，可再乘以时间衰减系数 0.5^(隐患天数/半衰期)。位置 x 处的栅格值为 Σ w_i K(|x − x_i| / h)，h 为搜索半径（统一或逐个隐患）。

输出值：密度 = 每平方公里隐患数（质量守恒，栅格积分等于总权重）；原始值和缩放值 = QGIS“热力图（核密度估计）”的数值。勾选“与 QGIS 完全一致”时，网格和数值与 qgis:heatmapkerneldensityestimation 完全相同。

分析在米制坐标系中进行：使用指定的坐标系，否则使用图层所在的 CGCS2000 三度带高斯-克吕格投影。GCJ-02 坐标（微信/腾讯/高德地图）的隐患先转换为 WGS 84。栅格范围为隐患范围向外扩展一个搜索半径，或使用指定的范围（转换到分析坐标系）；金字塔（概览）和云优化 GeoTIFF 与命令行的 `--overviews`、`--cog` 相同。

参考文献：Silverman, B. W. (1986) Density Estimation for Statistics and Data Analysis；QGIS“热力图（核密度估计）”文档。</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="68"/>
        <source>Hazards (points)</source>
        <translation>隐患（点图层）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="75"/>
        <source>Weight field (instead of weighting by severity)</source>
        <translation>权重字段（代替按隐患等级加权）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="77"/>
        <source>Radius (metres)</source>
        <translation>搜索半径（米）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="82"/>
        <source>Radius field (metres per hazard, instead of the radius)</source>
        <translation>半径字段（每个隐患的半径，单位米，代替统一半径）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="85"/>
        <source>Automatic radius (spatial Silverman rule, instead of the radius)</source>
        <translation>自动确定半径（空间 Silverman 法则，代替统一半径）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="87"/>
        <source>Pixel size (metres)</source>
        <translation>像元大小（米）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="90"/>
        <source>Kernel shape</source>
        <translation>核函数</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="91"/>
        <source>Quartic</source>
        <translation>四次核（Quartic）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="91"/>
        <source>Triangular</source>
        <translation>三角核（Triangular）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="91"/>
        <source>Uniform</source>
        <translation>均匀核（Uniform）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="91"/>
        <source>Triweight</source>
        <translation>三权核（Triweight）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="91"/>
        <source>Epanechnikov</source>
        <translation>Epanechnikov 核</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="91"/>
        <source>Gaussian</source>
        <translation>高斯核（Gaussian）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="94"/>
        <source>Decay ratio (triangular kernel, as QGIS)</source>
        <translation>衰减比（三角核，与 QGIS 相同）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="97"/>
        <source>Output value</source>
        <translation>输出值</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="98"/>
        <source>Density (hazards per km²)</source>
        <translation>密度（每平方公里隐患数）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="98"/>
        <source>Raw (QGIS)</source>
        <translation>原始值（QGIS）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="98"/>
        <source>Scaled (QGIS)</source>
        <translation>缩放值（QGIS）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="100"/>
        <source>Reproduce QGIS&apos;s heatmap exactly (grid, values, nodata)</source>
        <translation>与 QGIS 热力图完全一致（网格、数值、无数据值）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="105"/>
        <source>Weights of severity 1, 2, 3</source>
        <translation>1、2、3 级隐患的权重</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="107"/>
        <source>Time decay: half-life in days (empty: none)</source>
        <translation>时间衰减：半衰期（天；留空不衰减）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="110"/>
        <source>Time decay: reference date (default: TO)</source>
        <translation>时间衰减：基准日期（默认为截止时间 TO）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="114"/>
        <source>Analysis CRS (metric; empty: CGCS2000 Gauss-Kruger zone of the data)</source>
        <translation>分析坐标系（米制；留空则使用数据所在的 CGCS2000 高斯-克吕格分带）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="116"/>
        <source>Hazards are in GCJ-02 (WeChat/Tencent/AMap coordinates)</source>
        <translation>隐患为 GCJ-02 坐标（微信/腾讯/高德地图坐标）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="118"/>
        <source>Raster extent (empty: the hazards&apos; extent grown by the radius)</source>
        <translation>栅格范围（为空：隐患范围向外扩展一个搜索半径）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="121"/>
        <source>Add internal overviews</source>
        <translation>添加内部金字塔（概览）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="123"/>
        <source>Write a Cloud Optimized GeoTIFF (with overviews)</source>
        <translation>输出云优化 GeoTIFF（COG，含金字塔）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="124"/>
        <source>Heatmap</source>
        <translation>热力图</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="141"/>
        <source>choose either a RADIUS_FIELD or AUTO_RADIUS, not both</source>
        <translation>半径字段（RADIUS_FIELD）与自动半径（AUTO_RADIUS）只能选择其一</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="152"/>
        <source>SEVERITY_WEIGHTS: expected three numbers, e.g. 1,2,4</source>
        <translation>SEVERITY_WEIGHTS：应为三个数字，例如 1,2,4</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="161"/>
        <source>HALF_LIFE_DAYS needs a REFERENCE_DATE (or TO) to count ages from</source>
        <translation>设置半衰期（HALF_LIFE_DAYS）时须给出基准日期（REFERENCE_DATE）或截止时间（TO）</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="169"/>
        <source>QGIS_COMPATIBLE reproduces QGIS&apos;s raw or scaled output: choose one of them as the output value</source>
        <translation>QGIS_COMPATIBLE 只重现 QGIS 的原始值或缩放值：请选择其中一种作为输出值</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="200"/>
        <source>EXTENT: expected a rectangle with xmin &lt; xmax and ymin &lt; ymax</source>
        <translation>EXTENT：应为 xmin &lt; xmax 且 ymin &lt; ymax 的矩形</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.cpp" line="212"/>
        <source>%1 x %2 pixels of %3 m in %4, %5 hazards (total weight %6), max %7</source>
        <translation>%1 × %2 个像元，像元大小 %3 米，坐标系 %4，隐患 %5 个（总权重 %6），最大值 %7</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.h" line="15"/>
        <source>Hazard kernel-density heatmap</source>
        <translation>隐患核密度热力图</translation>
    </message>
    <message>
        <location filename="../src/heatmap_algorithm.h" line="16"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
</context>
<context>
    <name>HotspotsAlgorithm</name>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="30"/>
        <source>Finds hot and cold spots of hazards among villages (or hexagons): the value of each area is the number of hazards that pass the filters inside it, a rate (per unit, per inspected unit or per 1,000 people, optionally with global empirical-Bayes smoothing) or a numeric village attribute.

Getis-Ord Gi* = (sum_j w_ij x_j - mean * sum_j w_ij) / (S sqrt((n sum_j w_ij² - (sum_j w_ij)²) / (n - 1))), with gi_bin -3..3 for 99/95/90 % confidence (also with Benjamini-Hochberg FDR), and Local Moran&apos;s I with conditional permutations (seeded, reproducible). Raw counts cannot go below zero, so cold spots on counts are weak: use a rate or Local Moran&apos;s I to find them.

Tables not named as in the data model are named in VILLAGES_LAYER and HAZARDS_LAYER and, among the advanced parameters, UNITS_LAYER (read for hazards per unit), INSPECTIONS_LAYER (for hazards per inspected unit) and DISTRICTS_LAYER (for hexagons), or in FIELD_MAP; two different names for one layer are an error.

Writes the layer village_hotspots (the villages&apos; attributes plus the statistics), identical to the command line&apos;s `firebeat hotspots`.

References: Ord, J. K. &amp; Getis, A. (1995) Geographical Analysis 27(4); Anselin, L. (1995) Geographical Analysis 27(2); Marshall, R. J. (1991) Applied Statistics 40(2).</source>
        <translation>在村（社区）（或六边形网格）之间寻找隐患的热点和冷点：每个区域的值为其中通过筛选的隐患数量、比率（每家单位、每家已检查单位或每千人，可做全局经验贝叶斯平滑），或村（社区）图层的某个数值属性。

Getis-Ord Gi* = (Σ_j w_ij x_j − 均值 × Σ_j w_ij) / (S √((n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1)))，gi_bin 取 −3..3，对应 99%/95%/90% 置信度（另给出 Benjamini-Hochberg FDR 校正结果）；局部莫兰指数采用条件置换检验（固定随机种子，可重现）。原始计数不会小于零，因此计数的冷点很弱：要寻找冷点请使用比率或局部莫兰指数。

数据表名称与数据模型不同时，在 VILLAGES_LAYER、HAZARDS_LAYER 以及高级参数 UNITS_LAYER（用于每家单位隐患数）、INSPECTIONS_LAYER（用于每家已检查单位隐患数）、DISTRICTS_LAYER（用于六边形网格）中填写图层名，或在 FIELD_MAP 中给出；同一图层给出两个不同名称会报错。

输出图层 village_hotspots（村（社区）原有属性加统计量），结果与命令行 `firebeat hotspots` 完全一致。

参考文献：Ord, J. K. &amp; Getis, A. (1995) Geographical Analysis 27(4)；Anselin, L. (1995) Geographical Analysis 27(2)；Marshall, R. J. (1991) Applied Statistics 40(2)。</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="58"/>
        <source>Analyse</source>
        <translation>分析对象</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="59"/>
        <source>Hazard counts</source>
        <translation>隐患数量</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="59"/>
        <source>Hazards per unit</source>
        <translation>每家单位隐患数</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="60"/>
        <source>Hazards per inspected unit</source>
        <translation>每家已检查单位隐患数</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="60"/>
        <source>Hazards per 1,000 people</source>
        <translation>每千人隐患数</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="63"/>
        <source>Empirical-Bayes smoothing of the rates (Marshall 1991)</source>
        <translation>比率的经验贝叶斯平滑（Marshall 1991）</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="66"/>
        <source>Or analyse this numeric village field instead of hazards</source>
        <translation>或分析村（社区）图层的此数值字段（代替隐患）</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="69"/>
        <source>Spatial weights</source>
        <translation>空间权重</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="70"/>
        <source>Queen contiguity</source>
        <translation>后式邻接（Queen）</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="70"/>
        <source>Rook contiguity</source>
        <translation>车式邻接（Rook）</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="70"/>
        <source>Distance band</source>
        <translation>距离阈值</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="70"/>
        <source>K nearest neighbours</source>
        <translation>K 近邻</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="74"/>
        <source>Distance band (metres; empty: the smallest giving everyone a neighbour)</source>
        <translation>距离阈值（米；留空则取保证每个要素至少有一个邻居的最小距离）</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="77"/>
        <source>Neighbours (k nearest)</source>
        <translation>近邻数（K 近邻）</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="80"/>
        <source>Contiguity snapping tolerance (metres)</source>
        <translation>邻接捕捉容差（米）</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="83"/>
        <source>Local Moran&apos;s I permutations</source>
        <translation>局部莫兰指数置换次数</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="86"/>
        <source>Seed of the permutations</source>
        <translation>置换随机种子</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="89"/>
        <source>Hexagons of this size (metres) instead of villages</source>
        <translation>用此大小（米）的六边形网格代替村（社区）</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="92"/>
        <source>Also write the neighbour pairs (layer neighbour_pairs)</source>
        <translation>同时输出邻接对（图层 neighbour_pairs）</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="93"/>
        <location filename="../src/hotspots_algorithm.cpp" line="155"/>
        <source>Village hot spots</source>
        <translation>村（社区）热点</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.cpp" line="94"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.h" line="14"/>
        <source>Village hot spots (Gi*, Local Moran&apos;s I)</source>
        <translation>村（社区）热点分析（Gi*、局部莫兰指数）</translation>
    </message>
    <message>
        <location filename="../src/hotspots_algorithm.h" line="15"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
</context>
<context>
    <name>LayerNameParameters</name>
    <message>
        <location filename="../src/layer_name_parameters.cpp" line="18"/>
        <source>Villages layer (polygons)</source>
        <translation>村（社区）图层（面）</translation>
    </message>
    <message>
        <location filename="../src/layer_name_parameters.cpp" line="19"/>
        <source>Hazards layer (points)</source>
        <translation>隐患图层（点）</translation>
    </message>
    <message>
        <location filename="../src/layer_name_parameters.cpp" line="20"/>
        <source>Units layer (points)</source>
        <translation>单位图层（点）</translation>
    </message>
    <message>
        <location filename="../src/layer_name_parameters.cpp" line="22"/>
        <source>Inspections layer</source>
        <translation>检查记录图层</translation>
    </message>
    <message>
        <location filename="../src/layer_name_parameters.cpp" line="24"/>
        <source>Police-district layer (polygons)</source>
        <translation>派出所辖区图层（面）</translation>
    </message>
    <message>
        <location filename="../src/layer_name_parameters.cpp" line="26"/>
        <source>Fire-station layer (points)</source>
        <translation>消防站图层（点）</translation>
    </message>
    <message>
        <location filename="../src/layer_name_parameters.cpp" line="27"/>
        <source>Officers layer</source>
        <translation>警员图层</translation>
    </message>
    <message>
        <location filename="../src/layer_name_parameters.cpp" line="63"/>
        <source>%1: &apos;%2&apos;, but FIELD_MAP names the %3 layer &apos;%4&apos;: give its name in one of them</source>
        <translation>%1 为“%2”，但 FIELD_MAP 将 %3 图层命名为“%4”：请只在其中一处给出图层名</translation>
    </message>
</context>
<context>
    <name>SizingAlgorithm</name>
    <message>
        <location filename="../src/sizing_algorithm.cpp" line="20"/>
        <source>Estimates the staff each police-station district needs for its fire inspections: annual workload hours = planned visits x minutes a visit (by unit category, from the norms) + re-inspections (visits x hazard rate x re-inspection share) + travel (a tour estimate from the area); required staff = workload / capacity hours per person; surplus or deficit against the officers listed. With a headcount, it is allocated across districts in proportion to workload (largest remainder, at least the minimum each).

Writes the layer district_sizing (GeoPackage, or CSV with WKT geometry), identical to the command line&apos;s `firebeat sizing`.</source>
        <translation>测算各派出所辖区开展消防监督检查所需的警力：年工作量（小时）= 计划检查次数 × 每次检查用时（按单位类别，取自检查标准）+ 复查（检查次数 × 隐患检出率 × 复查比例）+ 路途时间（按辖区面积估算巡查路线）；所需警力 = 工作量 / 每人年可用工时；并与现有警力对比得出富余或缺口。给出总警力时，按工作量比例在各辖区间分配（最大余数法，每个辖区不少于最少警力）。

输出图层 district_sizing（GeoPackage，或以 WKT 表示几何的 CSV），结果与命令行 `firebeat sizing` 完全一致。</translation>
    </message>
    <message>
        <location filename="../src/sizing_algorithm.cpp" line="35"/>
        <source>Headcount to allocate across districts (empty: none)</source>
        <translation>在各辖区间分配的总警力（留空不分配）</translation>
    </message>
    <message>
        <location filename="../src/sizing_algorithm.cpp" line="38"/>
        <source>Minimum staff per district in the allocation</source>
        <translation>分配时每个辖区的最少警力</translation>
    </message>
    <message>
        <location filename="../src/sizing_algorithm.cpp" line="40"/>
        <location filename="../src/sizing_algorithm.cpp" line="60"/>
        <source>District sizing</source>
        <translation>辖区警力测算</translation>
    </message>
    <message>
        <location filename="../src/sizing_algorithm.cpp" line="41"/>
        <source>GeoPackage (*.gpkg);;CSV (*.csv)</source>
        <translation>GeoPackage 文件 (*.gpkg);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../src/sizing_algorithm.h" line="14"/>
        <source>District staffing estimate</source>
        <translation>辖区警力测算</translation>
    </message>
    <message>
        <location filename="../src/sizing_algorithm.h" line="15"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
</context>
<context>
    <name>SourceParameters</name>
    <message>
        <location filename="../src/source_parameters.cpp" line="16"/>
        <source>Inspection data set (SpatiaLite, GeoPackage)</source>
        <translation>检查数据集（SpatiaLite、GeoPackage）</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="18"/>
        <source>Inspection data (*.sqlite *.db *.gpkg);;All files (*)</source>
        <translation>检查数据 (*.sqlite *.db *.gpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="21"/>
        <source>Or an OGR connection string (e.g. PG:&quot;dbname=fire&quot;), used instead of the file</source>
        <translation>或 OGR 连接字符串（如 PG:&quot;dbname=fire&quot;），代替文件使用</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="25"/>
        <source>Layer and field names, one per line (hazards=t_hazard, hazards.severity=grade)</source>
        <translation>图层和字段名映射，每行一条（hazards=t_hazard, hazards.severity=grade）</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="28"/>
        <source>Point layers are in GCJ-02 (WeChat/Tencent/AMap coordinates)</source>
        <translation>点图层为 GCJ-02 坐标（微信/腾讯/高德地图）</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="32"/>
        <source>Analysis CRS (metric; empty: CGCS2000 Gauss-Kruger zone of the data)</source>
        <translation>分析坐标系（米制；留空则使用数据所在的 CGCS2000 高斯-克吕格分带）</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="35"/>
        <source>Repair invalid polygons (GEOS MakeValid) instead of skipping them</source>
        <translation>修复无效多边形（GEOS MakeValid），而不是跳过</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="50"/>
        <source>INPUT: choose an inspection data set file or give a CONNECTION string</source>
        <translation>INPUT：请选择检查数据集文件或填写连接字符串 CONNECTION</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="65"/>
        <source>FIELD_MAP: %1</source>
        <translation>FIELD_MAP：%1</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="74"/>
        <source>ANALYSIS_CRS: %1 is geographic; choose a projected CRS in metres</source>
        <translation>ANALYSIS_CRS：%1 是地理坐标系，请选择以米为单位的投影坐标系</translation>
    </message>
</context>
<context>
    <name>ValidateAlgorithm</name>
    <message>
        <location filename="../src/validate_algorithm.cpp" line="15"/>
        <source>Checks a FireBeat inspection data set (police districts, villages, units, inspections, hazards, fire stations, officers) against the data model and lists every problem with its layer, feature and field: missing layers or fields, wrong field types, null, empty or invalid geometries, unparseable dates, severities outside 1-3, unknown category codes, duplicate ids, references to unknown ids and points outside every police district.

The report is the same as the command line&apos;s `firebeat validate`.</source>
        <translation>按数据模型检查 FireBeat 检查数据集（派出所辖区、村/社区、单位、检查记录、隐患、消防站、警员），逐条列出问题及其图层、要素和字段：缺少图层或字段、字段类型错误、几何为空或无效、日期无法解析、隐患等级不在 1-3、类别代码未知、编号重复、引用不存在的编号、点位不在任何派出所辖区内。

报告与命令行 `firebeat validate` 相同。</translation>
    </message>
    <message>
        <location filename="../src/validate_algorithm.cpp" line="31"/>
        <source>Report (JSON)</source>
        <translation>报告（JSON）</translation>
    </message>
    <message>
        <location filename="../src/validate_algorithm.cpp" line="32"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../src/validate_algorithm.cpp" line="33"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../src/validate_algorithm.cpp" line="34"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../src/validate_algorithm.cpp" line="35"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../src/validate_algorithm.cpp" line="66"/>
        <source>OUTPUT: cannot write %1</source>
        <translation>OUTPUT：无法写入 %1</translation>
    </message>
    <message>
        <location filename="../src/validate_algorithm.h" line="14"/>
        <source>Validate inspection layers</source>
        <translation>校验检查图层</translation>
    </message>
    <message>
        <location filename="../src/validate_algorithm.h" line="15"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
</context>
<context>
    <name>firebeat::qgis::FireBeatProvider</name>
    <message>
        <location filename="../src/firebeat_provider.h" line="15"/>
        <source>FireBeat</source>
        <translation>FireBeat 消防检查</translation>
    </message>
    <message>
        <location filename="../src/firebeat_provider.h" line="16"/>
        <source>FireBeat fire-inspection analytics</source>
        <translation>FireBeat 消防检查分析</translation>
    </message>
</context>
<context>
    <name>FireBeatStyles</name>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>New Hot Spot</source>
        <translation>新热点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Consecutive Hot Spot</source>
        <translation>连续热点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Intensifying Hot Spot</source>
        <translation>加剧热点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Persistent Hot Spot</source>
        <translation>持续热点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Diminishing Hot Spot</source>
        <translation>减弱热点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Sporadic Hot Spot</source>
        <translation>零星热点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Oscillating Hot Spot</source>
        <translation>振荡热点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Historical Hot Spot</source>
        <translation>历史热点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>New Cold Spot</source>
        <translation>新冷点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Consecutive Cold Spot</source>
        <translation>连续冷点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Intensifying Cold Spot</source>
        <translation>加剧冷点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Persistent Cold Spot</source>
        <translation>持续冷点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Diminishing Cold Spot</source>
        <translation>减弱冷点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Sporadic Cold Spot</source>
        <translation>零星冷点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Oscillating Cold Spot</source>
        <translation>振荡冷点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Historical Cold Spot</source>
        <translation>历史冷点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>No Pattern Detected</source>
        <translation>未检测到模式</translation>
    </message>
</context>
<context>
    <name>EmergingAlgorithm</name>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Emerging hot spots (space-time)</source>
        <translation>新兴热点分析（时空）</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Which villages are new, consecutive, intensifying, persistent, diminishing, sporadic, oscillating or historical hot (or cold) spots, month by month (China Standard Time months from the earliest event to the reference date&apos;s month). Space-time Getis-Ord Gi* over the whole cube (queen neighbours, this month and the previous NEIGHBOURHOOD_STEPS months), Benjamini-Hochberg FDR at 90 % over all bins, a Mann-Kendall trend per village and the 17 patterns of ArcGIS Pro&apos;s Emerging Hot Spot Analysis, tested in its order.

VILLAGES is any polygon layer (ID_FIELD: its id, default the feature id); EVENTS any point layer with a date-time field (TIME_FIELD). The hazard filters need the hazards&apos; fields.

Writes the layer emerging_hotspots (the polygons&apos; fields plus pattern, code, trend_z, trend_p, n_hot, n_cold, final_z) and the table emerging_bins (count, gi_z, gi_p, class per village and month), identical to the command line&apos;s `firebeat emerging`.</source>
        <translation>按月判断各村（社区）是新热点、连续热点、加剧热点、持续热点、减弱热点、零星热点、振荡热点还是历史热点（或相应的冷点）（按中国标准时间自然月，从最早事件所在月至基准日期所在月）。在整个时空立方体上计算时空 Getis-Ord Gi*（皇后邻接，本月及此前 NEIGHBOURHOOD_STEPS 个月），对全部时空单元做 90% 的 Benjamini-Hochberg FDR 校正，对每个村的 z 序列做 Mann-Kendall 趋势检验，并按 ArcGIS Pro 新兴热点分析的 17 种模式及其判定顺序分类。

VILLAGES 可为任意面图层（ID_FIELD：其编号字段，默认要素编号）；EVENTS 为任意带日期时间字段（TIME_FIELD）的点图层。隐患筛选条件需要隐患图层的相应字段。

输出图层 emerging_hotspots（面图层的全部字段以及 pattern、code、trend_z、trend_p、n_hot、n_cold、final_z）和表 emerging_bins（每村每月的 count、gi_z、gi_p、class），结果与命令行 `firebeat emerging` 完全一致。</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>Emerging hot spots</source>
        <translation>新兴热点</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 文件 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../src/emerging_algorithm.cpp"/>
        <source>VILLAGES and EVENTS are required</source>
        <translation>必须指定 VILLAGES 和 EVENTS</translation>
    </message>
</context>
</TS>
