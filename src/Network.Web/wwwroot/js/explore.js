// Pan, zoom and select on the explorer's SVG, and a live reload when the dataset's analysis changes.
(() => {
  const svg = document.getElementById('graph');
  if (!svg) return;
  let box = { x: 0, y: 0, w: 1000, h: 1000 };
  const apply = () => svg.setAttribute('viewBox', `${box.x} ${box.y} ${box.w} ${box.h}`);

  svg.addEventListener('wheel', event => {
    event.preventDefault();
    const rect = svg.getBoundingClientRect();
    const factor = event.deltaY > 0 ? 1.15 : 1 / 1.15;
    const px = box.x + (event.clientX - rect.left) / rect.width * box.w;
    const py = box.y + (event.clientY - rect.top) / rect.height * box.h;
    box = { x: px - (px - box.x) * factor, y: py - (py - box.y) * factor, w: box.w * factor, h: box.h * factor };
    apply();
  }, { passive: false });

  let drag = null;
  svg.addEventListener('pointerdown', event => { drag = { x: event.clientX, y: event.clientY, box: { ...box } }; });
  window.addEventListener('pointerup', () => { drag = null; });
  svg.addEventListener('pointermove', event => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    box.x = drag.box.x - (event.clientX - drag.x) / rect.width * box.w;
    box.y = drag.box.y - (event.clientY - drag.y) / rect.height * box.h;
    apply();
  });

  const details = document.getElementById('details');
  const text = (tag, value) => { const e = document.createElement(tag); e.textContent = value; return e; };
  svg.addEventListener('click', event => {
    const node = event.target.closest('circle');
    if (!node) return;
    svg.querySelectorAll('circle.selected').forEach(c => c.classList.remove('selected'));
    node.classList.add('selected');
    const d = node.dataset;
    details.replaceChildren(
      text('h2', d.name),
      text('p', `${d.kind}${d.city ? ' · ' + d.city : ''}`),
      text('p', `betweenness ${d.betweenness} · ${d.degree} ties · community ${d.community}`));
    const link = document.createElement('a');
    const live = document.getElementById('live').dataset;
    link.href = `/explore?dataset=${encodeURIComponent(live.dataset)}&focus=${encodeURIComponent(d.id)}&depth=2`;
    link.textContent = 'Show its neighbourhood';
    details.append(link);
  });

  // The hub speaks SignalR's JSON protocol over a WebSocket: negotiate, handshake, Watch(dataset), then listen.
  const live = document.getElementById('live');
  const separator = '\u001e';
  fetch('/hubs/network/negotiate?negotiateVersion=1', { method: 'POST' })
    .then(r => r.json())
    .then(n => {
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      const socket = new WebSocket(`${scheme}://${location.host}/hubs/network?id=${encodeURIComponent(n.connectionToken)}`);
      socket.onopen = () => socket.send(JSON.stringify({ protocol: 'json', version: 1 }) + separator);
      let ready = false;
      socket.onmessage = message => {
        for (const frame of message.data.split(separator).filter(f => f)) {
          const data = JSON.parse(frame);
          if (!ready) {
            ready = true;
            socket.send(JSON.stringify({ type: 1, target: 'Watch', arguments: [live.dataset.dataset] }) + separator);
            live.textContent = `Data version ${live.dataset.version}, live.`;
            continue;
          }
          if (data.type === 1 && data.target === 'AnalysisUpdated' && data.arguments[0].dataVersion > Number(live.dataset.version)) {
            live.textContent = 'Changed by a colleague; updating…';
            location.reload();
          }
          if (data.type === 6) socket.send(JSON.stringify({ type: 6 }) + separator);
        }
      };
    })
    .catch(() => { live.textContent += ' (live updates unavailable)'; });
})();
