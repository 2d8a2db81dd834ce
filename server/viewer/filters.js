// The time slider and the severity/status/category filters, built from the dimensions the
// layers declare in the capabilities: a dimension nobody declares gets no control, so the viewer
// works with a server that has none. Each layer is sent only the dimensions it declares.
import { listValues, timeRange } from './capabilities.js';
import { dimensionLabel, valueLabel } from './labels.js';
import { loadSharedWindow, saveSharedWindow } from './shared_window.js';

const dayMs = 24 * 3600 * 1000;
const dateFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai' });
const isoInstant = (date) => date.toISOString().replace('.000Z', 'Z');
const localDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }); // YYYY-MM-DD

// The request parameter of a dimension (WMS 1.3.0 Annex C).
const parameterName = (dimension) => (dimension === 'time' ? 'TIME' : 'DIM_' + dimension.toUpperCase());
// A TIME extent of months ("2025-12/2026-11/P1M", emerging_hotspots): one month or all of them.
const monthly = (extent) => /\/P1M$/.test(extent.trim());

export class Filters {
  // `layers`: from parseCapabilities; `onChange()` is called after every change.
  constructor(layers, onChange) {
    this.onChange = onChange;
    this.values = {}; // dimension -> parameter value, or null for "everything"
    this.setUpTime(layers);
    const container = document.getElementById('filters');
    for (const dimension of new Set(layers.flatMap((l) => Object.keys(l.dimensions)))) {
      if (dimension === 'time') continue;
      const declared = layers.find((l) => l.dimensions[dimension]).dimensions[dimension];
      const values = listValues(declared.extent).filter((v) => v !== 'all');
      if (values.length > 1) container.append(this.listControl(dimension, values, dimension !== 'status'));
    }
  }

  // The dimension parameters for `layer`: {TIME: "start/end" | null, DIM_SEVERITY: ...}; null
  // asks for everything (the parameter is left out). A layer of months gets the month of the
  // window's end (emerging_hotspots: that month's classes), or nothing for the whole time (its
  // patterns).
  paramsFor(layer) {
    const params = {};
    for (const [dimension, declared] of Object.entries(layer.dimensions))
      params[parameterName(dimension)] =
        dimension === 'time' && monthly(declared.extent)
          ? this.monthIn(declared.extent)
          : (this.values[dimension] ?? null);
    return params;
  }

  // "YYYY-MM" of the window's end, kept within the extent's months; null for the whole time.
  monthIn(extent) {
    if (!this.values.time || !this.window) return null;
    const [first, last] = extent.trim().split('/');
    const month = this.window.end.slice(0, 7);
    return month < first ? first : month > last ? last : month;
  }

  // The slider picks the end day; the window select how far back from it (or from the start).
  setUpTime(layers) {
    // Months (a layer of months) only when no layer has instants.
    const timed = layers.filter((l) => l.dimensions.time);
    const instants = timed.filter((l) => !monthly(l.dimensions.time.extent));
    const ranges = (instants.length > 0 ? instants : timed).map((l) => timeRange(l.dimensions.time.extent));
    const valid = ranges.filter(Boolean);
    if (valid.length === 0) return;
    const start = new Date(Math.min(...valid.map((r) => r[0])));
    const end = new Date(Math.max(...valid.map((r) => r[1])));
    const days = Math.max(1, Math.ceil((end - start) / dayMs));
    const slider = document.getElementById('time-slider');
    const windowSelect = document.getElementById('time-window');
    const label = document.getElementById('time-label');
    slider.max = String(days);
    slider.value = String(days);
    // The window the dashboard or the map last used (URL first, then localStorage).
    const url = new URLSearchParams(location.search);
    const shared = loadSharedWindow();
    const sharedEnd = url.get('reference_date') || shared?.end;
    const sharedDays = url.get('window_days') || shared?.days;
    if (sharedEnd) {
      const day = Math.ceil((Date.parse(sharedEnd + 'T23:59:59+08:00') - start.getTime()) / dayMs);
      if (Number.isFinite(day)) slider.value = String(Math.max(0, Math.min(days, day)));
    }
    if (sharedDays && [...windowSelect.options].some((o) => o.value === String(sharedDays)))
      windowSelect.value = String(sharedDays);
    const selection = () => {
      const day = Number(slider.value);
      const to = day >= days ? end : new Date(start.getTime() + day * dayMs);
      const windowDays = Number(windowSelect.value);
      const from = windowDays
        ? new Date(Math.max(start.getTime(), to.getTime() - windowDays * dayMs))
        : start;
      return { from, to, everything: day >= days && !windowDays };
    };
    const showLabel = () => {
      const { from, to } = selection();
      label.textContent = dateFormat.format(from) + ' – ' + dateFormat.format(to);
    };
    const select = () => {
      const { from, to, everything } = selection();
      this.values.time = everything ? null : isoInstant(from) + '/' + isoInstant(to);
      this.window = { end: localDate.format(to), days: Number(windowSelect.value) || null };
      showLabel();
    };
    const apply = () => {
      select();
      saveSharedWindow(this.window);
      this.onChange();
    };
    slider.addEventListener('input', showLabel); // redraw only when the thumb is released
    slider.addEventListener('change', apply);
    windowSelect.addEventListener('change', apply);
    select();
    document.getElementById('time-section').hidden = false;
  }

  // Checkboxes (any subset; all ticked: everything) or radio buttons with "all" first. Long
  // lists start folded.
  listControl(dimension, values, multiple) {
    const section = document.createElement(values.length > 5 ? 'details' : 'section');
    const heading = document.createElement(values.length > 5 ? 'summary' : 'h2');
    heading.textContent = dimensionLabel(dimension);
    section.append(heading);
    const inputs = [];
    const addChoice = (value, text, checked) => {
      const label = document.createElement('label');
      label.className = 'choice';
      const input = document.createElement('input');
      input.type = multiple ? 'checkbox' : 'radio';
      input.name = 'dim-' + dimension;
      input.value = value;
      input.checked = checked;
      label.append(input, ' ' + text);
      section.append(label);
      inputs.push(input);
      return input;
    };
    if (!multiple) addChoice('', '全部 All', true);
    for (const value of values) addChoice(value, valueLabel(dimension, value), multiple);
    section.addEventListener('change', (event) => {
      const ticked = inputs.filter((i) => i.checked).map((i) => i.value);
      if (multiple && ticked.length === 0) {
        event.target.checked = true; // an empty selection would show nothing at all
        return;
      }
      const everything = multiple ? ticked.length === values.length : ticked[0] === '';
      this.values[dimension] = everything ? null : ticked.join(',');
      this.onChange();
    });
    return section;
  }
}
