// What the viewer needs from a WMS 1.3.0 GetCapabilities document: the named layers with their
// titles, geographic extents, dimensions and legend URLs.

// Direct children of `element` named `localName`, whatever their namespace.
function children(element, localName) {
  return Array.from(element.children).filter((c) => c.localName === localName);
}

function childText(element, localName) {
  const child = children(element, localName)[0];
  return child ? child.textContent.trim() : '';
}

// [[south, west], [north, east]] from EX_GeographicBoundingBox, or null.
function geographicBounds(layer) {
  const box = children(layer, 'EX_GeographicBoundingBox')[0];
  if (!box) return null;
  const value = (name) => Number.parseFloat(childText(box, name));
  const bounds = [
    [value('southBoundLatitude'), value('westBoundLongitude')],
    [value('northBoundLatitude'), value('eastBoundLongitude')],
  ];
  return bounds.flat().every(Number.isFinite) ? bounds : null;
}

function legendUrl(layer) {
  for (const style of children(layer, 'Style')) {
    for (const legend of children(style, 'LegendURL')) {
      const resource = children(legend, 'OnlineResource')[0];
      const href = resource && resource.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
      if (href) return href;
    }
  }
  return '';
}

// { time: {default, extent}, severity: {...}, ... } keyed by the lower-case dimension name.
function dimensions(layer) {
  const out = {};
  for (const d of children(layer, 'Dimension')) {
    const name = (d.getAttribute('name') || '').toLowerCase();
    if (name) out[name] = { default: d.getAttribute('default') || '', extent: d.textContent.trim() };
  }
  return out;
}

// The named layers of a GetCapabilities 1.3.0 document, in document order. Throws when the
// text is not a capabilities document (e.g. an exception report).
export function parseCapabilities(xmlText) {
  const doc = new DOMParser().parseFromString(xmlText, 'application/xml');
  const root = doc.documentElement.localName;
  if (doc.getElementsByTagName('parsererror').length > 0 || root !== 'WMS_Capabilities')
    throw new Error('not a WMS 1.3.0 capabilities document: ' + xmlText.slice(0, 200));
  return Array.from(doc.getElementsByTagNameNS('*', 'Layer'))
    .filter((layer) => childText(layer, 'Name'))
    .map((layer) => ({
      name: childText(layer, 'Name'),
      title: childText(layer, 'Title'),
      abstract: childText(layer, 'Abstract'),
      queryable: layer.getAttribute('queryable') === '1',
      bounds: geographicBounds(layer),
      dimensions: dimensions(layer),
      legendUrl: legendUrl(layer),
    }));
}

// [start, end] Dates of a TIME extent: "start/end[/period]" or a comma list of instants.
export function timeRange(extent) {
  const instants = extent.split(',').flatMap((part) => part.split('/').slice(0, 2));
  const times = instants.map((t) => Date.parse(t.trim())).filter(Number.isFinite);
  if (times.length === 0) return null;
  return [new Date(Math.min(...times)), new Date(Math.max(...times))];
}

// The values of a list dimension ("1,2,3"); [] for ranges.
export function listValues(extent) {
  return extent.includes('/') ? [] : extent.split(',').map((v) => v.trim()).filter(Boolean);
}
