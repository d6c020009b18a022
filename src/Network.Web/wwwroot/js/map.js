// The explorer's geographic view: country outlines decoded from Natural Earth's TopoJSON (served locally) with the
// page's projection, pan and zoom, labels that do not overlap, and a click on a city to see who is there.
import { text, link } from './explore-common.js';
import { panZoom, viewBox } from './pan-zoom.js';

const svg = () => document.getElementById('map');
const svgNs = 'http://www.w3.org/2000/svg';
let box = null;

function projection() {
  const d = svg().dataset;
  const [lon0, lat0, cos, scale, ox, oy] = [d.lon0, d.lat0, d.cos, d.scale, d.offsetX, d.offsetY].map(Number);
  return (lon, lat) => [ox + (lon - lon0) * cos * scale, oy - (lat - lat0) * scale];
}

// TopoJSON: arcs are quantized and delta-encoded; a geometry lists arcs by index (negative = reversed, ~i).
function outlines(topology, project) {
  const [sx, sy] = topology.transform.scale, [tx, ty] = topology.transform.translate;
  const arcs = topology.arcs.map(arc => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
  // A ring crossing the antimeridian is unwrapped (longitudes kept continuous), so it does not streak across the map.
  const ring = indexes => {
    const points = indexes.flatMap((i, k) => {
      const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      return k === 0 ? arc : arc.slice(1);
    });
    let shift = 0;
    return points.map(([lon, lat], k) => {
      if (k > 0) {
        const previous = points[k - 1][0];
        if (lon - previous > 180) shift -= 360;
        if (previous - lon > 180) shift += 360;
      }
      return [lon + shift, lat];
    });
  };
  const path = rings => rings.map(r => 'M' + ring(r).map(([lon, lat]) => project(lon, lat).map(v => v.toFixed(1)).join(' ')).join('L') + 'Z').join('');
  return topology.objects.countries.geometries.map(g => ({
    name: g.properties?.name ?? '',
    d: g.type === 'Polygon' ? path(g.arcs) : g.type === 'MultiPolygon' ? g.arcs.map(path).join('') : '',
  }));
}

async function basemap() {
  const map = svg();
  if (!map || map.dataset.drawn) return;
  const response = await fetch(map.dataset.outlines);
  if (!response.ok) return;
  const group = map.querySelector('g.basemap');
  for (const country of outlines(await response.json(), projection())) {
    if (!country.d) continue;
    const path = document.createElementNS(svgNs, 'path');
    path.setAttribute('d', country.d);
    const title = document.createElementNS(svgNs, 'title');
    title.textContent = country.name;
    path.append(title);
    group.append(path);
  }
  map.dataset.drawn = 'true';
}

function apply() {
  const map = svg();
  if (!map) return;
  const b = box ?? { x: 0, y: 0, w: 1000, h: 600 };
  map.setAttribute('viewBox', `${b.x} ${b.y} ${b.w} ${b.h}`);
  const unit = b.w / 1000;
  const labels = map.querySelector('g.labels');
  labels.setAttribute('font-size', (12 * unit).toFixed(2));
  labels.setAttribute('stroke-width', (3 * unit).toFixed(2));
  map.querySelectorAll('g.cities circle').forEach(c => c.setAttribute('stroke-width', (1.2 * unit).toFixed(2)));
  // The cities with the most organisations are labelled first; a label that would overlap another is left out.
  const placed = [];
  for (const label of labels.querySelectorAll('text')) {
    const c = map.querySelector(`circle[data-id="${CSS.escape(label.dataset.for)}"]`);
    const x = Number(c.getAttribute('cx')), y = Number(c.getAttribute('cy'));
    label.setAttribute('x', (x + 5 * unit).toFixed(1));
    label.setAttribute('y', (y - 5 * unit).toFixed(1));
    const rect = [x + 4 * unit, y - 17 * unit, x + 4 * unit + label.textContent.length * 7 * unit, y - 3 * unit];
    const free = !placed.some(p => rect[0] < p[2] && rect[2] > p[0] && rect[1] < p[3] && rect[3] > p[1]);
    label.style.display = free ? '' : 'none';
    if (free) placed.push(rect);
  }
}

// The wheel zooms, dragging pans, the keyboard moves the view (pan-zoom.js), as in the explorer.
const controls = panZoom({
  element: svg,
  view: () => box ?? { x: 0, y: 0, w: 1000, h: 600 },
  setView: next => { box = next; apply(); },
  zoom: viewBox.zoom,
  pan: viewBox.pan,
  wheelStep: 1.2,
});

document.addEventListener('click', event => {
  const city = event.target.closest?.('svg#map g.cities circle');
  if (!city || controls.moved()) return;
  svg().querySelectorAll('circle.selected').forEach(c => c.classList.remove('selected'));
  city.classList.add('selected');
  const d = city.dataset;
  const partners = [...svg().querySelectorAll('g.arcs path')].filter(p => p.dataset.a === d.id || p.dataset.b === d.id);
  for (const p of svg().querySelectorAll('g.arcs path')) p.classList.toggle('near', partners.includes(p));
  svg().classList.toggle('focusing', partners.length > 0);
  const open = document.createElement('p');
  open.append(link(d.href, 'Open its page'));
  document.getElementById('details').replaceChildren(
    text('h2', `${d.name} (${d.country})`),
    text('p', `${d.organisations} organisation${d.organisations === '1' ? '' : 's'} here${d.largest ? `, the best-connected being ${d.largest}` : ''}.`),
    text('p', `Linked to ${partners.length} other cit${partners.length === 1 ? 'y' : 'ies'} by ties, twinning or event visits.`),
    text('p', `Placed at ${Number(d.lat).toFixed(2)}°, ${Number(d.lon).toFixed(2)}° (${d.how}).`),
    open);
});

document.addEventListener('network:updated', async () => { await basemap(); apply(); });
basemap().then(apply);
apply();
