// What the two drawings of the explorer share (SVG for a few hundred organisations, canvas for thousands): colours and
// the legend, the search box, the side panel and the path between two organisations.
import { pageOrigin } from './hub.js';
import { find } from './search.js';

export const palette = ['#2456a6', '#d9480f', '#2b8a3e', '#ae3ec9', '#e67700', '#0c8599', '#c2255c', '#5c940d', '#3b5bdb', '#862e9c', '#a61e4d', '#087f5b'];
export const grey = '#868e96';
const helix = kind => ({ university: 'knowledge', 'research-institute': 'knowledge', company: 'industry', investor: 'industry', government: 'government' })[kind] ?? 'society';
export const colourKey = (mode, d) => mode === 'kind' ? d.kind : mode === 'helix' ? helix(d.kind) : mode === 'country' ? (d.country || 'unknown')
  : mode === 'sector' ? (d.sector || 'no sector') : mode === 'member' ? (d.member === 'true' ? 'member of the platform' : 'not a member') : `community ${d.community}`;
const svgNs = 'http://www.w3.org/2000/svg';

export const text = (tag, value) => { const e = document.createElement(tag); e.textContent = value; return e; };
export const link = (href, value) => { const a = text('a', value); a.href = href; return a; };
export const datasetName = () => document.getElementById('content').dataset.dataset;

// The highlight filter ("kind:university", "sectors:sec-x", "member:true", "community:3", …): whether an organisation
// passes, and whether the rest is hidden or only dimmed.
export function highlightFilter() {
  const value = document.getElementById('highlight')?.value ?? '';
  const hide = document.getElementById('hide-rest')?.checked ?? false;
  // As of a date, organisations without a tie in force then are dimmed like those outside a highlight.
  const dated = Boolean(document.querySelector('#graph[data-as-of]:not([data-as-of=""]), #graph-canvas[data-as-of]:not([data-as-of=""])'));
  const then = d => !dated || String(d.active) !== 'false';
  if (!value) return { active: dated, hide, passes: then };
  const [field, wanted] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  const matches = d => field === 'sectors' || field === 'stages' ? String(d[field] ?? '').split(';').includes(wanted) : String(d[field] ?? '') === wanted;
  return { active: true, hide, passes: d => then(d) && matches(d) };
}

// Colours for the groups of the chosen mode: the largest groups get the clearest colours, the rest grey. Communities keep
// their own colour everywhere (overview, communities page, explorer). Returns the groups in order and a colour per group.
export function colours(items, mode) {
  const counts = new Map();
  for (const d of items) { const k = colourKey(mode, d); counts.set(k, (counts.get(k) ?? 0) + 1); }
  const order = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], undefined, { numeric: true }));
  const colour = new Map(order.map(([k], i) => {
    const index = mode === 'community' ? Number(k.split(' ')[1]) - 1 : i;
    return [k, index < palette.length ? palette[index] : grey];
  }));
  return { order, colour };
}

export function showLegend(order, colour, size) {
  const legend = document.getElementById('legend');
  if (legend) {
    legend.replaceChildren(...order.filter(([k]) => colour.get(k) !== grey).slice(0, palette.length).map(([k, n]) => {
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
    const rest = order.filter(([k]) => colour.get(k) === grey);
    if (rest.length) legend.append(text('li', `others (${rest.reduce((s, [, n]) => s + n, 0)}), grey`));
  }
  const sizeLegend = document.getElementById('size-legend');
  const option = document.querySelector(`#size-by option[value="${size}"]`);
  if (sizeLegend && option) sizeLegend.textContent = option.dataset.legend;
}

// The search box: the eight best matches (search.js: names, short names, other names), arrow keys to move, Enter to fly to one.
export function setupSearch(items, choose) {
  let matches = [];
  let active = -1;
  const list = () => document.getElementById('found');
  const mark = () => {
    [...list().children].forEach((li, i) => li.setAttribute('aria-selected', i === active ? 'true' : 'false'));
    document.getElementById('find').setAttribute('aria-activedescendant', active >= 0 ? `found-${active}` : '');
  };
  const show = query => {
    matches = query.trim().length === 0 ? [] : find(items(), query);
    active = matches.length ? 0 : -1;
    list().replaceChildren(...matches.map((d, i) => {
      const li = text('li', `${d.name} · ${d.kind}`);
      li.id = `found-${i}`;
      li.setAttribute('role', 'option');
      li.dataset.id = d.id;
      return li;
    }));
    list().hidden = matches.length === 0;
    mark();
  };
  const pick = i => {
    if (i < 0 || i >= matches.length) return;
    choose(matches[i].id);
    list().hidden = true;
  };
  document.addEventListener('input', event => { if (event.target.id === 'find') show(event.target.value); });
  document.addEventListener('keydown', event => {
    if (event.target.id !== 'find') return;
    if (event.key === 'ArrowDown') { active = Math.min(matches.length - 1, active + 1); mark(); event.preventDefault(); }
    if (event.key === 'ArrowUp') { active = Math.max(0, active - 1); mark(); event.preventDefault(); }
    if (event.key === 'Enter') { pick(active); event.preventDefault(); }
    if (event.key === 'Escape') { list().hidden = true; }
  });
  document.addEventListener('click', event => {
    const option = event.target.closest?.('#found li');
    if (option) pick(matches.findIndex(d => d.id === option.dataset.id));
  });
}

const words = { PARTY_TO: 'party to', WORKS_FOR: 'works for', PARTICIPATED_IN: 'took part in', PARTNERS_WITH: 'partners with', MEMBER_OF: 'member of', LOCATED_IN: 'located in', ACTIVE_IN: 'active in', CONCERNS: 'concerns', TWINNED_WITH: 'twinned with' };

// The side panel of a selected organisation: what it is, its ties and brokerage in words, links, and a path form.
// onPath(ids) is called with the organisations on a path found, so the drawing can mark them.
export function showDetails(d, items, onPath) {
  const explore = `/datasets/${encodeURIComponent(datasetName())}/explore?focus=${encodeURIComponent(d.id)}&depth=2`;
  const actions = document.createElement('p');
  actions.append(link(d.href, 'Open its page'), ' · ', link(explore, 'Show its neighbourhood'));
  const form = document.createElement('form');
  form.className = 'path-form';
  const label = document.createElement('label');
  label.append('Path to ');
  const to = document.createElement('input');
  to.name = 'to';
  to.setAttribute('list', 'path-names');
  to.placeholder = 'another organisation';
  label.append(to);
  const names = document.createElement('datalist');
  names.id = 'path-names';
  for (const other of items()) {
    if (other.id === d.id) continue;
    const option = document.createElement('option');
    option.value = other.name;
    names.append(option);
  }
  const go = text('button', 'Show');
  go.type = 'submit';
  form.append(label, names, go);
  const steps = Object.assign(document.createElement('div'), { id: 'path-steps' });
  form.addEventListener('submit', event => { event.preventDefault(); showPath(d.id, to.value, items, steps, onPath); });
  const broker = Object.assign(document.createElement('div'), { className: 'broker-detail' });
  broker.append(text('p', 'Working out what it bridges…'));
  document.getElementById('details').replaceChildren(
    text('h2', d.name),
    text('p', `${d.kind}${d.city ? ' · ' + d.city : ''}${d.pinned ? ' · pinned on the map' : ''}`),
    text('p', `${d.degree} ties · community ${d.community}`),
    text('p', `Betweenness ${d.betweenness}: the share of shortest routes between other organisations that pass through it.`),
    broker, actions, form, steps);
  brokerDetail(d.id, broker);
}

// What it bridges and what breaks if it leaves, in words, from its broker profile.
async function brokerDetail(id, into) {
  const dataset = datasetName();
  const response = await fetch(`/api/datasets/${encodeURIComponent(dataset)}/analysis/brokers/${encodeURIComponent(id)}`);
  if (!response.ok) { into.replaceChildren(); return; }
  const { profile, cutOff } = await response.json();
  const bridges = profile.bridges.slice(0, 3).map(b => `${b.attribute} ${b.from} ↔ ${b.to} (${b.pairs} ${b.pairs === 1 ? 'pair' : 'pairs'})`);
  const what = document.createElement('p');
  what.append(text('strong', 'Bridges: '), bridges.length ? bridges.join('; ') : 'no two groups — its partners also know each other.');
  const leaves = document.createElement('p');
  leaves.append(text('strong', 'If it leaves: '), cutOff
    ? `${cutOff.cutOffOrganisations} organisation${cutOff.cutOffOrganisations === 1 ? ' is' : 's are'} cut off${cutOff.cutOffExamples.length ? ' (' + cutOff.cutOffExamples.slice(0, 3).join(', ') + ')' : ''} and ${cutOff.disconnectedOrganisationPairs} pairs lose every path. `
    : profile.isArticulationPoint ? 'a few organisations lose their only link to the rest. ' : 'nobody is cut off; the others still reach each other. ',
    link(`/datasets/${encodeURIComponent(dataset)}/what-if?remove=${encodeURIComponent(id)}`, 'What if it leaves'));
  into.replaceChildren(text('p', `Broker #${profile.rank} (score ${profile.score.toFixed(2)}).`), what, leaves);
}

async function showPath(fromId, toName, items, steps, onPath) {
  const target = items().find(d => d.name.toLowerCase() === toName.trim().toLowerCase());
  if (!target) { steps.replaceChildren(text('p', `No organisation called “${toName}” is drawn.`)); return; }
  const response = await fetch(`/api/datasets/${encodeURIComponent(datasetName())}/analysis/path?from=${encodeURIComponent(fromId)}&to=${encodeURIComponent(target.id)}&via=ties`);
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
  onPath(new Set(result.steps.map(s => s.id)));
}

// Saves a dragged organisation's place on the shared map (editors only; the session cookie is same-site strict and the
// body JSON, so another site cannot send it); layout units from the drawing's coordinates.
export async function pin(id, x, y, scale) {
  const lx = scale.minX + (x - scale.offset) / scale.scale;
  const ly = scale.minY + (y - scale.offset) / scale.scale;
  const response = await fetch(`/api/datasets/${encodeURIComponent(datasetName())}/layout/pins`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ nodes: { [id]: [lx, ly] }, origin: pageOrigin() }),
  });
  return response.ok;
}

// ---- A shareable view: the colour, size, highlight, zoom and selection live in the address, so a copied link
// restores exactly this picture for a colleague. ----
const controls = { colour: 'colour-by', size: 'size-by', highlight: 'highlight' };

export function readState() {
  const p = new URLSearchParams(location.search);
  for (const [key, id] of Object.entries(controls)) {
    const select = document.getElementById(id);
    const value = p.get(key);
    if (select && value !== null && [...select.options].some(o => o.value === value)) select.value = value;
  }
  const hide = document.getElementById('hide-rest');
  if (hide) hide.checked = p.get('hide') === '1';
  const view = p.get('view')?.split(',').map(Number);
  return { view: view?.every(Number.isFinite) ? view : null, selected: p.get('selected') };
}

export function writeState(view, selected) {
  const p = new URLSearchParams(location.search);
  for (const [key, id] of Object.entries(controls)) {
    const value = document.getElementById(id)?.value;
    if (value) p.set(key, value); else p.delete(key);
  }
  if (document.getElementById('hide-rest')?.checked) p.set('hide', '1'); else p.delete('hide');
  if (view) p.set('view', view.map(v => Number(v.toFixed(2))).join(',')); else p.delete('view');
  if (selected) p.set('selected', selected); else p.delete('selected');
  history.replaceState(history.state, '', `${location.pathname}?${p}`);
}

const save = (blob, name) => {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
};

/// A picture as PNG, drawn from SVG text on a white background at twice the size.
export function svgToPng(svgText, width, height) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width * 2;
      canvas.height = height * 2;
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(resolve, 'image/png');
    };
    image.onerror = reject;
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svgText);
  });
}

/// The Copy link, SVG and PNG buttons: picture() gives the SVG text, png() the PNG blob of what is drawn now.
export function setupShare(picture, png) {
  const name = () => `${datasetName()}-network`;
  const say = message => { const s = document.getElementById('share-status'); if (s) s.textContent = message; };
  document.addEventListener('click', async event => {
    const button = event.target.closest?.('button[data-share]');
    if (!button) return;
    if (button.dataset.share === 'link') {
      try { await navigator.clipboard.writeText(location.href); say('Link copied: it opens this view.'); }
      catch { say(`Copy this link: ${location.href}`); }
    }
    if (button.dataset.share === 'svg') { save(new Blob([picture()], { type: 'image/svg+xml' }), `${name()}.svg`); say('SVG downloaded.'); }
    if (button.dataset.share === 'png') { save(await png(), `${name()}.png`); say('PNG downloaded.'); }
  });
}

/// What a colleague's change did to the drawing, in words (for everyone, and read out to screen readers).
export function sayChanges(arrived, arrivedTies, left, ended) {
  const words = [[arrived, 'organisation', 'appeared'], [arrivedTies, 'tie', 'appeared'], [left, 'organisation', 'left'], [ended, 'tie', 'ended']]
    .filter(([n]) => n > 0).map(([n, what, did]) => `${n} ${what}${n === 1 ? '' : 's'} ${did}`);
  const said = document.getElementById('drawing-change');
  if (said) said.textContent = words.length ? `In the drawing: ${words.join(', ')}${arrived + arrivedTies ? ' (ringed in orange for a moment)' : ''}.` : '';
}
