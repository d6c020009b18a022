// STAND-IN for Neo4j's HTTP Query API v2 (POST /db/{db}/query/v2, explicit transactions under /db/{db}/query/v2/tx),
// executing Cypher on Grafeo's embedded engine. It is not Neo4j: it exists so the Neo4j store's protocol and the
// store contract can be tested on machines where no Neo4j can run. Prints "listening <port>" when ready.
import http from 'node:http';
import pkg from '@grafeo-db/js';
const { GrafeoDB } = pkg;

const password = process.env.STANDIN_PASSWORD ?? 'standin';
const expected = 'Basic ' + Buffer.from(`neo4j:${password}`).toString('base64');
const databases = new Map();
// Neo4j locks what a MERGE matches under a uniqueness constraint, so two concurrent MERGEs of one key make one node.
// The stand-in runs auto-commit statements one at a time per database, which gives MERGE the same outcome, and checks
// the uniqueness constraints after every statement that writes (see below).
const autoCommitQueues = new Map();
// Neo4j locks what a transaction writes until it ends, so a second writer of the same node waits instead of failing;
// the stand-in's engine detects such conflicts optimistically and fails one. Explicit transactions therefore run one
// at a time per database: the next begins when the open one commits, rolls back, fails or expires (30 s idle).
const transactionQueues = new Map();
const acquire = name => {
  const previous = transactionQueues.get(name) ?? Promise.resolve();
  let release;
  const held = new Promise(resolve => { release = resolve; });
  transactionQueues.set(name, previous.then(() => held));
  return previous.then(() => release);
};
const oneAtATime = (name, work) => {
  const previous = autoCommitQueues.get(name) ?? Promise.resolve();
  const next = previous.then(work, work);
  autoCommitQueues.set(name, next.catch(() => {}));
  return next;
};
const transactions = new Map();
let nextTransaction = 1;

const database = name => {
  if (!databases.has(name)) databases.set(name, GrafeoDB.create ? GrafeoDB.create() : new GrafeoDB());
  return databases.get(name);
};

// Neo4j typed JSON (Accept: application/vnd.neo4j.query) or plain JSON values.
const typed = value => {
  if (value === null || value === undefined) return { $type: 'Null', _value: null };
  if (typeof value === 'string') return { $type: 'String', _value: value };
  if (typeof value === 'boolean') return { $type: 'Boolean', _value: value };
  if (typeof value === 'bigint') return { $type: 'Integer', _value: value.toString() };
  if (typeof value === 'number') return Number.isInteger(value) ? { $type: 'Integer', _value: String(value) } : { $type: 'Float', _value: String(value) };
  if (Array.isArray(value)) return { $type: 'List', _value: value.map(typed) };
  return { $type: 'Map', _value: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typed(v)])) };
};
const plain = value => typeof value === 'bigint' ? Number(value) : Array.isArray(value) ? value.map(plain)
  : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)])) : value;

// Schema commands: the engine has no Neo4j schema syntax, so the stand-in keeps the node-key and uniqueness
// constraints itself (CREATE CONSTRAINT name IF NOT EXISTS FOR (n:Label) REQUIRE (n.a, n.b) IS UNIQUE) and, as Neo4j
// does, fails a statement that would leave two nodes of the label with the same values (nodes lacking one of the
// properties are not constrained), with Neo4j's code Neo.ClientError.Schema.ConstraintValidationFailed. Indexes are
// accepted and ignored; other constraints are refused, so a test cannot rely on one the stand-in does not keep.
const isSchema = statement => /^\s*(CREATE|DROP)\s+(CONSTRAINT|INDEX)\b/i.test(statement);
const constraints = new Map(); // database → Map(name → { label, properties })
const schema = (name, statement) => {
  if (/^\s*(CREATE|DROP)\s+INDEX\b/i.test(statement)) return 'index accepted, not kept (the stand-in does not need one)';
  const unique = statement.match(/^\s*CREATE\s+CONSTRAINT\s+(\w+)?\s*(?:IF\s+NOT\s+EXISTS\s+)?FOR\s+\(\s*(\w+)\s*:\s*(\w+)\s*\)\s+REQUIRE\s+\(?\s*([\w.\s,]+?)\s*\)?\s+IS\s+(?:UNIQUE|NODE\s+KEY)\s*$/i);
  if (!unique) throw new Error(`the stand-in keeps only uniqueness constraints: ${statement}`);
  const [, constraintName, variable, label, list] = unique;
  const properties = list.split(',').map(p => p.trim().replace(new RegExp(`^${variable}\\.`), ''));
  if (!constraints.has(name)) constraints.set(name, new Map());
  constraints.get(name).set(constraintName ?? `${label}_${properties.join('_')}`, { label, properties });
  return 'constraint kept';
};
const writes = statement => /\b(CREATE|MERGE|SET|REMOVE|DELETE)\b/i.test(statement);
const checkConstraints = async (name, runner) => {
  for (const { label, properties } of constraints.get(name)?.values() ?? []) {
    const present = properties.map(p => `n.${p} IS NOT NULL`).join(' AND ');
    const keys = properties.map((p, i) => `n.${p} AS k${i}`).join(', ');
    const result = await runner.executeCypher(`MATCH (n:${label}) WHERE ${present} WITH ${keys}, count(*) AS c WHERE c > 1 RETURN ${properties.map((_, i) => `k${i}`).join(', ')} LIMIT 1`, {});
    const [row] = result.rows();
    if (row) throw Object.assign(new Error(`Node already exists with label \`${label}\` and ${properties.map((p, i) => `property \`${p}\` = ${JSON.stringify(plain(row[i]))}`).join(' and ')}`), { neo4jCode: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
  }
};

const run = async (name, runner, body, wantsTyped) => {
  if (!body || !body.statement) return null;
  if (isSchema(body.statement)) return { fields: [], values: [], notifications: [{ code: 'StandIn.Schema', description: schema(name, body.statement) }] };
  const result = await runner.executeCypher(body.statement, body.parameters ?? {});
  const fields = result.columns ?? (result.length ? Object.keys(result.get(0)) : []);
  const rows = result.rows();
  if (writes(body.statement)) await checkConstraints(name, runner);
  return { fields, values: rows.map(row => row.map(v => wantsTyped ? typed(v) : plain(v))) };
};

// An auto-commit statement runs in a transaction of its own, so one that breaks a constraint leaves nothing behind.
const autoCommit = async (name, body, wantsTyped) => {
  const handle = database(name).beginTransaction();
  try {
    const data = await run(name, handle, body, wantsTyped);
    handle.commit();
    return data;
  } catch (error) {
    try { handle.rollback(); } catch { /* already ended */ }
    throw error;
  }
};

// A transaction ends once: its lock goes to the next one waiting.
const end = tx => {
  clearTimeout(tx.timer);
  if (transactions.delete(tx.id)) tx.release();
};
// An abandoned transaction expires as Neo4j's do.
const touch = tx => {
  clearTimeout(tx.timer);
  tx.timer = setTimeout(() => { try { tx.handle.rollback(); } catch { /* already ended */ } end(tx); }, 30000);
};

const code = (message, error) => error?.neo4jCode ?? (/conflict|serializ|concurrent/i.test(message) ? 'Neo.TransientError.Transaction.Outdated'
  : /syntax|parse|expected/i.test(message) ? 'Neo.ClientError.Statement.SyntaxError' : 'Neo.ClientError.Statement.ExecutionFailed');

const server = http.createServer(async (request, response) => {
  const send = (status, payload) => { response.writeHead(status, { 'content-type': 'application/json' }); response.end(JSON.stringify(payload)); };
  if (request.headers.authorization !== expected)
    return send(401, { errors: [{ code: 'Neo.ClientError.Security.Unauthorized', message: 'Invalid credential.' }] });
  let text = '';
  for await (const chunk of request) text += chunk;
  const body = text ? JSON.parse(text) : {};
  const wantsTyped = (request.headers.accept ?? '').includes('application/vnd.neo4j.query');
  const match = request.url.match(/^\/db\/([^/]+)\/query\/v2(?:\/tx(?:\/(\d+)(\/commit)?)?)?$/);
  if (!match) return send(404, { errors: [{ code: 'Neo.ClientError.Request.Invalid', message: `No route ${request.url}` }] });
  const [, name, id, commit] = match;
  const isTx = request.url.includes('/tx');
  let tx = null;
  try {
    if (isTx && !id && request.method === 'POST') {
      const release = await acquire(name);
      let handle;
      try { handle = database(name).beginTransaction(); } catch (error) { release(); throw error; }
      tx = { id: String(nextTransaction++), handle, release };
      transactions.set(tx.id, tx);
    } else if (id) {
      tx = transactions.get(id);
      if (!tx) return send(404, { errors: [{ code: 'Neo.ClientError.Transaction.TransactionNotFound', message: `Transaction ${id} not found.` }] });
    }
    if (tx) touch(tx);
    if (request.method === 'DELETE' && tx) {
      tx.handle.rollback();
      end(tx);
      return send(200, {});
    }
    const data = tx ? await run(name, tx.handle, body, wantsTyped) : await oneAtATime(name, () => autoCommit(name, body, wantsTyped));
    const payload = { data: data ? { fields: data.fields, values: data.values } : { fields: [], values: [] }, bookmarks: [] };
    if (data?.notifications) payload.notifications = data.notifications;
    if (tx && commit) {
      tx.handle.commit();
      end(tx);
    } else if (tx) {
      payload.transaction = { id: tx.id, expires: new Date(Date.now() + 30000).toISOString() };
    }
    return send(202, payload);
  } catch (error) {
    // As Neo4j does, a failed statement ends its transaction.
    if (tx) {
      try { tx.handle.rollback(); } catch { /* already ended */ }
      end(tx);
    }
    const message = String(error?.message ?? error);
    return send(400, { errors: [{ code: code(message, error), message }] });
  }
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
