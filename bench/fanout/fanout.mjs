// Fan-out cost of one write (issue 14, item 6): a parent environment with N child environments and a document of K
// keys, against the same write to an environment without children, interleaved in one run.
//
//   node bench/fanout/fanout.mjs --url http://127.0.0.1:18013 --token <admin token> [--children 50] [--keys 2000]
//        [--warmup-seconds 60] [--writes 200] [--schema]
//
// Every write replaces the whole K-key document with one member changed, so the parent write changes the effective
// configuration of the parent and of every child (N + 1 revisions, log rows and outbox events in its transaction),
// and the leaf write changes one. With --schema the service has a JSON Schema, checked against every changed
// effective configuration. Prints one JSON line with the latency percentiles of both and their ratio.

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true]);
  return pairs;
}, []));
const url = args.url ?? 'http://127.0.0.1:18013';
const token = args.token;
const children = Number(args.children ?? 50);
const keys = Number(args.keys ?? 2000);
const warmupSeconds = Number(args['warmup-seconds'] ?? 60);
const writes = Number(args.writes ?? 200);
if (!token) throw new Error('--token is required');

const run = Date.now().toString(36);
const service = `fanout-${run}`;
const parent = `fan-${run}`;
const leaf = `leaf-${run}`;

async function call(method, path, body, expected) {
  const response = await fetch(url + path, {
    method,
    headers: { 'X-Service-Token': token, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!expected.includes(response.status)) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return { status: response.status, bytes: text.length };
}

function documentWith(counter) {
  const document = {};
  for (let i = 0; i < keys; i++) {
    const section = `section${i % 40}`;
    (document[section] ??= {})[`key${i}`] = `value-${i}`;
  }
  document.section0.counter = counter;
  return document;
}

async function write(environment, counter) {
  const started = process.hrtime.bigint();
  await call('PUT', `/api/v1/configurations/${service}/environments/${environment}`,
    { configuration: documentWith(counter), changeReason: 'fan-out bench' }, [200]);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: +percentile(sorted, 0.5).toFixed(1), p99: +percentile(sorted, 0.99).toFixed(1),
    max: +sorted[sorted.length - 1].toFixed(1) };
}

await call('POST', '/api/v1/environments', { id: parent, name: 'fan-out parent', type: 'staging' }, [201]);
await call('POST', '/api/v1/environments', { id: leaf, name: 'fan-out leaf', type: 'staging' }, [201]);
for (let i = 0; i < children; i++) {
  await call('POST', '/api/v1/environments', { id: `${parent}-c${i}`, name: 'child', type: 'production',
    inheritsFrom: [parent] }, [201]);
}
if (args.schema) {
  await call('PUT', `/api/v1/configurations/${service}/schema`, { type: 'object', required: ['section0'],
    properties: { section0: { type: 'object', required: ['counter'], properties: { counter: { type: 'integer' } } } },
    additionalProperties: { type: 'object', additionalProperties: { type: 'string' } } }, [200]);
}
// Every child gets a one-key layer of its own, so each has an effective configuration of K + 1 keys.
await write(parent, 0);
await write(leaf, 0);
for (let i = 0; i < children; i++) {
  await call('PUT', `/api/v1/configurations/${service}/environments/${parent}-c${i}`,
    { configuration: { section1: { own: `child-${i}` } } }, [200]);
}

let counter = 1;
const warmupEnd = Date.now() + warmupSeconds * 1000;
while (Date.now() < warmupEnd) {
  await write(parent, counter++);
  await write(leaf, counter++);
}
const parentSamples = [];
const leafSamples = [];
for (let i = 0; i < writes; i++) {
  parentSamples.push(await write(parent, counter++));
  leafSamples.push(await write(leaf, counter++));
}
const check = await call('GET', `/api/v1/configurations/${service}/environments/${parent}-c${children - 1}`,
  undefined, [200]);
const documentBytes = JSON.stringify(documentWith(counter)).length;
const parentSummary = summary(parentSamples);
const leafSummary = summary(leafSamples);
console.log(JSON.stringify({
  children, keys, schema: Boolean(args.schema), documentBytes, lastChildReadBytes: check.bytes,
  parentWrite: parentSummary, leafWrite: leafSummary,
  p50Ratio: +(parentSummary.p50 / leafSummary.p50).toFixed(2), p99Ratio: +(parentSummary.p99 / leafSummary.p99).toFixed(2),
}));
