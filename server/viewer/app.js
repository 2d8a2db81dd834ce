// The viewer: reads the server's WMS capabilities, shows its layers on a Leaflet map in
// EPSG:3857 (no internet basemap by default: the police districts serve as one when the server has
// them; the server's config may name a base map's tile URL, e.g. an internal tile server),
// with a layer switcher, the dimension filters, a legend and feature info on click.
// <body data-viewer-state="ready" data-tiles-loaded="N" ...> reports progress to tests, and
// window.viewer holds the map and the layers' switches for them.
import { parseCapabilities } from './capabilities.js';
import { enableFeatureInfo } from './feature_info.js';
import { Filters } from './filters.js';
import { layerLabel } from './labels.js';

const shownAtStart = ['hazard_heatmap', 'police_districts'];
// Drawing order for the layers we know: areas below, the heatmap, points on top.
const drawingOrder = [
  'police_districts',
  'villages',
  'district_coverage',
  'village_hotspots',
  'emerging_hotspots',
  'hazard_heatmap',
  'units',
  'hazards',
  'fire_stations',
];

const body = document.body;
const counts = { tilesLoaded: 0, tileErrors: 0 };

function showMessage(text) {
  document.getElementById('message').textContent = text;
}

function drawingRank(layer, index) {
  const known = drawingOrder.indexOf(layer.name);
  return known >= 0 ? known : drawingOrder.indexOf('hazard_heatmap') + index / 1000;
}

// One WMS tile layer per capabilities layer; `pending` holds those still loading tiles.
function makeTileLayer(layer, zIndex, pending, report) {
  const tiles = L.tileLayer.wms('wms', {
    layers: layer.name,
    styles: '',
    format: 'image/png',
    transparent: true,
    version: '1.3.0',
    tileSize: 256,
    uppercase: true,
    zIndex,
  });
  tiles.on('loading', () => {
    pending.add(layer.name);
    report();
  });
  tiles.on('load', () => {
    pending.delete(layer.name);
    report();
  });
  tiles.on('tileload', () => {
    counts.tilesLoaded += 1;
  });
  tiles.on('tileerror', () => {
    counts.tileErrors += 1;
  });
  return tiles;
}

function legendUrl(layer) {
  if (layer.legendUrl) return layer.legendUrl;
  const params = new URLSearchParams({
    SERVICE: 'WMS',
    VERSION: '1.3.0',
    REQUEST: 'GetLegendGraphic',
    LAYER: layer.name,
    FORMAT: 'image/png',
    SLD_VERSION: '1.1.0',
  });
  return 'wms?' + params.toString();
}

// The legend floats on the map, one GetLegendGraphic image per visible layer, top layer first.
function addLegend(map) {
  const legend = L.control({ position: 'bottomleft' });
  legend.onAdd = () => {
    const box = L.DomUtil.create('div', 'legend');
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  legend.addTo(map);
  return legend.getContainer();
}

function updateLegend(box, visible) {
  const heading = document.createElement('h2');
  heading.textContent = '图例 Legend';
  box.replaceChildren(heading);
  for (const layer of [...visible].reverse()) {
    const figure = document.createElement('figure');
    const caption = document.createElement('figcaption');
    caption.textContent = layerLabel(layer);
    const image = document.createElement('img');
    image.alt = layerLabel(layer);
    image.addEventListener('error', () => figure.remove()); // this server draws no legend for it
    image.src = legendUrl(layer);
    figure.append(caption, image);
    box.append(figure);
  }
}

// The base map the server's config names (viewer.base_map), below every layer; none by default.
async function addBaseMap(map) {
  const reply = await fetch('viewer/config.json');
  const config = reply.ok ? await reply.json() : {};
  const base = config.base_map;
  if (!base) return;
  const options = { attribution: base.attribution || '', maxZoom: base.max_zoom ?? 18, zIndex: 0 };
  if (base.subdomains) options.subdomains = base.subdomains;
  L.tileLayer(base.url, options).addTo(map);
  body.dataset.baseMap = base.url;
}

async function start() {
  const map = L.map('map', { crs: L.CRS.EPSG3857, center: [0, 0], zoom: 2, minZoom: 2 });
  map.attributionControl.setPrefix('FireBeat · Leaflet');
  L.control.scale({ imperial: false }).addTo(map);
  const legend = addLegend(map);
  await addBaseMap(map);

  const reply = await fetch('wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0');
  const layers = parseCapabilities(await reply.text());
  body.dataset.layers = String(layers.length);
  if (layers.length === 0) throw new Error('the server lists no layers');

  const ordered = layers
    .map((layer, i) => ({ layer, rank: drawingRank(layer, i) }))
    .sort((a, b) => a.rank - b.rank);
  const pending = new Set();
  const tileLayers = new Map();
  const visible = () => ordered.map((o) => o.layer).filter((l) => map.hasLayer(tileLayers.get(l.name)));
  const report = () => {
    body.dataset.tilesLoaded = String(counts.tilesLoaded);
    body.dataset.tileErrors = String(counts.tileErrors);
    body.dataset.visibleLayers = String(visible().length);
    body.dataset.viewerState = pending.size === 0 ? 'ready' : 'loading';
  };
  ordered.forEach(({ layer }, i) => tileLayers.set(layer.name, makeTileLayer(layer, i + 1, pending, report)));

  const dashboardLink = document.getElementById('dashboard-link');
  const filters = new Filters(layers, () => {
    for (const layer of layers) {
      const tiles = tileLayers.get(layer.name);
      for (const [key, value] of Object.entries(filters.paramsFor(layer))) {
        if (value === null) delete tiles.wmsParams[key];
        else tiles.wmsParams[key] = value;
      }
      if (map.hasLayer(tiles)) tiles.redraw();
    }
    // The dashboard opens on the map's window (a cumulative map: the year to its end).
    if (filters.window)
      dashboardLink.href =
        'dashboard?' +
        new URLSearchParams({ reference_date: filters.window.end, window_days: filters.window.days || 365 });
  });
  filters.onChange(); // a window shared by the dashboard applies from the start

  // The switcher lists the layers top first, as they are drawn.
  const list = document.getElementById('layers');
  const startWith = layers.some((l) => shownAtStart.includes(l.name)) ? shownAtStart : [layers[0].name];
  for (const { layer } of [...ordered].reverse()) {
    const item = document.createElement('li');
    const label = document.createElement('label');
    label.title = layer.abstract;
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = layer.name;
    box.checked = startWith.includes(layer.name);
    box.addEventListener('change', () => {
      const tiles = tileLayers.get(layer.name);
      if (box.checked) tiles.addTo(map);
      else {
        map.removeLayer(tiles);
        pending.delete(layer.name);
      }
      updateLegend(legend, visible());
      report();
    });
    label.append(box, ' ' + layerLabel(layer));
    item.append(label);
    list.append(item);
  }

  const bounds = layers.map((l) => l.bounds).filter(Boolean);
  if (bounds.length > 0) map.fitBounds(bounds.reduce((all, b) => all.extend(b), L.latLngBounds(bounds[0])));
  for (const name of startWith) tileLayers.get(name)?.addTo(map);
  updateLegend(legend, visible());
  enableFeatureInfo(map, visible, (layer) => filters.paramsFor(layer));
  window.viewer = { map, filters };
  report();
}

start().catch((error) => {
  showMessage('无法加载图层 Cannot load the layers: ' + error.message);
  body.dataset.viewerState = 'error';
});
