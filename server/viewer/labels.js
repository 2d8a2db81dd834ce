// Chinese and English labels for what the server names in English codes. Unknown names show as
// the server gives them, so new layers and values need no change here.

const layerNames = {
  hazard_heatmap: '危险源热力图 Hazard heatmap',
  district_coverage: '辖区巡检覆盖 District coverage',
  village_hotspots: '村社热点 Village hot spots',
  emerging_hotspots: '新兴热点 Emerging hot spots',
  hazards: '隐患点 Hazards',
  units: '检查单位 Inspected units',
  fire_stations: '消防站 Fire stations',
  police_districts: '派出所辖区 Police districts',
  villages: '村（社区）Villages',
};

const dimensionNames = {
  severity: '严重程度 Severity',
  status: '整改状态 Status',
  category: '隐患类别 Category',
};

const dimensionValues = {
  severity: { 1: '1 一般 Minor', 2: '2 较大 Major', 3: '3 重大 Severe' },
  status: { open: '未整改 Open', rectified: '已整改 Rectified' },
  // The data model's hazard categories (algorithms/src/model.cpp), with their Chinese names.
  category: {
    EVAC_BLOCKED: '疏散通道/安全出口堵塞 Blocked exits',
    FIRE_LANE: '消防车通道堵塞 Blocked fire lane',
    HYDRANT: '消火栓埋压圈占 Obstructed hydrant',
    EXTINGUISHER: '灭火器缺失失效 Extinguishers',
    SIGN_LIGHT: '疏散指示/应急照明损坏 Exit signs, lights',
    FIRE_SYSTEM: '消防设施停用/未维保 Fire systems',
    FIRE_SEPARATION: '防火分隔损坏 Fire separation',
    ELECTRICAL: '电气线路私拉乱接 Electrical wiring',
    EBIKE: '电动自行车违规停放充电 E-bike charging',
    MIXED_RESIDENCE: '三合一/违规住人 Mixed residence',
    HAZMAT: '易燃易爆违规存放 Hazardous materials',
    FLAMMABLE_STRUCT: '彩钢板/可燃材料搭建 Flammable structures',
    MANAGEMENT: '制度/培训/演练缺失 Management',
    OTHER: '其他 Other',
  },
};

const hasChinese = (text) => /[\u4e00-\u9fff]/.test(text);

export function layerLabel(layer) {
  if (hasChinese(layer.title)) return layer.title;
  return layerNames[layer.name] || layer.title || layer.name;
}

export function dimensionLabel(name) {
  return dimensionNames[name] || name;
}

export function valueLabel(dimension, value) {
  return (dimensionValues[dimension] || {})[value] || value;
}
