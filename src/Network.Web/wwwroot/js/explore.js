// Pan, zoom and select on the explorer's SVG. Handlers sit on the document, so they keep working when live.js swaps
// in a redrawn network after a colleague's edit; the view box and the selection are carried over.
let box = null;
let selected = null;
const svg = () => document.getElementById('graph');
// Labels keep their size on screen whatever the zoom.
const apply = () => {
  if (!box || !svg()) return;
  svg().setAttribute('viewBox', `${box.x} ${box.y} ${box.w} ${box.h}`);
  const labels = svg().querySelector('g.labels');
  if (labels) {
    labels.setAttribute('font-size', (13 * box.w / 1000).toFixed(2));
    labels.setAttribute('stroke-width', (3 * box.w / 1000).toFixed(2));
  }
};
const current = () => box ?? (box = { x: 0, y: 0, w: 1000, h: 1000 });

document.addEventListener('wheel', event => {
  const graph = svg();
  if (!graph || !graph.contains(event.target)) return;
  event.preventDefault();
  const b = current();
  const rect = graph.getBoundingClientRect();
  const factor = event.deltaY > 0 ? 1.15 : 1 / 1.15;
  const px = b.x + (event.clientX - rect.left) / rect.width * b.w;
  const py = b.y + (event.clientY - rect.top) / rect.height * b.h;
  box = { x: px - (px - b.x) * factor, y: py - (py - b.y) * factor, w: b.w * factor, h: b.h * factor };
  apply();
}, { passive: false });

let drag = null;
document.addEventListener('pointerdown', event => {
  if (svg()?.contains(event.target)) drag = { x: event.clientX, y: event.clientY, box: { ...current() }, moved: false };
});
window.addEventListener('pointerup', () => { setTimeout(() => { drag = null; }, 0); });
document.addEventListener('pointermove', event => {
  if (!drag) return;
  const rect = svg().getBoundingClientRect();
  if (Math.abs(event.clientX - drag.x) + Math.abs(event.clientY - drag.y) > 3) drag.moved = true;
  box = { ...drag.box, x: drag.box.x - (event.clientX - drag.x) / rect.width * drag.box.w, y: drag.box.y - (event.clientY - drag.y) / rect.height * drag.box.h };
  apply();
});

const text = (tag, value) => { const e = document.createElement(tag); e.textContent = value; return e; };
const link = (href, value) => { const a = text('a', value); a.href = href; return a; };

function select(node) {
  pathShown = false;
  const graph = svg();
  graph.querySelectorAll('circle.selected').forEach(c => c.classList.remove('selected'));
  node.classList.add('selected');
  selected = node.dataset.id;
  const d = node.dataset;
  const dataset = document.getElementById('content').dataset.dataset;
  const explore = `/datasets/${encodeURIComponent(dataset)}/explore?focus=${encodeURIComponent(d.id)}&depth=2`;
  const actions = document.createElement('p');
  actions.append(link(d.href, 'Open its page'), ' · ', link(explore, 'Show its neighbourhood'));
  // How it reaches another organisation: the shortest chain of relationships, each step named.
  const path = document.createElement('form');
  path.className = 'path-form';
  const label = document.createElement('label');
  label.append('Path to ');
  const to = document.createElement('input');
  to.name = 'to';
  to.setAttribute('list', 'path-names');
  to.placeholder = 'another organisation';
  label.append(to);
  const names = document.createElement('datalist');
  names.id = 'path-names';
  for (const c of svg().querySelectorAll('g.nodes circle')) {
    if (c.dataset.id === d.id) continue;
    const option = document.createElement('option');
    option.value = c.dataset.name;
    names.append(option);
  }
  const go = text('button', 'Show');
  go.type = 'submit';
  path.append(label, names, go);
  path.addEventListener('submit', event => { event.preventDefault(); showPath(d.id, to.value); });
  document.getElementById('details').replaceChildren(
    text('h2', d.name),
    text('p', `${d.kind}${d.city ? ' · ' + d.city : ''}`),
    text('p', `${d.degree} ties · community ${d.community}`),
    text('p', `Betweenness ${d.betweenness}: the share of shortest routes between other organisations that pass through it.`),
    actions, path, Object.assign(document.createElement('div'), { id: 'path-steps' }));
}

const words = { PARTY_TO: 'party to', WORKS_FOR: 'works for', PARTICIPATED_IN: 'took part in', PARTNERS_WITH: 'partners with', MEMBER_OF: 'member of', LOCATED_IN: 'located in', ACTIVE_IN: 'active in', CONCERNS: 'concerns', TWINNED_WITH: 'twinned with' };

async function showPath(fromId, toName) {
  const target = [...svg().querySelectorAll('g.nodes circle')].find(c => c.dataset.name.toLowerCase() === toName.trim().toLowerCase());
  const steps = document.getElementById('path-steps');
  if (!target) { steps.replaceChildren(text('p', `No organisation called “${toName}” is drawn.`)); return; }
  const dataset = document.getElementById('content').dataset.dataset;
  const response = await fetch(`/api/datasets/${encodeURIComponent(dataset)}/analysis/path?from=${encodeURIComponent(fromId)}&to=${encodeURIComponent(target.dataset.id)}&via=ties`);
  if (!response.ok) { steps.replaceChildren(text('p', 'The path cannot be found right now.')); return; }
  const result = await response.json();
  if (result.steps.length === 0) { steps.replaceChildren(text('p', `${toName} cannot be reached from here.`)); return; }
  const list = document.createElement('ol');
  list.className = 'path';
  for (const step of result.steps) {
    const li = document.createElement('li');
    if (step.via) li.append(text('span', `${words[step.via] ?? step.via} · `));
    li.append(text('strong', step.name), text('span', ` (${step.label.toLowerCase()})`));
    list.append(li);
  }
  steps.replaceChildren(text('p', `${result.steps.length - 1} steps:`), list);
  // Mark the organisations on the path in the drawing, and the ties between consecutive ones.
  const onPath = new Set(result.steps.map(s => s.id));
  const graph = svg();
  graph.classList.add('focusing');
  for (const c of graph.querySelectorAll('g.nodes circle')) c.classList.toggle('near', onPath.has(c.dataset.id));
  for (const t of graph.querySelectorAll('g.labels text')) t.classList.toggle('near', onPath.has(t.dataset.for));
  for (const l of graph.querySelectorAll('g.edges line')) l.classList.toggle('near', onPath.has(l.dataset.a) && onPath.has(l.dataset.b));
  pathShown = true;
}
let pathShown = false;

document.addEventListener('click', event => {
  const node = event.target.closest?.('svg#graph circle');
  if (!node || drag?.moved) return;
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

const live = document.getElementById('live');
const watchState = new MutationObserver(() => {
  const state = document.getElementById('content').dataset.hub;
  const label = document.getElementById('live');
  if (label && state === 'live') label.textContent = `Data version ${label.dataset.version}, live.`;
  if (label && state === 'offline') label.textContent = `Data version ${label.dataset.version} (live updates unavailable).`;
});
if (live) watchState.observe(document.getElementById('content'), { attributes: true, attributeFilter: ['data-hub'] });

// ---- Appearance: colour and size by, the legend, hover highlighting and search. ----
const palette = ['#2456a6', '#d9480f', '#2b8a3e', '#ae3ec9', '#e67700', '#0c8599', '#c2255c', '#5c940d', '#3b5bdb', '#862e9c', '#a61e4d', '#087f5b'];
const helix = kind => ({ university: 'knowledge', 'research-institute': 'knowledge', company: 'industry', investor: 'industry', government: 'government' })[kind] ?? 'society';
const colourKey = (mode, d) => mode === 'kind' ? d.kind : mode === 'helix' ? helix(d.kind) : mode === 'country' ? (d.country || 'unknown') : `community ${d.community}`;
const svgNs = 'http://www.w3.org/2000/svg';

function appearance() {
  const graph = svg();
  if (!graph) return;
  const mode = document.getElementById('colour-by')?.value ?? 'community';
  const size = document.getElementById('size-by')?.value ?? 'betweenness';
  const circles = [...graph.querySelectorAll('g.nodes circle')];
  // Groups ordered by how many organisations they hold; the largest get the clearest colours, the rest grey.
  const counts = new Map();
  for (const c of circles) { const k = colourKey(mode, c.dataset); counts.set(k, (counts.get(k) ?? 0) + 1); }
  const order = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], undefined, { numeric: true }));
  // Communities keep their own colour everywhere (overview, communities page, explorer); other groups get colours by size.
  const colour = new Map(order.map(([k], i) => {
    const index = mode === 'community' ? Number(k.split(' ')[1]) - 1 : i;
    return [k, index < palette.length ? palette[index] : '#868e96'];
  }));
  const max = Math.max(...circles.map(c => size === 'degree' ? Number(c.dataset.degree) : Number(c.dataset.betweenness)), 1e-12);
  for (const c of circles) {
    c.setAttribute('fill', colour.get(colourKey(mode, c.dataset)));
    const value = size === 'degree' ? Number(c.dataset.degree) : Number(c.dataset.betweenness);
    c.setAttribute('r', (size === 'equal' ? 7 : 3 + 14 * Math.sqrt(value / max)).toFixed(1));
  }
  const legend = document.getElementById('legend');
  if (legend) {
    legend.replaceChildren(...order.filter(([k]) => colour.get(k) !== '#868e96').slice(0, palette.length).map(([k, n]) => {
      const li = document.createElement('li');
      const dot = document.createElementNS(svgNs, 'svg');
      dot.setAttribute('viewBox', '0 0 10 10');
      dot.setAttribute('aria-hidden', 'true');
      const circle = document.createElementNS(svgNs, 'circle');
      circle.setAttribute('cx', '5'); circle.setAttribute('cy', '5'); circle.setAttribute('r', '5');
      circle.setAttribute('fill', colour.get(k));
      dot.append(circle);
      li.append(dot, ` ${k} (${n})`);
      return li;
    }));
    const grey = order.filter(([k]) => colour.get(k) === '#868e96');
    if (grey.length) legend.append(text('li', `others (${grey.reduce((s, [, n]) => s + n, 0)}), grey`));
  }
  const sizeLegend = document.getElementById('size-legend');
  if (sizeLegend) sizeLegend.textContent = size === 'degree' ? 'Size: number of ties.' : size === 'equal' ? 'Size: all equal.' : 'Size: betweenness — the share of shortest routes through it.';
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
}

document.addEventListener('pointerover', event => {
  const node = event.target.closest?.('svg#graph circle');
  if (node && !drag && !pathShown) highlight(node.dataset.id);
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

let matches = [];
let active = -1;
function showMatches(query) {
  const list = document.getElementById('found');
  const q = query.trim().toLowerCase();
  matches = q.length === 0 ? [] : [...svg().querySelectorAll('g.nodes circle')]
    .filter(c => c.dataset.name.toLowerCase().includes(q))
    .sort((a, b) => a.dataset.name.toLowerCase().indexOf(q) - b.dataset.name.toLowerCase().indexOf(q) || a.dataset.name.localeCompare(b.dataset.name))
    .slice(0, 8);
  active = matches.length ? 0 : -1;
  list.replaceChildren(...matches.map((c, i) => {
    const li = text('li', `${c.dataset.name} · ${c.dataset.kind}`);
    li.id = `found-${i}`;
    li.setAttribute('role', 'option');
    li.dataset.id = c.dataset.id;
    return li;
  }));
  list.hidden = matches.length === 0;
  mark();
}
function mark() {
  const list = document.getElementById('found');
  [...list.children].forEach((li, i) => li.setAttribute('aria-selected', i === active ? 'true' : 'false'));
  document.getElementById('find').setAttribute('aria-activedescendant', active >= 0 ? `found-${active}` : '');
}
function choose(i) {
  if (i < 0 || i >= matches.length) return;
  flyTo(matches[i].dataset.id);
  document.getElementById('found').hidden = true;
}

document.addEventListener('input', event => { if (event.target.id === 'find') showMatches(event.target.value); });
document.addEventListener('keydown', event => {
  if (event.target.id !== 'find') return;
  if (event.key === 'ArrowDown') { active = Math.min(matches.length - 1, active + 1); mark(); event.preventDefault(); }
  if (event.key === 'ArrowUp') { active = Math.max(0, active - 1); mark(); event.preventDefault(); }
  if (event.key === 'Enter') { choose(active); event.preventDefault(); }
  if (event.key === 'Escape') { document.getElementById('found').hidden = true; }
});
document.addEventListener('click', event => {
  const option = event.target.closest?.('#found li');
  if (option) choose(matches.findIndex(c => c.dataset.id === option.dataset.id));
});
document.addEventListener('change', event => {
  if (event.target.id === 'colour-by' || event.target.id === 'size-by') appearance();
  if (event.target.id === 'highlight-kind') dimByKind();
});

// A filter that dims rather than removes: the others stay in place, faded, so the picture keeps its shape.
function dimByKind() {
  const kind = document.getElementById('highlight-kind')?.value ?? '';
  const graph = svg();
  if (!graph) return;
  const kept = new Set();
  for (const c of graph.querySelectorAll('g.nodes circle')) {
    const dim = kind !== '' && c.dataset.kind !== kind;
    c.classList.toggle('dimmed', dim);
    if (!dim) kept.add(c.dataset.id);
  }
  for (const t of graph.querySelectorAll('g.labels text')) t.classList.toggle('dimmed', kind !== '' && !kept.has(t.dataset.for));
  for (const l of graph.querySelectorAll('g.edges line')) l.classList.toggle('dimmed', kind !== '' && !(kept.has(l.dataset.a) && kept.has(l.dataset.b)));
}
document.addEventListener('network:updated', () => { appearance(); dimByKind(); highlight(selected); });
appearance();
