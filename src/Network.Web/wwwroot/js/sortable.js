// Tables marked data-sortable sort by any column: each header becomes a button; pressing it again reverses the order.
// Numbers (cells of class "number") sort as numbers; the header says the order to screen readers (aria-sort).
for (const table of document.querySelectorAll('table[data-sortable]')) {
  const headers = [...table.tHead.rows[0].cells];
  headers.forEach((th, column) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.append(...th.childNodes);
    th.replaceChildren(button);
    button.addEventListener('click', () => {
      const descending = th.getAttribute('aria-sort') === 'ascending';
      headers.forEach(h => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      const numeric = th.classList.contains('number');
      const key = row => row.cells[column]?.textContent.trim() ?? '';
      const rows = [...table.tBodies[0].rows];
      rows.sort((a, b) => {
        const order = numeric ? Number(key(a).replace(/,/g, '')) - Number(key(b).replace(/,/g, '')) : key(a).localeCompare(key(b), undefined, { numeric: true, sensitivity: 'base' });
        return descending ? -order : order;
      });
      table.tBodies[0].append(...rows);
    });
  });
}
