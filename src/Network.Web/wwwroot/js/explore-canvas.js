// The explorer for thousands of organisations: drawn on a canvas from the view's JSON (every organisation at its place on
// the shared map, every tie). Ties are thinned when zoomed out (the strongest first, within a budget that grows as one
// zooms in), labels are placed by priority (betweenness) without overlapping, more as one zooms in. Pan, zoom, hover,
// click, search, colour and size by, highlight a kind, paths, and pinning by dragging work as in the SVG drawing.
import { colours, colourKey, grey, showLegend, setupSearch, showDetails, pin, highlightFilter, readState, writeState, setupShare, sayChanges } from './explore-common.js';
import { panZoom } from './pan-zoom.js';

let data = null;          // { nodes, edges: [u, v, u, v, …] strongest first, scale, version }
let view = { cx: 500, cy: 500, k: 1 };
let selected = null;
let hovered = null;
let marked = null;        // ids on a path shown
let dirty = false;
let adjacency = [];
let grid = new Map();
let fill = [];
let radius = [];
let widths = new Map();
let frames = 0;
let movedFrames = 0;      // of them, the last full drawing moved (large networks while they move)
let loadedOnce = false;

const canvas = () => document.getElementById('graph-canvas');
const status = text => { const s = document.getElementById('canvas-status'); if (s) { s.textContent = text; s.hidden = !text; } };
const ratio = () => window.devicePixelRatio || 1;

function size() {
  const c = canvas();
  const rect = c.getBoundingClientRect();
  const w = Math.max(1, Math.round(rect.width * ratio())), h = Math.max(1, Math.round(rect.height * ratio()));
  if (c.width !== w || c.height !== h) { c.width = w; c.height = h; }
  return rect;
}
const fit = rect => Math.min(rect.width, rect.height) / 1000;
const toScreen = (rect, x, y) => [(x - view.cx) * view.k * fit(rect) + rect.width / 2, (y - view.cy) * view.k * fit(rect) + rect.height / 2];
const toWorld = (rect, sx, sy) => [(sx - rect.width / 2) / (view.k * fit(rect)) + view.cx, (sy - rect.height / 2) / (view.k * fit(rect)) + view.cy];
const request = () => { if (!dirty) { dirty = true; requestAnimationFrame(draw); } };

// A large network (tens of thousands of organisations) is not drawn afresh while it moves: each frame of a pan or zoom
// shows the last full drawing moved and scaled as the view moved (one image, however many organisations), and the full
// drawing follows once the view has been still for a moment.
const quickFrom = 8000;
const settleMs = 180;
let moving = false;
let settle = null;
const cache = { canvas: null, view: null };
function moved() {
  if (!data || data.nodes.length < quickFrom) return;
  moving = true;
  clearTimeout(settle);
  settle = setTimeout(() => { moving = false; request(); }, settleMs);
}
function drawMoved() {
  const c = canvas();
  const rect = size();
  const ctx = c.getContext('2d');
  const s = view.k / cache.view.k, f = fit(rect) * ratio();
  const tx = c.width / 2 * (1 - s) + (cache.view.cx - view.cx) * view.k * f;
  const ty = c.height / 2 * (1 - s) + (cache.view.cy - view.cy) * view.k * f;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, c.width, c.height);
  ctx.setTransform(s, 0, 0, s, tx, ty);
  ctx.drawImage(cache.canvas, 0, 0);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}
function keep() {
  const c = canvas();
  cache.canvas ??= document.createElement('canvas');
  if (cache.canvas.width !== c.width || cache.canvas.height !== c.height) { cache.canvas.width = c.width; cache.canvas.height = c.height; }
  const ctx = cache.canvas.getContext('2d');
  ctx.clearRect(0, 0, c.width, c.height);
  ctx.drawImage(c, 0, 0);
  cache.view = { ...view };
}
let lastDrawn = { ties: [], labels: [], width: 0, height: 0 };
const remember = () => writeState([view.cx, view.cy, view.k], selected !== null ? data?.nodes[selected]?.id : null);

async function load() {
  const c = canvas();
  if (!c) return;
  status(`Drawing ${c.getAttribute('aria-label').match(/\d+/)?.[0] ?? ''} organisations…`);
  const response = await fetch(c.dataset.source);
  if (!response.ok) { status('The network cannot be drawn right now.'); return; }
  const previous = data;
  data = await response.json();
  if (previous) changes = compare(previous, data);
  const n = data.nodes.length;
  adjacency = Array.from({ length: n }, () => []);
  for (let i = 0; i < data.edges.length; i += 2) {
    adjacency[data.edges[i]].push(data.edges[i + 1]);
    adjacency[data.edges[i + 1]].push(data.edges[i]);
  }
  index();
  if (!loadedOnce) {
    loadedOnce = true;
    const initial = readState();
    if (initial.view) view = { cx: initial.view[0], cy: initial.view[1], k: Math.min(60, Math.max(0.5, initial.view[2])) };
    else view = framed(data.nodes);
    const chosen = initial.selected ? data.nodes.findIndex(d => d.id === initial.selected) : -1;
    if (chosen >= 0) select(chosen);
  }
  appearance();
  status('');
  c.dataset.ready = 'true';
  c.dataset.version = data.version;
  request();
}

// The opening view: where most organisations are — the middle 80 % on each axis, with a margin — so that a hub with
// thousands of partners of its own, far from the rest, does not shrink everyone else into a corner.
function framed(nodes) {
  if (nodes.length < quickFrom) return { cx: 500, cy: 500, k: 1 };
  const at = (values, q) => values[Math.floor(q * (values.length - 1))];
  const xs = Float64Array.from(nodes, d => d.x).sort(), ys = Float64Array.from(nodes, d => d.y).sort();
  const [x0, x1, y0, y1] = [at(xs, 0.1), at(xs, 0.9), at(ys, 0.1), at(ys, 0.9)];
  const k = Math.min(60, Math.max(1, 1000 / (1.5 * Math.max(x1 - x0, y1 - y0, 1))));
  return { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, k };
}

// What a colleague's change did: organisations and ties that arrived (ringed in orange for a moment) and those that left
// (fading where they were).
let changes = null;
const showFor = 3000;
function compare(before, after) {
  const pairs = d => { const keys = new Set(); for (let e = 0; e < d.edges.length; e += 2) { const a = d.nodes[d.edges[e]].id, b = d.nodes[d.edges[e + 1]].id; keys.add(a < b ? a + ' ' + b : b + ' ' + a); } return keys; };
  const had = new Map(before.nodes.map(d => [d.id, d])), has = new Map(after.nodes.map((d, i) => [d.id, i]));
  const [tiesBefore, tiesAfter] = [pairs(before), pairs(after)];
  const arrived = after.nodes.map((d, i) => had.has(d.id) ? -1 : i).filter(i => i >= 0);
  const arrivedTies = [...tiesAfter].filter(k => !tiesBefore.has(k)).map(k => k.split(' ').map(id => has.get(id)));
  const gone = before.nodes.filter(d => !has.has(d.id));
  const goneTies = [...tiesBefore].filter(k => !tiesAfter.has(k)).map(k => k.split(' ').map(id => had.get(id)));
  sayChanges(arrived.length, arrivedTies.length, gone.length, goneTies.length);
  return arrived.length + arrivedTies.length + gone.length + goneTies.length ? { since: performance.now(), arrived, arrivedTies, gone, goneTies } : null;
}

function drawChanges(ctx, rect, sx, sy) {
  const t = (performance.now() - changes.since) / showFor;
  if (t >= 1) { changes = null; return; }
  ctx.globalAlpha = 1 - t;
  ctx.strokeStyle = '#f08c00';
  ctx.lineWidth = 3;
  ctx.beginPath();
  for (const [a, b] of changes.arrivedTies) { ctx.moveTo(sx[a], sy[a]); ctx.lineTo(sx[b], sy[b]); }
  for (const i of changes.arrived) { const r = radius[i] * Math.sqrt(view.k) + 4 + 8 * (1 - t); ctx.moveTo(sx[i] + r, sy[i]); ctx.arc(sx[i], sy[i], r, 0, 2 * Math.PI); }
  ctx.stroke();
  ctx.strokeStyle = '#c92a2a';
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  for (const [a, b] of changes.goneTies) { ctx.moveTo(...toScreen(rect, a.x, a.y)); ctx.lineTo(...toScreen(rect, b.x, b.y)); }
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = '#868e96';
  ctx.beginPath();
  for (const d of changes.gone) { const [x, y] = toScreen(rect, d.x, d.y); ctx.moveTo(x + 5, y); ctx.arc(x, y, 5, 0, 2 * Math.PI); }
  ctx.fill();
  ctx.globalAlpha = 1;
  request();
}

// A grid over the drawing's coordinates, for finding the organisation under the pointer.
function index() {
  grid = new Map();
  data.nodes.forEach((d, i) => {
    const key = `${Math.floor(d.x / 20)},${Math.floor(d.y / 20)}`;
    if (!grid.has(key)) grid.set(key, []);
    grid.get(key).push(i);
  });
}

function nodeAt(rect, sx, sy) {
  const [x, y] = toWorld(rect, sx, sy);
  const reach = 12 / (view.k * fit(rect));
  let best = -1, bestDistance = Infinity;
  for (let gx = Math.floor((x - reach) / 20); gx <= Math.floor((x + reach) / 20); gx++)
    for (let gy = Math.floor((y - reach) / 20); gy <= Math.floor((y + reach) / 20); gy++)
      for (const i of grid.get(`${gx},${gy}`) ?? []) {
        const d = data.nodes[i];
        const distance = Math.hypot(d.x - x, d.y - y);
        const r = Math.max(radius[i] * Math.sqrt(view.k), 3) / (view.k * fit(rect));
        if (distance < Math.max(r, reach / 2) && distance < bestDistance) { best = i; bestDistance = distance; }
      }
  return best;
}

function appearance() {
  if (!data) return;
  const mode = document.getElementById('colour-by')?.value ?? 'community';
  const by = document.getElementById('size-by')?.value ?? 'betweenness';
  const { order, colour } = colours(data.nodes, mode);
  fill = data.nodes.map(d => colour.get(colourKey(mode, d)) ?? grey);
  const value = d => Number(d[by] ?? 0);
  const max = Math.max(...data.nodes.map(value), 1e-12);
  radius = data.nodes.map(d => by === 'equal' ? 3 : 1.5 + 7 * Math.sqrt(value(d) / max));
  showLegend(order, colour, by);
  request();
}

function draw() {
  dirty = false;
  frames++;
  const c = canvas();
  if (!c || !data) return;
  if (moving && cache.view && cache.canvas.width === c.width) { movedFrames++; drawMoved(); return; }
  const rect = size();
  const ctx = c.getContext('2d');
  ctx.setTransform(ratio(), 0, 0, ratio(), 0, 0);
  ctx.clearRect(0, 0, rect.width, rect.height);
  const n = data.nodes.length;
  const sx = new Float32Array(n), sy = new Float32Array(n), inView = new Uint8Array(n);
  const scale = view.k * fit(rect), [ox, oy] = [rect.width / 2 - view.cx * scale, rect.height / 2 - view.cy * scale];
  for (let i = 0; i < n; i++) {
    const x = data.nodes[i].x * scale + ox, y = data.nodes[i].y * scale + oy;
    sx[i] = x; sy[i] = y;
    inView[i] = x > -20 && y > -20 && x < rect.width + 20 && y < rect.height + 20 ? 1 : 0;
  }
  const filter = highlightFilter();
  const dim = i => filter.active && !filter.passes(data.nodes[i]);
  if (filter.hide) for (let i = 0; i < n; i++) if (dim(i)) inView[i] = 0;
  const focus = hovered ?? selected;
  const near = focus !== null ? new Set([focus, ...adjacency[focus]]) : null;

  // Ties: the strongest first, within a budget that grows as one zooms in (thinned when zoomed out); ties with both
  // ends in view come before those that only pass through.
  const budget = Math.min(data.edges.length / 2, Math.round(5000 + 1500 * view.k));
  ctx.lineWidth = 0.6;
  let drawn = 0;
  const kept = [];
  // The more ties cross the view, the fainter each, so a dense core stays readable; ties that leave the view are
  // fainter still, so a zoomed-in view is not darkened by ties to far-away organisations.
  let inside = 0;
  for (let e = 0; e < data.edges.length; e += 2) if (inView[data.edges[e]] && inView[data.edges[e + 1]]) inside++;
  const density = Math.min(1, Math.sqrt(3000 / Math.max(1, Math.min(inside, budget))));
  for (let pass = 0; pass < 2 && drawn < budget; pass++) {
    const alpha = Math.max(0.035, Math.min(0.28, 0.1 + 0.015 * view.k) * density) / (pass === 0 ? 1 : 2.5);
    ctx.strokeStyle = `rgba(90, 100, 115, ${alpha.toFixed(3)})`;
    ctx.beginPath();
    for (let e = 0; e < data.edges.length && drawn < budget; e += 2) {
      const a = data.edges[e], b = data.edges[e + 1];
      const both = inView[a] && inView[b];
      if (pass === 0 ? !both : both || (!inView[a] && !inView[b])) continue;
      if (filter.active && (dim(a) || dim(b))) continue;
      ctx.moveTo(sx[a], sy[a]);
      ctx.lineTo(sx[b], sy[b]);
      if (drawn < 4000) kept.push([a, b]);
      drawn++;
    }
    ctx.stroke();
  }
  lastDrawn = { ties: kept, labels: [], width: rect.width, height: rect.height, sx, sy, inView, dim };
  if (focus !== null || marked) {
    ctx.strokeStyle = 'rgba(20, 30, 45, 0.3)';
    ctx.lineWidth = 0.8;
    ctx.beginPath();
    if (focus !== null) for (const b of adjacency[focus]) { ctx.moveTo(sx[focus], sy[focus]); ctx.lineTo(sx[b], sy[b]); }
    ctx.stroke();
    if (marked) {
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      for (const a of marked) for (const b of adjacency[a]) if (marked.has(b) && a < b) { ctx.moveTo(sx[a], sy[a]); ctx.lineTo(sx[b], sy[b]); }
      ctx.stroke();
    }
  }

  // Organisations, one path per colour; dimmed ones faint.
  const grow = Math.sqrt(view.k);
  const byColour = new Map();
  for (let i = 0; i < n; i++) {
    if (!inView[i]) continue;
    const key = (dim(i) || (near && !near.has(i)) || (marked && !marked.has(i)) ? 'faint ' : '') + fill[i];
    if (!byColour.has(key)) byColour.set(key, []);
    byColour.get(key).push(i);
  }
  for (const [key, members] of byColour) {
    ctx.globalAlpha = key.startsWith('faint ') ? 0.18 : 0.92;
    ctx.fillStyle = key.replace('faint ', '');
    ctx.beginPath();
    for (const i of members) { const r = radius[i] * grow; ctx.moveTo(sx[i] + r, sy[i]); ctx.arc(sx[i], sy[i], r, 0, 2 * Math.PI); }
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  for (const i of [selected, ...(marked ?? [])].filter(i => i !== null && i !== undefined)) {
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(sx[i], sy[i], radius[i] * grow + 3, 0, 2 * Math.PI);
    ctx.stroke();
  }

  if (changes) drawChanges(ctx, rect, sx, sy);

  // Labels by priority (the view's order is by betweenness), none overlapping, more as one zooms in.
  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  const placed = [];
  const limit = Math.min(250, Math.round(18 * view.k));
  const candidates = [];
  if (focus !== null) candidates.push(focus, ...adjacency[focus].slice().sort((a, b) => a - b).slice(0, 12));
  if (marked) candidates.push(...marked);
  for (let i = 0; i < n && candidates.length < limit * 4; i++) if (inView[i] && !dim(i)) candidates.push(i);
  let shown = 0;
  for (const i of candidates) {
    if (shown >= limit + (focus !== null ? 13 : 0)) break;
    const d = data.nodes[i];
    const name = d.name.length > 34 ? d.name.slice(0, 32) + '…' : d.name;
    if (!widths.has(d.id)) widths.set(d.id, ctx.measureText(name).width);
    // Right of the organisation, or left of it where the right would run off the drawing.
    const right = sx[i] + radius[i] * grow + 3 + widths.get(d.id) <= rect.width - 4;
    const x = right ? sx[i] + radius[i] * grow + 3 : sx[i] - radius[i] * grow - 3 - widths.get(d.id), y = sy[i];
    const box = [x - 2, y - 8, x + widths.get(d.id) + 2, y + 8];
    if (box[0] < 0 || box[2] > rect.width || box[1] < 0 || box[3] > rect.height) continue; // would be cut by the edge
    if (placed.some(p => box[0] < p[2] && box[2] > p[0] && box[1] < p[3] && box[3] > p[1])) continue;
    placed.push(box);
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.lineWidth = 3;
    ctx.strokeText(name, x, y);
    ctx.fillStyle = '#1b1f24';
    ctx.fillText(name, x, y);
    lastDrawn.labels.push([x, y, name]);
    shown++;
  }
  canvas().dataset.labels = String(shown);
  canvas().dataset.ties = String(drawn);
  if (n >= quickFrom) keep();
}

// ---- Pointer and keyboard: pan and zoom (pan-zoom.js), hover, click, drag an organisation to pin it. ----
const controls = panZoom({
  element: () => (data ? canvas() : null),
  view: () => view,
  setView: (next, dragging) => { view = next; moved(); request(); if (!dragging) remember(); },
  zoom(v, x, y, rect, factor) {
    const scale = v.k * fit(rect);
    const [wx, wy] = [(x - rect.width / 2) / scale + v.cx, (y - rect.height / 2) / scale + v.cy];
    const k = Math.min(60, Math.max(0.5, v.k * factor));
    // Keep the point under the pointer where it is.
    return { k, cx: wx - (wx - v.cx) * v.k / k, cy: wy - (wy - v.cy) * v.k / k };
  },
  pan: (v, dx, dy, rect) => ({ ...v, cx: v.cx - dx / (v.k * fit(rect)), cy: v.cy - dy / (v.k * fit(rect)) }),
  grab: {
    press(event, rect) {
      canvas().setPointerCapture(event.pointerId);
      const node = nodeAt(rect, event.clientX - rect.left, event.clientY - rect.top);
      return node >= 0 && canvas().dataset.canPin === 'true' ? node : null;
    },
    move(node, event, rect) {
      const [x, y] = toWorld(rect, event.clientX - rect.left, event.clientY - rect.top);
      Object.assign(data.nodes[node], { x, y });
      request();
    },
    async release(done, event) {
      if (done.node !== null && done.moved) {
        const d = data.nodes[done.node];
        index();
        status(await pin(d.id, d.x, d.y, data.scale) ? `${d.name} is pinned where you put it; colleagues see it there.` : 'The position could not be saved.');
        d.pinned = true;
        request();
        return;
      }
      if (done.moved || !canvas()) return;
      const rect = canvas().getBoundingClientRect();
      const node = nodeAt(rect, event.clientX - rect.left, event.clientY - rect.top);
      if (node >= 0) select(node);
    },
  },
});

// Hover: the organisation under the pointer and its ties stand out.
document.addEventListener('pointermove', event => {
  const c = canvas();
  if (!c || !data || controls.dragging()) return;
  if (event.target !== c) { if (hovered !== null) { hovered = null; request(); } return; }
  const rect = c.getBoundingClientRect();
  const node = nodeAt(rect, event.clientX - rect.left, event.clientY - rect.top);
  const next = node >= 0 ? node : null;
  c.style.cursor = next !== null ? 'pointer' : 'grab';
  if (next !== hovered) { hovered = next; request(); }
});

function select(i) {
  selected = i;
  marked = null;
  showDetails(data.nodes[i], () => data.nodes, ids => {
    marked = new Set(data.nodes.map((d, j) => ids.has(d.id) ? j : -1).filter(j => j >= 0));
    request();
  });
  canvas().dataset.selected = data.nodes[i].id;
  remember();
  request();
}

function flyTo(id) {
  const i = data?.nodes.findIndex(d => d.id === id) ?? -1;
  if (i < 0) return;
  view = { cx: data.nodes[i].x, cy: data.nodes[i].y, k: Math.max(view.k, 6) };
  select(i);
}

document.addEventListener('change', event => {
  if (event.target.id === 'colour-by' || event.target.id === 'size-by') appearance();
  if (event.target.id === 'highlight' || event.target.id === 'hide-rest') request();
  if (['colour-by', 'size-by', 'highlight', 'hide-rest'].includes(event.target.id)) remember();
});

// What is drawn now as SVG (the organisations in view, up to 4,000 of the ties drawn, the labels placed), and as PNG.
const escape = text => text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
function picture() {
  const { ties, labels, width, height, sx, sy, inView, dim } = lastDrawn;
  if (!sx) return '<svg xmlns="http://www.w3.org/2000/svg"/>';
  const f = v => v.toFixed(1);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${f(width)}" height="${f(height)}" viewBox="0 0 ${f(width)} ${f(height)}">`,
    `<rect width="100%" height="100%" fill="#fff"/><g stroke="#5a6473" stroke-opacity="0.25" stroke-width="0.6">`];
  for (const [a, b] of ties) parts.push(`<line x1="${f(sx[a])}" y1="${f(sy[a])}" x2="${f(sx[b])}" y2="${f(sy[b])}"/>`);
  parts.push('</g><g>');
  const grow = Math.sqrt(view.k);
  for (let i = 0; i < data.nodes.length; i++)
    if (inView[i]) parts.push(`<circle cx="${f(sx[i])}" cy="${f(sy[i])}" r="${f(radius[i] * grow)}" fill="${fill[i]}"${dim(i) ? ' fill-opacity="0.18"' : ''}/>`);
  parts.push('</g><g font-family="system-ui, sans-serif" font-size="12" fill="#1b1f24" stroke="#fff" stroke-width="3" paint-order="stroke" dominant-baseline="middle">');
  for (const [x, y, name] of labels) parts.push(`<text x="${f(x)}" y="${f(y)}">${escape(name)}</text>`);
  parts.push('</g></svg>');
  return parts.join('');
}
function png() {
  return new Promise(resolve => {
    const c = canvas();
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const ctx = copy.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, copy.width, copy.height);
    ctx.drawImage(c, 0, 0);
    copy.toBlob(resolve, 'image/png');
  });
}
setupShare(picture, png);
window.addEventListener('resize', request);
setupSearch(() => data?.nodes ?? [], flyTo);

// After a colleague's edit the page content is swapped: fetch the new view, keep zoom, selection and filters.
document.addEventListener('network:updated', async () => {
  const id = selected !== null ? data?.nodes[selected]?.id : null;
  await load();
  if (id) { const i = data.nodes.findIndex(d => d.id === id); if (i >= 0) select(i); }
});

// For the frame-rate measurement and tests: how many frames were drawn, and how many of them were the last full
// drawing moved rather than drawn afresh.
window.exploreFrames = () => frames;
window.exploreFrameKinds = () => ({ full: frames - movedFrames, moved: movedFrames });
load();
