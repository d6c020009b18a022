// Every page of a dataset stays current: when the hub announces a newer analysis, the page's content is fetched again
// and swapped in place (scroll position, open details and the date kept), with a notice of who changed what.
// Pages holding a form (data-live="notice") only show the notice, so nobody's typing is lost.
import { watch, describe, changeEvents } from './hub.js';

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
    const response = await fetch(location.href, { headers: { 'X-Requested-With': 'live' } });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('content');
    if (!fresh) return;
    const open = [...main.querySelectorAll('details[open][id]')].map(d => d.id);
    main.replaceChildren(...[...fresh.childNodes].map(n => document.importNode(n, true)));
    for (const id of open) document.getElementById(id)?.setAttribute('open', '');
    main.dataset.version = fresh.dataset.version;
    show(`Updated just now: ${what}.`);
    document.dispatchEvent(new CustomEvent('network:updated', { detail: { version: Number(fresh.dataset.version) } }));
  };
  watch(main.dataset.dataset, handlers, state => { main.dataset.hub = state; });
}
