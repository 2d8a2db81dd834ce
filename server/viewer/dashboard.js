// The dashboard: the JSON API's coverage, officer, trend and hazard figures as Chart.js charts,
// for the whole city or one district. The time window (reference date and days) comes from the
// URL, else from what the map last used (localStorage), else the data's latest activity; a click
// on a district in the map or in a chart filters the other charts.
// <body data-dashboard-state="ready"> tells tests the charts are drawn; window.dashboard holds
// the charts and the API replies they were drawn from.
import { parseCapabilities } from './capabilities.js';
import { valueLabel } from './labels.js';
import { loadSharedWindow, saveSharedWindow } from './shared_window.js';

const body = document.body;
const palette = {
  blue: '#2b6cb0',
  teal: '#2c9c8f',
  orange: '#dd8a2e',
  red: '#c53030',
  grey: '#a0aec0',
  dark: '#2d3748',
  severity: ['#f6c453', '#ed8936', '#c53030'],
};
const numberFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
const localDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }); // YYYY-MM-DD

const state = { reference: null, days: 365, district: null };
const dashboard = { charts: {}, data: {}, urls: {}, select: (id) => select(id) };
window.dashboard = dashboard;

function showMessage(text) {
  document.getElementById('message').textContent = text;
}

async function getJson(url) {
  const reply = await fetch(url);
  const value = await reply.json();
  if (!reply.ok) throw new Error(value.error || reply.statusText);
  return value;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined) q.set(key, value);
  return q.toString();
}

// The first day of the month eleven months before `date` (YYYY-MM-DD): twelve months of trend.
function trendStart(date) {
  const [year, month] = date.split('-').map(Number);
  const start = new Date(Date.UTC(year, month - 1 - 11, 1));
  return start.toISOString().slice(0, 10);
}

function districtName(id) {
  const row = (dashboard.data.coverage?.districts || []).find((d) => d.district_id === id);
  return row ? row.name : id;
}

// Gap scores from pale to dark red, as the district_coverage map layer.
function gapColour(score, selected) {
  if (selected) return palette.dark;
  const t = Math.max(0, Math.min(1, score / 100));
  const from = [254, 224, 210];
  const to = [165, 15, 21];
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * t));
  return `rgb(${c.join(',')})`;
}

function baseOptions(extra = {}) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: {
      legend: { position: 'bottom', labels: { boxWidth: 12, font: { size: 11 } } },
      tooltip: { mode: 'index', intersect: false },
    },
    ...extra,
  };
}

// A chart made once and updated in place afterwards.
function chart(name, config) {
  const existing = dashboard.charts[name];
  if (existing) {
    existing.data = config.data;
    existing.options = config.options;
    existing.update();
    return existing;
  }
  const made = new Chart(document.getElementById(name + '-chart'), config);
  dashboard.charts[name] = made;
  return made;
}

// Clicking a bar of a per-district chart selects (or, clicked again, clears) its district.
function districtClick(ids) {
  return (event, elements) => {
    if (elements.length === 0) return;
    const id = ids[elements[0].index];
    select(state.district === id ? null : id);
  };
}

function drawRanking(districts) {
  const ranked = [...districts].sort((a, b) => a.gap_rank - b.gap_rank);
  const ids = ranked.map((d) => d.district_id);
  chart('ranking', {
    type: 'bar',
    data: {
      labels: ranked.map((d) => `${d.gap_rank}. ${d.name}`),
      datasets: [
        {
          label: '差距分 Gap score',
          data: ranked.map((d) => d.gap_score),
          backgroundColor: ranked.map((d) => gapColour(d.gap_score, d.district_id === state.district)),
          districtIds: ids,
        },
      ],
    },
    options: baseOptions({
      indexAxis: 'y',
      onClick: districtClick(ids),
      plugins: { legend: { display: false } },
      scales: { x: { min: 0, max: 100, title: { display: true, text: '差距分 Gap score (0–100)' } } },
    }),
  });
}

function drawCoverage(districts) {
  const ranked = [...districts].sort((a, b) => a.gap_rank - b.gap_rank);
  const ids = ranked.map((d) => d.district_id);
  const dim = (colour) => ranked.map((d) => (state.district && d.district_id !== state.district ? colour + '55' : colour));
  chart('coverage', {
    type: 'bar',
    data: {
      labels: ranked.map((d) => d.name),
      datasets: [
        {
          type: 'line',
          label: '覆盖率 Coverage %',
          data: ranked.map((d) => d.coverage_pct),
          borderColor: palette.blue,
          backgroundColor: palette.blue,
          yAxisID: 'percent',
          tension: 0.2,
          districtIds: ids,
        },
        {
          label: '逾期单位 Overdue units',
          data: ranked.map((d) => d.overdue_units),
          backgroundColor: dim(palette.orange),
          stack: 'units',
          yAxisID: 'units',
          districtIds: ids,
        },
        {
          label: '从未检查 Never inspected',
          data: ranked.map((d) => d.never_inspected),
          backgroundColor: dim(palette.red),
          stack: 'units',
          yAxisID: 'units',
          districtIds: ids,
        },
      ],
    },
    options: baseOptions({
      onClick: districtClick(ids),
      scales: {
        units: { position: 'left', stacked: true, beginAtZero: true, title: { display: true, text: '单位 Units' } },
        percent: {
          position: 'right',
          min: 0,
          max: 100,
          grid: { drawOnChartArea: false },
          title: { display: true, text: '覆盖率 Coverage %' },
        },
        x: { stacked: true, ticks: { autoSkip: false, maxRotation: 60, font: { size: 10 } } },
      },
    }),
  });
}

function drawOfficers(officers) {
  const rows = officers.filter((o) => o.completion_pct !== null).sort((a, b) => b.completion_pct - a.completion_pct);
  chart('officers', {
    type: 'bar',
    data: {
      labels: rows.map((o) => o.name || o.officer_id),
      datasets: [
        {
          label: '完成率 Completion %',
          data: rows.map((o) => o.completion_pct),
          backgroundColor: rows.map((o) => (o.completion_pct >= 100 ? palette.teal : palette.orange)),
          officerIds: rows.map((o) => o.officer_id),
        },
        {
          type: 'line',
          label: '定额 Norm (100%)',
          data: rows.map(() => 100),
          borderColor: palette.dark,
          borderDash: [6, 4],
          borderWidth: 1.5,
          pointRadius: 0,
        },
      ],
    },
    options: baseOptions({
      scales: {
        y: { beginAtZero: true, suggestedMax: 110, title: { display: true, text: '完成率 Completion %' } },
        x: { ticks: { autoSkip: rows.length > 40, maxRotation: 60, font: { size: 10 } } },
      },
    }),
  });
}

function drawTrend(trend) {
  chart('trend', {
    type: 'bar',
    data: {
      labels: trend.steps.map((s) => s.label.slice(0, 7)),
      datasets: [
        { label: '发现 Found', data: trend.steps.map((s) => s.hazards_found), backgroundColor: palette.orange },
        { label: '整改 Rectified', data: trend.steps.map((s) => s.hazards_rectified), backgroundColor: palette.teal },
        {
          type: 'line',
          label: '月末未整改 Open at month end',
          data: trend.steps.map((s) => s.open_hazards),
          borderColor: palette.red,
          backgroundColor: palette.red,
          tension: 0.2,
        },
      ],
    },
    options: baseOptions({
      scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: '隐患 Hazards' } } },
    }),
  });
}

function drawHazards(hazards) {
  const rows = [...hazards.categories].sort((a, b) => b.open - a.open);
  chart('hazards', {
    type: 'bar',
    data: {
      labels: rows.map((c) => valueLabel('category', c.category)),
      datasets: [1, 2, 3].map((s) => ({
        label: valueLabel('severity', String(s)),
        data: rows.map((c) => c['open_sev' + s]),
        backgroundColor: palette.severity[s - 1],
        categories: rows.map((c) => c.category),
      })),
    },
    options: baseOptions({
      indexAxis: 'y',
      scales: {
        x: {
          stacked: true,
          beginAtZero: true,
          ticks: { precision: 0 },
          title: { display: true, text: '未整改隐患 Open hazards' },
        },
        y: { stacked: true, ticks: { autoSkip: false, font: { size: 10 } } },
      },
    }),
  });
}

// The key figures of the selection: sums over its districts.
function drawKpis(districts) {
  const rows = state.district ? districts.filter((d) => d.district_id === state.district) : districts;
  const sum = (field) => rows.reduce((s, d) => s + (d[field] || 0), 0);
  const units = sum('units_total');
  const coverage = units > 0 ? (100 * sum('units_inspected')) / units : null;
  const figures = [
    ['单位总数', 'Units', sum('units_total')],
    ['覆盖率', 'Coverage', coverage === null ? '—' : numberFormat.format(coverage) + '%'],
    ['逾期单位', 'Overdue units', sum('overdue_units')],
    ['从未检查', 'Never inspected', sum('never_inspected')],
    ['检查次数', 'Inspections', sum('inspections')],
    ['发现隐患', 'Hazards found', sum('hazards_found')],
    ['未整改隐患', 'Open hazards', sum('open_hazards')],
    ['重大隐患', 'Open major', sum('open_major_hazards')],
  ];
  const box = document.getElementById('kpis');
  box.replaceChildren(
    ...figures.map(([zh, en, value]) => {
      const card = document.createElement('div');
      card.className = 'kpi';
      const number = document.createElement('strong');
      number.textContent = typeof value === 'number' ? numberFormat.format(value) : value;
      const label = document.createElement('span');
      label.textContent = `${zh} ${en}`;
      card.append(number, label);
      return card;
    }),
  );
}

function showSelection() {
  const name = state.district ? districtName(state.district) : null;
  document.getElementById('selection').textContent = name ? `辖区 District: ${name}` : '全市 Whole city';
  document.getElementById('clear-district').hidden = !state.district;
  body.dataset.district = state.district || '';
}

// The window and the selection in the page's URL, in the map's link and in localStorage.
function remember() {
  const params = { reference_date: state.reference, window_days: state.days, district: state.district };
  history.replaceState(null, '', 'dashboard?' + query(params));
  document.getElementById('map-link').href = './?' + query({ reference_date: state.reference, window_days: state.days });
  saveSharedWindow({ end: state.reference, days: state.days });
}

async function load() {
  body.dataset.dashboardState = 'loading';
  const period = { reference_date: state.reference, window_days: state.days };
  const urls = {
    coverage: 'api/coverage?' + query(period),
    officers: 'api/officers?' + query({ ...period, district: state.district }),
    trend: 'api/trend?' + query({ district: state.district, from: trendStart(state.reference), to: state.reference, step: 'month' }),
    hazards: 'api/hazards?' + query({ reference_date: state.reference, district: state.district }),
  };
  const names = Object.keys(urls);
  const replies = await Promise.all(names.map((n) => getJson(urls[n])));
  names.forEach((n, i) => (dashboard.data[n] = replies[i]));
  dashboard.urls = urls;
  const districts = dashboard.data.coverage.districts;
  showSelection();
  drawKpis(districts);
  drawRanking(districts);
  drawCoverage(districts);
  drawOfficers(dashboard.data.officers.officers);
  drawTrend(dashboard.data.trend);
  drawHazards(dashboard.data.hazards);
  remember();
  showMessage('');
  body.dataset.dashboardState = 'ready';
}

function reload() {
  load().catch((error) => {
    showMessage('无法加载数据 Cannot load the figures: ' + error.message);
    body.dataset.dashboardState = 'error';
  });
}

function select(id) {
  state.district = id || null;
  reload();
}

// The police districts coloured by gap score; a click asks the server which district is there.
async function startMap() {
  const map = L.map('district-map', { crs: L.CRS.EPSG3857, center: [0, 0], zoom: 2, attributionControl: false });
  const capabilities = parseCapabilities(await (await fetch('wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0')).text());
  const layer = capabilities.find((l) => l.name === 'district_coverage');
  if (!layer) return;
  L.tileLayer
    .wms('wms', { layers: 'district_coverage', styles: '', format: 'image/png', transparent: true, version: '1.3.0', uppercase: true })
    .addTo(map);
  if (layer.bounds) map.fitBounds(layer.bounds);
  map.on('click', async (event) => {
    const size = map.getSize();
    const bounds = map.getBounds();
    const sw = map.options.crs.project(bounds.getSouthWest());
    const ne = map.options.crs.project(bounds.getNorthEast());
    const params = new URLSearchParams({
      SERVICE: 'WMS', VERSION: '1.3.0', REQUEST: 'GetFeatureInfo', LAYERS: 'district_coverage',
      QUERY_LAYERS: 'district_coverage', STYLES: '', CRS: 'EPSG:3857', BBOX: [sw.x, sw.y, ne.x, ne.y].join(','),
      WIDTH: String(size.x), HEIGHT: String(size.y), I: String(Math.round(event.containerPoint.x)),
      J: String(Math.round(event.containerPoint.y)), INFO_FORMAT: 'application/json', FEATURE_COUNT: '1',
    });
    const info = await getJson('wms?' + params.toString());
    const id = info.features?.[0]?.properties?.district_id;
    if (id) select(state.district === id ? null : id);
  });
  dashboard.map = map;
}

async function start() {
  Chart.defaults.font.family = getComputedStyle(body).fontFamily;
  Chart.defaults.color = '#4a5568';
  const url = new URLSearchParams(location.search);
  const shared = loadSharedWindow();
  state.reference = url.get('reference_date') || shared?.end || null;
  state.days = Number(url.get('window_days') || shared?.days || 365);
  state.district = url.get('district') || null;
  if (!state.reference) {
    // The data's latest activity, as the map's district_coverage layer uses.
    const latest = await getJson('api/hazards');
    state.reference = localDate.format(new Date(latest.reference_date));
  }
  const dateInput = document.getElementById('reference-date');
  const daysSelect = document.getElementById('window-days');
  dateInput.value = state.reference;
  if (![...daysSelect.options].some((o) => o.value === String(state.days)))
    daysSelect.append(new Option(`${state.days} 天 days`, String(state.days)));
  daysSelect.value = String(state.days);
  dateInput.addEventListener('change', () => {
    if (!dateInput.value) return;
    state.reference = dateInput.value;
    reload();
  });
  daysSelect.addEventListener('change', () => {
    state.days = Number(daysSelect.value);
    reload();
  });
  document.getElementById('clear-district').addEventListener('click', () => select(null));
  await Promise.all([load(), startMap()]);
}

start().catch((error) => {
  showMessage('无法加载看板 Cannot load the dashboard: ' + error.message);
  body.dataset.dashboardState = 'error';
});
