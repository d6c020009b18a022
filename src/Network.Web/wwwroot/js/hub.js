// The live hub (/hubs/network) through SignalR's own browser client (lib/signalr, loaded before the modules as
// window.signalR): connect, Watch(dataset), then every event goes to handlers[event](argument). The page is "live"
// only once the server has confirmed the Watch, so nothing announced after that is missed; Watch answers with the
// dataset's latest analysed version, and a page rendered from an older one catches up at once. When the link drops
// it is rebuilt with a growing delay, without end.
export function watch(dataset, handlers, onState = () => {}, onReady = () => {}) {
  const delayAfter = attempt => Math.min(500 * 2 ** attempt, 30000);
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/network')
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => delayAfter(context.previousRetryCount) })
    .configureLogging(signalR.LogLevel.None)
    .build();
  for (const [target, handler] of Object.entries(handlers)) connection.on(target, handler);
  const send = (target, args) => connection.state === signalR.HubConnectionState.Connected
    ? connection.send(target, ...args).catch(() => {}) : Promise.resolve();
  const join = async () => {
    const analysed = await connection.invoke('Watch', dataset);
    onState('live');
    onReady(send, analysed);
  };
  connection.onreconnecting(() => onState('offline'));
  connection.onreconnected(() => join().catch(() => onState('offline')));
  let attempt = 0;
  const start = async () => {
    try {
      await connection.start();
      attempt = 0;
      await join();
    } catch {
      onState('offline');
      if (connection.state === signalR.HubConnectionState.Connected) return; // connected, but this dataset may not be watched
      setTimeout(start, delayAfter(attempt++));
    }
  };
  // Automatic reconnection gives up only when the server closed the link for good: start again from the beginning.
  connection.onclose(() => { onState('offline'); setTimeout(start, delayAfter(attempt++)); });
  start();
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
