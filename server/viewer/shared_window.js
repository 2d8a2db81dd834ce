// The time window the map and the dashboard share through localStorage: the reference (end)
// date as YYYY-MM-DD and the number of days before it (null: from the beginning of the data).
const key = 'firebeat.timeWindow';

export function loadSharedWindow() {
  try {
    const value = JSON.parse(localStorage.getItem(key) || 'null');
    return value && /^\d{4}-\d{2}-\d{2}$/.test(value.end) ? value : null;
  } catch {
    return null; // storage disabled or a value of an older viewer
  }
}

export function saveSharedWindow(value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage disabled: the URL still carries the window
  }
}
