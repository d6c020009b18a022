// Pan, zoom and select on the explorer's SVG. Handlers sit on the document, so they keep working when live.js swaps
// in a redrawn network after a colleague's edit; the view box and the selection are carried over.
let box = null;
let selected = null;
const svg = () => document.getElementById('graph');
const apply = () => { if (box && svg()) svg().setAttribute('viewBox', `${box.x} ${box.y} ${box.w} ${box.h}`); };
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
  const graph = svg();
  graph.querySelectorAll('circle.selected').forEach(c => c.classList.remove('selected'));
  node.classList.add('selected');
  selected = node.dataset.id;
  const d = node.dataset;
  const dataset = document.getElementById('content').dataset.dataset;
  const explore = `/datasets/${encodeURIComponent(dataset)}/explore?focus=${encodeURIComponent(d.id)}&depth=2`;
  const actions = document.createElement('p');
  actions.append(link(d.href, 'Open its page'), ' · ', link(explore, 'Show its neighbourhood'));
  document.getElementById('details').replaceChildren(
    text('h2', d.name),
    text('p', `${d.kind}${d.city ? ' · ' + d.city : ''}`),
    text('p', `${d.degree} ties · community ${d.community}`),
    text('p', `Betweenness ${d.betweenness}: the share of shortest routes between other organisations that pass through it.`),
    actions);
}

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
