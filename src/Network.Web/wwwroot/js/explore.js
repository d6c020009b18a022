// The explorer's SVG drawing (up to 1,500 organisations): pan, zoom, hover, select, search, colour and size by,
// highlight a kind, paths, labels placed without overlap by priority (more as one zooms in), and — for editors —
// dragging an organisation pins it on the shared map. Handlers sit on the document, so they keep working when live.js
// swaps in a redrawn network after a colleague's edit; the view box and the selection are carried over.
import { colours, colourKey, grey, showLegend, setupSearch, showDetails, pin, highlightFilter, readState, writeState, setupShare, svgToPng, sayChanges } from './explore-common.js';
import { panZoom, viewBox } from './pan-zoom.js';

let box = null;
let selected = null;
let pathShown = false;
const svg = () => document.getElementById('graph');
const current = () => box ?? (box = { x: 0, y: 0, w: 1000, h: 1000 });
const circles = () => [...(svg()?.querySelectorAll('g.nodes circle') ?? [])];
const items = () => circles().map(c => ({ ...c.dataset, pinned: c.classList.contains('pinned') }));
const scale = () => { const d = svg().dataset; return { minX: Number(d.minX), minY: Number(d.minY), scale: Number(d.scale), offset: Number(d.offset) }; };

function apply() {
  if (!box || !svg()) return;
  svg().setAttribute('viewBox', `${box.x} ${box.y} ${box.w} ${box.h}`);
  placeLabels();
  remember();
}
const remember = () => writeState(box ? [box.x, box.y, box.w] : null, selected);

// Labels keep their size on screen whatever the zoom; the best brokers first, none overlapping, more as one zooms in.
function placeLabels() {
  const graph = svg();
  const group = graph?.querySelector('g.labels');
  if (!group) return;
  const b = current();
  const unit = b.w / 1000;
  group.setAttribute('font-size', (13 * unit).toFixed(2));
  group.setAttribute('stroke-width', (3 * unit).toFixed(2));
  const byId = new Map(circles().map(c => [c.dataset.id, c]));
  const limit = Math.round(15 * 1000 / b.w);
  const placed = [];
  let shown = 0;
  // The order of the circles is by betweenness; the hovered or selected one's partners come first.
  const labels = [...group.querySelectorAll('text')];
  labels.sort((p, q) => Number(q.classList.contains('near')) - Number(p.classList.contains('near')));
  for (const label of labels) {
    const c = byId.get(label.dataset.for);
    const x = Number(c.getAttribute('cx')), y = Number(c.getAttribute('cy')), r = Number(c.getAttribute('r'));
    const width = label.textContent.length * 7 * unit;
    // Right of the organisation, or left of it where the right would run off the drawing.
    const right = x + r + 2 * unit + width <= b.x + b.w;
    label.setAttribute('x', (right ? x + r + 2 * unit : x - r - 2 * unit).toFixed(1));
    label.setAttribute('text-anchor', right ? 'start' : 'end');
    label.setAttribute('y', (y + 4 * unit).toFixed(1));
    const rect = right ? [x + r, y - 8 * unit, x + r + width, y + 8 * unit] : [x - r - width, y - 8 * unit, x - r, y + 8 * unit];
    const visible = rect[2] > b.x && rect[0] < b.x + b.w && rect[3] > b.y && rect[1] < b.y + b.h;
    const free = !placed.some(p => rect[0] < p[2] && rect[2] > p[0] && rect[1] < p[3] && rect[3] > p[1]);
    const show = visible && free && (shown < limit || label.classList.contains('near'));
    label.style.display = show ? '' : 'none';
    if (show) { placed.push(rect); shown++; }
  }
}

// The wheel zooms, dragging the background pans, the keyboard moves the view (pan-zoom.js); dragging an organisation
// (editors) moves and pins it.
const controls = panZoom({
  element: svg,
  view: current,
  setView: next => { box = next; apply(); },
  zoom: viewBox.zoom,
  pan: viewBox.pan,
  grab: {
    press: event => {
      const node = event.target.closest?.('g.nodes circle');
      return node && svg().dataset.canPin === 'true' ? node : null;
    },
    move: (node, event, rect) => moveNode(node, ...viewBox.at(current(), event.clientX - rect.left, event.clientY - rect.top, rect)),
    release: async done => {
      if (!done.node || !done.moved) return;
      const c = done.node;
      c.classList.add('pinned');
      const saved = await pin(c.dataset.id, Number(c.getAttribute('cx')), Number(c.getAttribute('cy')), scale());
      const live = document.getElementById('live');
      if (live) live.textContent = saved ? `${c.dataset.name} is pinned where you put it; colleagues see it there.` : 'The position could not be saved.';
    },
  },
});

function moveNode(c, x, y) {
  const id = c.dataset.id;
  c.setAttribute('cx', x.toFixed(1));
  c.setAttribute('cy', y.toFixed(1));
  for (const line of svg().querySelectorAll('g.edges line')) {
    if (line.dataset.a === id) { line.setAttribute('x1', x.toFixed(1)); line.setAttribute('y1', y.toFixed(1)); }
    if (line.dataset.b === id) { line.setAttribute('x2', x.toFixed(1)); line.setAttribute('y2', y.toFixed(1)); }
  }
  placeLabels();
}

function select(node) {
  pathShown = false;
  svg().querySelectorAll('circle.selected').forEach(c => c.classList.remove('selected'));
  node.classList.add('selected');
  selected = node.dataset.id;
  remember();
  showDetails({ ...node.dataset, pinned: node.classList.contains('pinned') }, items, markPath);
}

// Mark the organisations on a path in the drawing, and the ties between consecutive ones.
function markPath(onPath) {
  const graph = svg();
  graph.classList.add('focusing');
  for (const c of graph.querySelectorAll('g.nodes circle')) c.classList.toggle('near', onPath.has(c.dataset.id));
  for (const t of graph.querySelectorAll('g.labels text')) t.classList.toggle('near', onPath.has(t.dataset.for));
  for (const l of graph.querySelectorAll('g.edges line')) l.classList.toggle('near', onPath.has(l.dataset.a) && onPath.has(l.dataset.b));
  pathShown = true;
  placeLabels();
}

document.addEventListener('click', event => {
  const node = event.target.closest?.('svg#graph circle');
  if (!node || controls.moved()) return;
  select(node);
});

// After a live update the drawing is new: restore the view and the selection.
document.addEventListener('network:updated', () => {
  apply();
  const node = selected && svg()?.querySelector(`circle[data-id="${CSS.escape(selected)}"]`);
  if (node) select(node);
  const live = document.getElementById('live');
  if (live) live.textContent = `Data version ${live.dataset.version}, live.`;
});

// The words under the drawing follow the hub's state, whether it changes before or after this script runs.
const sayHubState = () => {
  const state = document.getElementById('content').dataset.hub;
  const label = document.getElementById('live');
  if (label && state === 'live') label.textContent = `Data version ${label.dataset.version}, live.`;
  if (label && state === 'offline') label.textContent = `Data version ${label.dataset.version} (live updates unavailable).`;
};
if (document.getElementById('live')) {
  new MutationObserver(sayHubState).observe(document.getElementById('content'), { attributes: true, attributeFilter: ['data-hub'] });
  sayHubState();
}

function appearance() {
  const graph = svg();
  if (!graph) return;
  const mode = document.getElementById('colour-by')?.value ?? 'community';
  const size = document.getElementById('size-by')?.value ?? 'betweenness';
  const all = circles();
  const { order, colour } = colours(all.map(c => c.dataset), mode);
  const value = c => Number(c.dataset[size] ?? 0);
  const max = Math.max(...all.map(value), 1e-12);
  for (const c of all) {
    c.setAttribute('fill', colour.get(colourKey(mode, c.dataset)) ?? grey);
    c.setAttribute('r', (size === 'equal' ? 7 : 3 + 14 * Math.sqrt(value(c) / max)).toFixed(1));
  }
  showLegend(order, colour, size);
  placeLabels();
}

function neighbours(id) {
  const ids = new Set([id]);
  for (const line of svg().querySelectorAll('g.edges line')) {
    if (line.dataset.a === id) ids.add(line.dataset.b);
    if (line.dataset.b === id) ids.add(line.dataset.a);
  }
  return ids;
}

function highlight(id) {
  const graph = svg();
  if (!graph) return;
  graph.classList.toggle('focusing', id !== null);
  const near = id === null ? null : neighbours(id);
  for (const c of graph.querySelectorAll('g.nodes circle')) c.classList.toggle('near', near?.has(c.dataset.id) ?? false);
  for (const l of graph.querySelectorAll('g.edges line')) l.classList.toggle('near', id !== null && (l.dataset.a === id || l.dataset.b === id));
  for (const t of graph.querySelectorAll('g.labels text')) t.classList.toggle('near', near?.has(t.dataset.for) ?? false);
  placeLabels();
}

document.addEventListener('pointerover', event => {
  const node = event.target.closest?.('svg#graph circle');
  if (node && !controls.dragging() && !pathShown) highlight(node.dataset.id);
});
document.addEventListener('pointerout', event => {
  if (event.target.closest?.('svg#graph circle') && !pathShown) highlight(selected);
});

// Fly to an organisation: centre the view on it, zoomed in, and select it.
function flyTo(id) {
  const node = svg()?.querySelector(`circle[data-id="${CSS.escape(id)}"]`);
  if (!node) return;
  const x = Number(node.getAttribute('cx')), y = Number(node.getAttribute('cy'));
  box = { x: x - 150, y: y - 150, w: 300, h: 300 };
  apply();
  select(node);
  highlight(id);
}
setupSearch(items, flyTo);

document.addEventListener('change', event => {
  if (event.target.id === 'colour-by' || event.target.id === 'size-by') appearance();
  if (event.target.id === 'highlight' || event.target.id === 'hide-rest') dimByFilter();
  if (['colour-by', 'size-by', 'highlight', 'hide-rest'].includes(event.target.id)) remember();
});

// The drawing as it is now, standalone: the page's look carried in a style element, hidden labels left out.
function picture() {
  const copy = svg().cloneNode(true);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', '1200');
  copy.setAttribute('height', '1200');
  copy.querySelectorAll('[style*="display: none"]').forEach(e => e.remove());
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = `rect.background { fill: #fff; } .edges line { stroke: #adb5bd; stroke-opacity: .45; } circle { stroke: #fff; stroke-width: 1; }
    circle.selected, circle.centre { stroke: #000; stroke-width: 3; } .labels text { fill: #1d2430; paint-order: stroke; stroke: #fff; font-family: system-ui, sans-serif; }
    .dimmed { opacity: .12; } .hiding .dimmed { display: none; } .focusing circle:not(.near), .focusing .labels text:not(.near) { opacity: .15; }
    .focusing line:not(.near) { stroke-opacity: .06; } line.near { stroke: #1d2430; stroke-opacity: .8; }`;
  copy.prepend(style);
  copy.querySelectorAll('title').forEach(t => t.remove());
  return new XMLSerializer().serializeToString(copy);
}
setupShare(picture, () => svgToPng(picture(), 1200, 1200));

// A filter that dims rather than removes (or, when asked, hides): the others stay in place, so the picture keeps its shape.
function dimByFilter() {
  const graph = svg();
  if (!graph) return;
  const filter = highlightFilter();
  graph.classList.toggle('hiding', filter.hide);
  const kept = new Set();
  for (const c of graph.querySelectorAll('g.nodes circle')) {
    const dim = filter.active && !filter.passes(c.dataset);
    c.classList.toggle('dimmed', dim);
    if (!dim) kept.add(c.dataset.id);
  }
  for (const t of graph.querySelectorAll('g.labels text')) t.classList.toggle('dimmed', filter.active && !kept.has(t.dataset.for));
  for (const l of graph.querySelectorAll('g.edges line')) l.classList.toggle('dimmed', filter.active && !(kept.has(l.dataset.a) && kept.has(l.dataset.b)));
}
// What a colleague's change did to the drawing, shown for a moment: new organisations and ties ringed in orange,
// removed ones fading out where they were, and said in words for screen readers.
let before = null;
const tieKey = l => [l.dataset.a, l.dataset.b].sort().join(' ');
const ties = () => [...(svg()?.querySelectorAll('g.edges line') ?? [])];
document.addEventListener('network:replacing', () => {
  before = svg() ? { circles: new Map(circles().map(c => [c.dataset.id, c.cloneNode(true)])), ties: new Map(ties().map(l => [tieKey(l), l.cloneNode(true)])) } : null;
});
function showChanges() {
  const graph = svg();
  if (!before || !graph) return;
  const arrivedNodes = circles().filter(c => !before.circles.has(c.dataset.id));
  const arrivedTies = ties().filter(l => !before.ties.has(tieKey(l)));
  const nowNodes = new Set(circles().map(c => c.dataset.id));
  const nowTies = new Set(ties().map(tieKey));
  const gone = [...before.circles].filter(([id]) => !nowNodes.has(id)).map(([, c]) => c);
  const goneTies = [...before.ties].filter(([key]) => !nowTies.has(key)).map(([, l]) => l);
  before = null;
  for (const e of [...arrivedNodes, ...arrivedTies]) e.classList.add('arrived');
  if (gone.length + goneTies.length) {
    const ghosts = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    ghosts.setAttribute('class', 'leaving');
    ghosts.setAttribute('aria-hidden', 'true');
    ghosts.append(...goneTies, ...gone);
    ghosts.addEventListener('animationend', () => ghosts.remove(), { once: true });
    graph.querySelector('g.labels').before(ghosts);
  }
  sayChanges(arrivedNodes.length, arrivedTies.length, gone.length, goneTies.length);
}
document.addEventListener('network:updated', () => { showChanges(); appearance(); dimByFilter(); highlight(selected); });

// A shared link opens the same view: colour, size, highlight, zoom and selection from the address.
const initial = readState();
appearance();
dimByFilter();
if (initial.view) { box = { x: initial.view[0], y: initial.view[1], w: initial.view[2], h: initial.view[2] }; apply(); }
const chosen = initial.selected && svg()?.querySelector(`circle[data-id="${CSS.escape(initial.selected)}"]`);
if (chosen) { select(chosen); highlight(chosen.dataset.id); }
