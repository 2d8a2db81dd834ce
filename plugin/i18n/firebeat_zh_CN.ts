<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SourceParameters</name>
    <message>
        <location filename="../src/source_parameters.cpp" line="15"/>
        <source>Inspection data set (SpatiaLite, GeoPackage)</source>
        <translation>检查数据集（SpatiaLite、GeoPackage）</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="17"/>
        <source>Inspection data (*.sqlite *.db *.gpkg);;All files (*)</source>
        <translation>检查数据 (*.sqlite *.db *.gpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="20"/>
        <source>Or an OGR connection string (e.g. PG:&quot;dbname=fire&quot;), used instead of the file</source>
        <translation>或 OGR 连接字符串（如 PG:"dbname=fire"），代替文件使用</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="24"/>
        <source>Layer and field names, one per line (hazards=t_hazard, hazards.severity=grade)</source>
        <translation>图层和字段名映射，每行一条（hazards=t_hazard, hazards.severity=grade）</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="27"/>
        <source>Point layers are in GCJ-02 (WeChat/Tencent/AMap coordinates)</source>
        <translation>点图层为 GCJ-02 坐标（微信/腾讯/高德地图）</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="29"/>
        <source>Analysis CRS (metric; empty: CGCS2000 Gauss-Kruger zone of the data)</source>
        <translation>分析坐标系（米制；留空则使用数据所在的 CGCS2000 高斯-克吕格分带）</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="32"/>
        <source>Repair invalid polygons (GEOS MakeValid) instead of skipping them</source>
        <translation>修复无效多边形（GEOS MakeValid），而不是跳过</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="43"/>
        <source>INPUT: choose an inspection data set file or give a CONNECTION string</source>
        <translation>INPUT：请选择检查数据集文件或填写连接字符串 CONNECTION</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="56"/>
        <source>FIELD_MAP: %1</source>
        <translation>FIELD_MAP：%1</translation>
    </message>
    <message>
        <location filename="../src/source_parameters.cpp" line="63"/>
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
        <location filename="../src/validate_algorithm.cpp" line="28"/>
        <source>Report (JSON)</source>
        <translation>报告（JSON）</translation>
    </message>
    <message>
        <location filename="../src/validate_algorithm.cpp" line="29"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../src/validate_algorithm.cpp" line="30"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../src/validate_algorithm.cpp" line="31"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../src/validate_algorithm.cpp" line="32"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../src/validate_algorithm.cpp" line="63"/>
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
        <location filename="../src/firebeat_provider.h" line="14"/>
        <source>FireBeat</source>
        <translation>FireBeat 消防检查</translation>
    </message>
    <message>
        <location filename="../src/firebeat_provider.h" line="15"/>
        <source>FireBeat fire-inspection analytics</source>
        <translation>FireBeat 消防检查分析</translation>
    </message>
</context>
</TS>
