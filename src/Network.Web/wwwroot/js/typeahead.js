// Type-ahead pickers: a text input with data-search (the dataset's /api/…/search URL, with its labels) and
// data-target (the id of a hidden input that receives the chosen record's id). Typing asks the server for the best
// matches (names, short names, other names); arrow keys move, Enter or a click chooses, Escape closes. Without
// script the text itself is sent and the page resolves it by the same search.

const collections = { Organisation: 'organisations', Person: 'people', City: 'cities', Agreement: 'agreements', Sector: 'sectors', Event: 'events' };

export function setup(input) {
  if (input.dataset.typeahead === 'on') return;
  input.dataset.typeahead = 'on';
  const target = document.getElementById(input.dataset.target);
  const list = document.createElement('ul');
  list.className = 'typeahead-list';
  list.id = `${input.id || input.name}-options`;
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  input.after(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('autocomplete', 'off');
  let found = [];
  let active = -1;
  let asked = 0;

  const mark = () => {
    [...list.children].forEach((li, i) => li.setAttribute('aria-selected', i === active ? 'true' : 'false'));
    input.setAttribute('aria-activedescendant', active >= 0 ? `${list.id}-${active}` : '');
  };
  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); };
  const choose = i => {
    if (i < 0 || i >= found.length) return;
    input.value = found[i].name;
    if (target) target.value = found[i].id;
    close();
    // The header search goes straight to the chosen record.
    if (input.dataset.go) location.assign(`${input.dataset.go}/${collections[found[i].label]}/${encodeURIComponent(found[i].id)}`);
  };
  const show = async () => {
    const query = input.value.trim();
    if (target) target.value = '';
    const ticket = ++asked;
    // Until the answer for what is typed now arrives, Enter submits the form rather than take an older match.
    found = [];
    active = -1;
    if (query.length === 0) { close(); return; }
    const url = new URL(input.dataset.search, location.origin);
    url.searchParams.set('q', query);
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (ticket !== asked || !response.ok) return;
    found = await response.json();
    active = found.length ? 0 : -1;
    list.replaceChildren(...found.map((f, i) => {
      const li = document.createElement('li');
      li.id = `${list.id}-${i}`;
      li.setAttribute('role', 'option');
      li.dataset.index = String(i);
      li.textContent = f.name;
      if (f.detail || (f.label && f.label !== 'Organisation')) {
        const small = document.createElement('span');
        small.className = 'muted small';
        small.textContent = ` · ${[f.detail, !f.label || f.label === 'Organisation' ? null : f.label.toLowerCase()].filter(Boolean).join(' · ')}`;
        li.append(small);
      }
      return li;
    }));
    list.hidden = found.length === 0;
    input.setAttribute('aria-expanded', found.length ? 'true' : 'false');
    mark();
  };
  input.addEventListener('input', show);
  input.addEventListener('keydown', event => {
    if (event.key === 'ArrowDown' && found.length) { active = Math.min(found.length - 1, active + 1); list.hidden = false; mark(); event.preventDefault(); }
    else if (event.key === 'ArrowUp' && found.length) { active = Math.max(0, active - 1); mark(); event.preventDefault(); }
    // Enter takes the highlighted match — also when the list was closed by a blur; after Escape it submits the form.
    else if (event.key === 'Enter' && active >= 0 && active < found.length) { choose(active); event.preventDefault(); }
    else if (event.key === 'Escape') { active = -1; mark(); close(); }
  });
  list.addEventListener('mousedown', event => {
    const li = event.target.closest('li');
    if (li) { choose(Number(li.dataset.index)); event.preventDefault(); }
  });
  input.addEventListener('blur', close);
}

document.querySelectorAll('input[data-search]').forEach(setup);
