// Every page of a dataset stays current: when the hub announces a newer analysis, the page's content is fetched again
// and swapped in place (scroll position, open details and the date kept), with a notice of who changed what.
// Pages holding a form (data-live="notice") only show the notice, so nobody's typing is lost.
import { watch, describe, changeEvents, pageOrigin } from './hub.js';

const main = document.getElementById('content');
const notice = document.getElementById('live-notice');
if (main && main.dataset.dataset) {
  let pending = [];
  const show = (text, action) => {
    notice.replaceChildren(document.createTextNode(text));
    if (action) notice.append(' ', action);
    notice.hidden = false;
  };
  const handlers = {};
  for (const kind of changeEvents) handlers[kind] = e => { pending.push(describe(kind, e)); };
  handlers.AnalysisUpdated = async e => {
    // The background analysis is done: the header's "analysing…" goes.
    document.getElementById('analysing')?.remove();
    if (e.dataVersion <= Number(main.dataset.version)) return;
    const what = pending.length ? pending.slice(-3).join('; ') + (pending.length > 3 ? ` and ${pending.length - 3} more` : '') : 'the data changed';
    pending = [];
    if (main.dataset.live !== 'content') {
      const reload = document.createElement('a');
      reload.href = location.href;
      reload.textContent = 'Reload to see it';
      show(`Changed by a colleague: ${what}.`, reload);
      main.dataset.version = e.dataVersion;
      return;
    }
    await refresh(`Updated just now: ${what}.`);
  };
  // A colleague moved organisations on the shared map: an open explorer redraws them where they now are.
  handlers.LayoutChanged = async e => {
    if (e.origin && e.origin === pageOrigin()) return; // this page made the change and already shows it
    if (main.dataset.live !== 'content' || !document.querySelector('#graph, #graph-canvas')) return;
    await refresh(`${e.by && e.by !== 'anonymous' ? e.by : 'A colleague'} moved organisations on the map.`);
  };
  // Fetch the page again and swap its content in place, keeping open details; the page's scripts hear just before
// (network:replacing, to remember what was shown) and just after (network:updated).
  const refresh = async message => {
    const response = await fetch(location.href, { headers: { 'X-Requested-With': 'live' } });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('content');
    if (!fresh) return;
    const open = [...main.querySelectorAll('details[open][id]')].map(d => d.id);
    document.dispatchEvent(new CustomEvent('network:replacing'));
    main.replaceChildren(...[...fresh.childNodes].map(n => document.importNode(n, true)));
    for (const id of open) document.getElementById(id)?.setAttribute('open', '');
    main.dataset.version = fresh.dataset.version;
    show(message);
    document.dispatchEvent(new CustomEvent('network:updated', { detail: { version: Number(fresh.dataset.version) } }));
  };
  // Presence: say where this page is, and show who else has the dataset open and who is editing what.
  const presence = document.getElementById('presence');
  const me = main.dataset.user || '';
  handlers.PresenceChanged = e => {
    if (!presence) return;
    const others = e.people.filter(p => p.user !== me);
    const editingHere = others.filter(p => p.editing && p.record && p.record === main.dataset.record);
    const words = others.map(p => p.editing ? `${p.user} (${p.page.toLowerCase().startsWith('edit') ? 'editing' + p.page.slice(4) : p.page})` : p.user);
    const visitors = e.visitors - (me ? 0 : 1);
    if (visitors > 0) words.push(`${visitors} visitor${visitors === 1 ? '' : 's'} not signed in`);
    presence.textContent = words.length ? `Also here: ${words.join(', ')}` : '';
    presence.hidden = words.length === 0;
    const warning = document.getElementById('editing-warning');
    if (warning) {
      warning.textContent = editingHere.length ? `${editingHere.map(p => p.user).join(' and ')} ${editingHere.length === 1 ? 'is' : 'are'} editing this record right now.` : '';
      warning.hidden = editingHere.length === 0;
    }
  };
  watch(main.dataset.dataset, handlers, state => { main.dataset.hub = state; },
    (send, analysed) => {
      send('Present', [main.dataset.dataset, document.title.split(' · ')[0], main.dataset.record || null, main.dataset.editing === 'true']);
      // A colleague changed the data between this page's rendering and its watching (or while the link was down).
      if (analysed > Number(main.dataset.version)) handlers.AnalysisUpdated({ dataset: main.dataset.dataset, dataVersion: analysed });
    });
}
