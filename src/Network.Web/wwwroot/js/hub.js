// The live hub (/hubs/network) over SignalR's JSON protocol on a WebSocket: negotiate, handshake, Watch(dataset),
// then every invocation goes to handlers[target](argument). Reconnects with a growing delay when the link drops.
const separator = '\u001e';

export function watch(dataset, handlers, onState = () => {}, onReady = () => {}) {
  let delay = 500;
  let socket = null;
  let ready = false;
  let invocation = 0;
  const send = (target, args) => {
    if (socket && ready) socket.send(JSON.stringify({ type: 1, invocationId: String(++invocation), target, arguments: args }) + separator);
  };
  const connect = () => fetch('/hubs/network/negotiate?negotiateVersion=1', { method: 'POST' })
    .then(r => { if (!r.ok) throw new Error(`negotiate: ${r.status}`); return r.json(); })
    .then(n => {
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      socket = new WebSocket(`${scheme}://${location.host}/hubs/network?id=${encodeURIComponent(n.connectionToken)}`);
      ready = false;
      socket.onopen = () => socket.send(JSON.stringify({ protocol: 'json', version: 1 }) + separator);
      socket.onmessage = message => {
        for (const frame of message.data.split(separator).filter(f => f)) {
          const data = JSON.parse(frame);
          if (!ready) {
            ready = true;
            delay = 500;
            socket.send(JSON.stringify({ type: 1, target: 'Watch', arguments: [dataset] }) + separator);
            onState('live');
            onReady(send);
            continue;
          }
          if (data.type === 1 && handlers[data.target]) handlers[data.target](data.arguments[0]);
          if (data.type === 6) socket.send(JSON.stringify({ type: 6 }) + separator);
        }
      };
      socket.onclose = () => { ready = false; onState('offline'); retry(); };
    })
    .catch(() => { onState('offline'); retry(); });
  const retry = () => { setTimeout(connect, delay); delay = Math.min(delay * 2, 30000); };
  connect();
  return { send };
}

// "the name and website of " for the fields a change gave another value; nothing when unknown or many.
const fieldsOf = fields => !fields || fields.length === 0 || fields.length > 4 ? ''
  : `the ${fields.length === 1 ? fields[0] : fields.slice(0, -1).join(', ') + ' and ' + fields[fields.length - 1]} of `;

// A colleague's change in a few words, from a hub event.
export function describe(kind, e) {
  const who = e.by && e.by !== 'anonymous' ? e.by : 'someone';
  switch (kind) {
    case 'NodeAdded': return `${who} added ${e.node.name ?? e.node.title ?? e.node.id}`;
    case 'NodeChanged': return `${who} changed ${fieldsOf(e.fields)}${e.node.name ?? e.node.title ?? e.node.id}`;
    case 'NodeDeleted': return `${who} deleted ${e.id}`;
    case 'RelationshipAdded': return `${who} added a tie ${e.relationship.from} – ${e.relationship.to}`;
    case 'RelationshipChanged': return `${who} changed a tie ${e.relationship.from} – ${e.relationship.to}`;
    case 'RelationshipDeleted': return `${who} removed a tie ${e.key.from} – ${e.key.to}`;
    case 'ImportFinished': return `${who} imported ${e.nodes} records and ${e.relationships} relationships`;
    case 'Merged': return `${who} ${e.undone ? 'undid a merge of' : 'merged'} ${e.dropped} into ${e.kept}`;
    default: return `${who} changed the data`;
  }
}

export const changeEvents = ['NodeAdded', 'NodeChanged', 'NodeDeleted', 'RelationshipAdded', 'RelationshipChanged', 'RelationshipDeleted', 'ImportFinished', 'Merged'];

// This page's own mark, sent with its changes and echoed by the hub, so the page does not redo what it just did.
const origin = Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
export const pageOrigin = () => origin;
