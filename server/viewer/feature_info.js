// Click on the map: GetFeatureInfo (JSON) for each visible queryable layer, shown in a popup.
// One request per layer, so each carries only the dimensions that layer declares. A feature with
// a monthly `series` (a village of emerging_hotspots) gets it as a small Chart.js chart: hazards
// per month as bars, the space-time Gi* z as a line; a hot month's point is a triangle up, a
// cold month's a triangle down.
import { layerLabel } from './labels.js';

const numberFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 3 });

// Chart.js (Debian's, served by firebeat for the dashboard), loaded on the first chart.
let chartLibrary = null;
function loadChartJs() {
  chartLibrary ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = 'viewer/lib/chart.js/chart.min.js';
    script.onload = () => resolve(window.Chart);
    script.onerror = () => {
      chartLibrary = null;
      reject(new Error('Chart.js is not served'));
    };
    document.head.append(script);
  });
  return chartLibrary;
}

const isSeries = (value) =>
  value !== null &&
  typeof value === 'object' &&
  Array.isArray(value.month) &&
  Array.isArray(value.count) &&
  Array.isArray(value.gi_z);

const classPoint = { hot: 'triangle', cold: 'triangle', none: 'circle' };

function seriesChart(series) {
  const box = document.createElement('div');
  box.className = 'series-chart';
  const canvas = document.createElement('canvas');
  box.append(canvas);
  loadChartJs()
    .then((Chart) => {
      const classes = series.class || [];
      new Chart(canvas, {
        data: {
          labels: series.month,
          datasets: [
            { type: 'bar', label: '隐患 Hazards', data: series.count, yAxisID: 'count', backgroundColor: '#9aa9bd' },
            {
              type: 'line',
              label: 'Gi* z',
              data: series.gi_z,
              yAxisID: 'z',
              borderColor: '#8c1d18',
              backgroundColor: '#8c1d18',
              pointStyle: classes.map((c) => classPoint[c] || 'circle'),
              rotation: classes.map((c) => (c === 'cold' ? 180 : 0)),
              pointRadius: classes.map((c) => (c === 'none' ? 2 : 5)),
              spanGaps: false,
            },
          ],
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { labels: { boxWidth: 10, font: { size: 10 } } } },
          scales: {
            x: { ticks: { font: { size: 9 }, maxRotation: 60 } },
            count: { position: 'left', beginAtZero: true, ticks: { precision: 0, font: { size: 9 } } },
            z: { position: 'right', grid: { drawOnChartArea: false }, ticks: { font: { size: 9 } } },
          },
        },
      });
      document.body.dataset.seriesCharts = String(Number(document.body.dataset.seriesCharts || 0) + 1);
    })
    .catch((error) => {
      box.textContent = error.message;
    });
  return box;
}

function requestUrl(map, layer, dimensionParams, point) {
  const size = map.getSize();
  const bounds = map.getBounds();
  const sw = map.options.crs.project(bounds.getSouthWest());
  const ne = map.options.crs.project(bounds.getNorthEast());
  const params = new URLSearchParams({
    SERVICE: 'WMS',
    VERSION: '1.3.0',
    REQUEST: 'GetFeatureInfo',
    LAYERS: layer.name,
    QUERY_LAYERS: layer.name,
    STYLES: '',
    CRS: 'EPSG:3857',
    BBOX: [sw.x, sw.y, ne.x, ne.y].join(','),
    WIDTH: String(size.x),
    HEIGHT: String(size.y),
    I: String(Math.round(point.x)),
    J: String(Math.round(point.y)),
    INFO_FORMAT: 'application/json',
    FEATURE_COUNT: '10',
  });
  for (const [key, value] of Object.entries(dimensionParams)) if (value !== null) params.set(key, value);
  return 'wms?' + params.toString();
}

// The features a layer answers at `point`, or one {error} entry.
async function query(map, layer, dimensionParams, point) {
  try {
    const reply = await fetch(requestUrl(map, layer, dimensionParams, point));
    const text = await reply.text();
    if (!reply.ok || !(reply.headers.get('Content-Type') || '').includes('json'))
      return [{ layer, error: text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim() }];
    return (JSON.parse(text).features || []).map((f) => ({ layer, properties: f.properties || {} }));
  } catch (error) {
    return [{ layer, error: String(error) }];
  }
}

function formatValue(value) {
  if (typeof value === 'number') return numberFormat.format(value);
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

// Built with text nodes: the server's values are shown, never interpreted as HTML.
function popupContent(results) {
  const root = document.createElement('div');
  root.className = 'feature-info';
  if (results.length === 0) root.textContent = '此处无要素 Nothing here';
  for (const result of results) {
    const heading = document.createElement('h3');
    heading.textContent = layerLabel(result.layer);
    root.append(heading);
    if (result.error) {
      const p = document.createElement('p');
      p.className = 'error';
      p.textContent = result.error;
      root.append(p);
      continue;
    }
    const table = document.createElement('table');
    for (const [key, value] of Object.entries(result.properties)) {
      if (key === 'series' && isSeries(value)) continue; // drawn below
      const row = table.insertRow();
      row.insertCell().textContent = key;
      row.insertCell().textContent = formatValue(value);
    }
    root.append(table);
    if (isSeries(result.properties.series)) root.append(seriesChart(result.properties.series));
    // A police district (coverage or plain): open the dashboard filtered on it.
    const district = result.properties.district_id;
    if (district && ['district_coverage', 'police_districts'].includes(result.layer.name)) {
      const link = document.createElement('a');
      link.className = 'dashboard-link';
      const here = new URL(document.getElementById('dashboard-link')?.href || 'dashboard', location.href);
      here.searchParams.set('district', district);
      link.href = here.toString();
      link.textContent = '本辖区看板 Dashboard of this district →';
      root.append(link);
    }
  }
  return root;
}

// `visibleLayers()`: the capabilities entries now shown, bottom first; `paramsFor(layer)`: their
// dimensions.
export function enableFeatureInfo(map, visibleLayers, paramsFor) {
  map.on('click', async (event) => {
    const layers = visibleLayers()
      .filter((l) => l.queryable)
      .reverse(); // the top layer's answer first
    if (layers.length === 0) return;
    const popup = L.popup({ maxWidth: 360, maxHeight: 320 })
      .setLatLng(event.latlng)
      .setContent('查询中… Querying…')
      .openOn(map);
    const answers = await Promise.all(layers.map((l) => query(map, l, paramsFor(l), event.containerPoint)));
    popup.setContent(popupContent(answers.flat()));
  });
}
