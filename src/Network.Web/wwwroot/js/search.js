// Search as people search, the same rules as the server's NameSearch: case and accents ignored, punctuation as
// spaces; exact names (or short names) first, then names that start with the query, then names whose words start
// with the query's words, then names that contain it.

export function normalise(text) {
  return (text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/ß/g, 'ss').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

// How well one of the names matches the query (0 best), or -1 when none does.
export function rank(query, names) {
  const q = normalise(query);
  if (!q) return -1;
  const joinedQ = q.replaceAll(' ', '');
  const words = q.split(' ');
  let best = -1;
  for (const name of names) {
    const n = normalise(name);
    if (!n) continue;
    const joined = n.replaceAll(' ', '');
    const nameWords = n.split(' ');
    const r = n === q || joined === joinedQ ? 0
      : n.startsWith(q) ? 1
      : words.every(w => nameWords.some(nw => nw.startsWith(w))) ? 2
      : n.includes(q) || (joinedQ.length >= 3 && joined.includes(joinedQ)) ? 3
      : -1;
    if (r >= 0 && (best < 0 || r < best)) best = r;
  }
  return best;
}

// The items (with a name and, optionally, other names separated by semicolons in aka) that match, best first.
export function find(items, query, limit = 8) {
  return items
    .map(d => ({ d, r: rank(query, [d.name, ...(d.aka ? d.aka.split(';') : [])]) }))
    .filter(x => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.d.name.length - b.d.name.length || a.d.name.localeCompare(b.d.name))
    .slice(0, limit)
    .map(x => x.d);
}
