// The respondent's page: more partner rows on demand, the roster type-ahead on each, and a draft kept on this device
// (restored when the page is opened again before sending; forgotten once the answer is saved).
import { setup } from './typeahead.js';

const done = document.getElementById('survey-done');
if (done) localStorage.removeItem(`survey-draft:${done.dataset.tokenKey}`);

const form = document.getElementById('survey-form');
if (form) {
  const key = `survey-draft:${form.dataset.tokenKey}`;
  const rows = document.getElementById('partner-rows');
  const add = document.getElementById('add-partner');

  // A new row: a copy of the last one with the next index, emptied.
  const addRow = () => {
    const last = rows.lastElementChild;
    const index = rows.children.length;
    const row = last.cloneNode(true);
    row.dataset.index = String(index);
    row.querySelector('legend').textContent = last.querySelector('legend').textContent.replace(/\d+$/, String(index + 1));
    for (const element of row.querySelectorAll('[name], [id], [for], [data-target]')) {
      for (const attribute of ['name', 'id', 'for', 'data-target']) {
        const value = element.getAttribute(attribute);
        if (value) element.setAttribute(attribute, value.replace(/Partners\[\d+\]/, `Partners[${index}]`).replace(/partner-\d+-/, `partner-${index}-`));
      }
      if (element.type === 'checkbox') element.checked = false;
      else if (element.tagName === 'SELECT') element.value = '3';
      else if (element.tagName === 'INPUT') element.value = '';
    }
    row.querySelectorAll('.typeahead-list').forEach(list => list.remove());
    const input = row.querySelector('input[data-search]');
    delete input.dataset.typeahead;
    rows.append(row);
    setup(input);
    return row;
  };
  add.hidden = false;
  add.addEventListener('click', () => addRow().querySelector('input[data-search]').focus());

  // The draft: every field by name, saved as it is typed.
  const save = () => {
    const fields = [...form.elements].filter(e => e.name && e.name !== '__RequestVerificationToken')
      .map(e => [e.name, e.type === 'checkbox' ? (e.checked ? e.value : null) : e.value, e.type === 'checkbox' ? e.value : null]);
    localStorage.setItem(key, JSON.stringify({ saved: Date.now(), fields }));
  };
  const restore = () => {
    const draft = JSON.parse(localStorage.getItem(key) || 'null');
    if (!draft) return;
    const highest = Math.max(-1, ...draft.fields.map(([name]) => Number((/^Partners\[(\d+)\]/.exec(name) || [])[1] ?? -1)));
    while (rows.children.length <= highest) addRow();
    for (const [name, value, option] of draft.fields) {
      const element = option !== null
        ? form.querySelector(`input[type=checkbox][name="${CSS.escape(name)}"][value="${CSS.escape(option)}"]`)
        : form.querySelector(`[name="${CSS.escape(name)}"]`);
      if (!element) continue;
      if (element.type === 'checkbox') element.checked = value !== null;
      else element.value = value ?? '';
    }
    document.getElementById('draft-restored').hidden = false;
  };
  if (!document.getElementById('problems')) restore();
  form.addEventListener('input', save);
  form.addEventListener('change', save);
  document.getElementById('problems')?.focus();
}
