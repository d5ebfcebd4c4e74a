#!/usr/bin/env node
// Push benchmark: opens N STOMP-over-WebSocket sessions, each subscribed to one topic, makes W configuration
// writes through the REST API, and measures commit -> frame latency from each event's `timestamp` (the commit
// time in epoch ms) to the moment the frame arrives here. Acknowledges every message (SEND /app/ack {"id"}) so
// redelivery does not distort the figures, and reads the service's heap with the N sessions open.
//
//   node push-client.mjs --base http://127.0.0.1:18011 --admin-token T [--subscribers 1000] [--writes 20]
//        [--warmup-writes W0] [--interval-ms 500] [--addresses 32] [--connect-concurrency 200]
//        [--service bench-push] [--environment production] [--pid SERVICE_PID] [--heartbeat-ms 10000]
//        [--label NAME] [--out results.jsonl] [--no-ack (diagnostic: measure without acknowledging)]
//        [--period-ms P --duration-s D]
//
// By default the measured writes go one at a time, each --interval-ms after the previous one's answer. With
// --period-ms and --duration-s they are sustained instead: one write every P ms for D s on a fixed schedule, each
// sent at its slot whether or not earlier ones have answered, so fan-outs overlap (issue 19: 10,000 subscribers, a
// write every 50 ms for a minute); the result then also has the writes' schedule lag and answer times, and the writes
// that failed (counted, not fatal: every version made counts).
//
// Deliveries: the service coalesces the frames of one configuration that queue up for a session (a session behind
// the fan-out is sent only the newest version, see docs/PUSH.md), so a session may legitimately skip versions. Per
// run: `deliveries` (measured versions received, a redelivery counted once), `coalesced` (versions a session did not
// receive although it received a newer one), `expectedDeliveries` = deliveries + coalesced, `lost` (versions after
// the newest a session received: a missing final version is lost, never coalesced), `versionsTimesSessions`, and
// `sessionsWithFinalVersion` / `finalVersionEverywhere` (whether every session received the final version).
//
// Source addresses: session i connects from 127.0.0.(2 + i % addresses), so one (source, destination) pair never
// needs more than ~28k ephemeral ports, and no address opens more WebSocket handshakes than the service's limit for
// requests without a token allows (200/s per address by default; with 8 addresses a fast start of 10,000 sessions
// was answered 429 in part). Raise `ulimit -n` above N + a few hundred before starting this (run.sh does).
// With --pid, the heap is also read after `jcmd PID GC.run` (live heap with N sessions).
// One line of JSON with the results goes to stdout and, with --out, is appended to that file.
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import WebSocket from 'ws';

const args = parseArgs(process.argv.slice(2));
const base = (args.base ?? 'http://127.0.0.1:18011').replace(/\/$/, '');
const wsUrl = base.replace(/^http/, 'ws') + '/ws';
const admin = args['admin-token'] ?? process.env.CONFIG_ADMIN_TOKEN;
const subscribers = Number(args.subscribers ?? 1000);
const writes = Number(args.writes ?? 20);
// Warm-up writes are not measured: by default enough for ~30,000 deliveries (at least 3), so that the JIT has
// compiled the fan-out and acknowledgment paths before the measured writes (with 1,000 subscribers and 3 warm-up
// writes the per-delivery cost was ~2.5x that of a warm service). They are spaced by 200 ms (more with more than
// 4,000 subscribers), and the first measured write waits the full interval after the last of them.
const warmupWrites = Number(args['warmup-writes'] ?? Math.max(3, Math.ceil(30000 / subscribers)));
const intervalMs = Number(args['interval-ms'] ?? Math.max(300, Math.ceil(subscribers / 10)));
const warmupIntervalMs = Math.min(intervalMs, Math.max(200, Math.ceil(subscribers / 20)));
const addresses = Number(args.addresses ?? 32);
const connectConcurrency = Number(args['connect-concurrency'] ?? 200);
const serviceId = args.service ?? 'bench-push';
const environment = args.environment ?? 'production';
const heartbeatMs = Number(args['heartbeat-ms'] ?? 10000);
const pid = args.pid;
const label = args.label ?? `push-${subscribers}`;
const topic = `/topic/config.${serviceId}.${environment}`;
const settleMs = Number(args['settle-ms'] ?? 10000);
const ack = args['no-ack'] === undefined; // --no-ack: diagnostic only (redelivery after the ack timeout)
const periodMs = args['period-ms'] === undefined ? null : Number(args['period-ms']);
const durationS = Number(args['duration-s'] ?? 60);
const sustained = periodMs !== null;
const measuredWrites = sustained ? Math.floor((durationS * 1000) / periodMs) : writes;

if (!admin) {
  fail('an admin token is needed: --admin-token or CONFIG_ADMIN_TOKEN');
}

// ---- set-up through the REST API: the configuration to write to and a token of that service -----------------
const created = await rest('POST', `/configurations/${serviceId}?environment=${environment}`, admin,
  { configuration: { pushBench: { seq: 0 } }, changeReason: 'push benchmark' });
if (![201, 409].includes(created.status)) {
  fail(`creating ${serviceId}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
}
const issued = await rest('POST', '/tokens', admin, { serviceId, description: 'push benchmark' });
if (issued.status !== 201 && issued.status !== 200) {
  fail(`issuing a token: HTTP ${issued.status} ${JSON.stringify(issued.body)}`);
}
const serviceToken = issued.body.data.token;

// versions start after the current one: deliveries are deduplicated per session by version
const current = await rest('GET', `/configurations/${serviceId}?environment=${environment}`, admin);
if (current.status !== 200) {
  fail(`reading ${serviceId}: HTTP ${current.status} ${JSON.stringify(current.body)}`);
}
const baseVersion = current.body.data.version;
const versionSpan = warmupWrites + measuredWrites + 16;

const heapBefore = await metrics();
let liveHeapBefore = null;
if (pid) {
  liveHeapBefore = await liveHeap();
}

// ---- sessions ------------------------------------------------------------------------------------------------
const sessions = [];
const deliveries = new Deliveries(); // version and commit -> frame ms of every delivery (deduplicated per session)
const measuredVersions = new Set();
let duplicates = 0;
let frames = 0;
let errors = 0;
let closedEarly = 0;
const errorSamples = [];
let acking = true;
const pendingAcks = [];         // [session, event id] to acknowledge (see queueAck)

const connectStart = Date.now();
let connected = 0;
let failedConnects = 0;
let attempted = 0;
// The REST calls below reuse this process's keep-alive HTTP connection: poll it while the sessions open, so that it
// is still there if the server reaches its connection limit (Tomcat's max-connections) and accepts no new ones.
const keepAlive = setInterval(() => { metrics().catch(() => {}); }, 2000); // undici drops idle ones after 4 s
{
  let next = 0;
  const maxFailures = Math.max(20, Math.ceil(subscribers * 0.01));
  const workers = Array.from({ length: Math.min(connectConcurrency, subscribers) }, async () => {
    while (next < subscribers && failedConnects < maxFailures) {
      const i = next++;
      attempted++;
      try {
        sessions[i] = await openSession(i);
        connected++;
      } catch (e) {
        failedConnects++;
        if (errorSamples.length < 5) errorSamples.push(String(e.message ?? e));
      }
    }
  });
  await Promise.all(workers);
}
clearInterval(keepAlive);
const connectSeconds = (Date.now() - connectStart) / 1000;
log(`${connected}/${subscribers} sessions connected and subscribed in ${connectSeconds.toFixed(1)} s`
  + (failedConnects ? ` (${failedConnects} failed, stopped after ${attempted} attempts: ${errorSamples[0]})` : ''));

// the server counts subscriptions; wait until it has them all
let serverSubscriptions = null;
for (let i = 0; i < 100; i++) {
  const m = await metrics();
  serverSubscriptions = m.subscriptions;
  if (m.subscriptions !== null && m.subscriptions >= connected) break;
  await sleep(100);
}

const heapWithSessions = await metrics();
let liveHeapWithSessions = null;
if (pid) {
  liveHeapWithSessions = await liveHeap();
}

// ---- writes --------------------------------------------------------------------------------------------------
const writeResults = [];
const failedWrites = [];
// A sequential write that fails stops the run; a sustained one is counted (its slot passes) and the run goes on.
async function write(w, measured) {
  const sent = Date.now();
  let res;
  try {
    res = await rest('PATCH',
      `/configurations/${serviceId}?environment=${environment}&changeReason=push-benchmark`, admin,
      { pushBench: { seq: `${Date.now()}-${w}` } }, 'application/merge-patch+json');
  } catch (e) {
    res = { status: 0, body: String(e.message ?? e) };
  }
  if (res.status !== 200) {
    if (!(sustained && measured)) {
      fail(`write ${w}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    }
    failedWrites.push(`write ${w}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    return;
  }
  const version = res.body.data.version;
  if (measured) measuredVersions.add(version);
  writeResults.push({ version, responseMs: Date.now() - sent, measured });
}
for (let w = 0; w < warmupWrites + (sustained ? 0 : writes); w++) {
  const measured = w >= warmupWrites;
  await write(w, measured);
  await sleep(measured || w === warmupWrites - 1 ? intervalMs : warmupIntervalMs);
}
const scheduleLags = [];
let writesStart = Date.now();
let writesSeconds = null;
if (sustained) {
  // one write per slot, sent at its slot (or at once when the event loop is late) without waiting for the others
  const inFlight = [];
  writesStart = Date.now();
  for (let k = 0; k < measuredWrites; k++) {
    const slot = writesStart + k * periodMs;
    const wait = slot - Date.now();
    if (wait > 0) await sleep(wait);
    scheduleLags.push(Date.now() - slot);
    inFlight.push(write(warmupWrites + k, true));
  }
  await Promise.all(inFlight);
  writesSeconds = (Date.now() - writesStart) / 1000;
}

// The measured writes made the newest versions, one after another (a range check instead of a set look-up per
// delivery). A write whose answer was lost (a timeout) may still have made a version inside the range: it counts,
// as every version made is to be delivered to every session.
if (measuredVersions.size === 0) {
  fail(`no measured write succeeded: ${failedWrites[0]}`);
}
const firstMeasured = Math.min(...measuredVersions);
const lastMeasured = Math.max(...measuredVersions);
const versionsTimesSessions = connected * (lastMeasured - firstMeasured + 1);
const isMeasured = (version) => version >= firstMeasured && version <= lastMeasured;
const measuredCount = () => deliveries.count(isMeasured);
// Wait for the stragglers: until every session has the final version. The service coalesces the frames of one
// configuration that queue up for a session (only the newest is sent), so a session may skip versions, but it never
// receives an older one after a newer: once it has the final version, nothing more of the measured range will come.
const openSessions = sessions.filter(Boolean);
const sessionsWithFinal = () => openSessions.filter((s) => received(s, lastMeasured)).length;
const waitUntil = Date.now() + settleMs;
while (sessionsWithFinal() < openSessions.length && Date.now() < waitUntil) {
  await sleep(100);
}
acking = false;
// Per session: a version it did not receive but followed by a newer one it did was coalesced (legitimately skipped);
// the versions after the newest it received are lost (the final version is what must always arrive).
let coalesced = 0;
let lost = 0;
for (const s of openSessions) {
  let newest = null;
  for (let v = lastMeasured; v >= firstMeasured; v--) {
    if (received(s, v)) {
      newest = v;
      break;
    }
  }
  if (newest === null) {
    lost += lastMeasured - firstMeasured + 1;
    continue;
  }
  lost += lastMeasured - newest;
  for (let v = firstMeasured; v < newest; v++) {
    if (!received(s, v)) coalesced++;
  }
}
const finalEverywhere = sessionsWithFinal();

// ---- results -------------------------------------------------------------------------------------------------
const latencies = new Float64Array(measuredCount());
const perVersion = new Map(); // version -> { first, last } delivery latency
let filled = 0;
deliveries.forEach((version, latency) => {
  if (!isMeasured(version)) return;
  latencies[filled++] = latency;
  const s = perVersion.get(version) ?? { first: Infinity, last: -Infinity };
  s.first = Math.min(s.first, latency);
  s.last = Math.max(s.last, latency);
  perVersion.set(version, s);
});
latencies.sort();
const fanOut = [...perVersion.values()].map((s) => s.last).sort((a, b) => a - b);
const firstDelivery = [...perVersion.values()].map((s) => s.first).sort((a, b) => a - b);
const heapAfter = await metrics();
const result = {
  label, subscribers, acknowledged: ack, connected, attempted, failedConnects, connectSeconds, addresses,
  writes: measuredWrites, writesFailed: failedWrites.length, versionsMade: lastMeasured - firstMeasured + 1,
  firstFailedWrite: failedWrites[0] ?? null, warmupWrites, intervalMs: sustained ? null : intervalMs,
  mode: sustained ? 'sustained' : 'sequential', periodMs, durationS: sustained ? durationS : null, writesSeconds,
  scheduleLagMax_ms: scheduleLags.length ? Math.max(...scheduleLags) : null,
  heartbeatMs, expectedDeliveries: latencies.length + coalesced, deliveries: latencies.length, coalesced, lost,
  versionsTimesSessions, sessionsWithFinalVersion: finalEverywhere,
  finalVersionEverywhere: finalEverywhere === connected, duplicates, errors, closedEarly,
  p50_ms: pct(latencies, 50), p90_ms: pct(latencies, 90), p99_ms: pct(latencies, 99), p999_ms: pct(latencies, 99.9),
  max_ms: latencies.length ? latencies[latencies.length - 1] : null,
  firstDeliveryMedian_ms: pct(firstDelivery, 50),
  lastDeliveryMedian_ms: pct(fanOut, 50), lastDeliveryMax_ms: fanOut.length ? fanOut[fanOut.length - 1] : null,
  writeResponseMedian_ms: pct(writeResults.filter((r) => r.measured).map((r) => r.responseMs).sort((a, b) => a - b), 50),
  writeResponseP99_ms: pct(writeResults.filter((r) => r.measured).map((r) => r.responseMs).sort((a, b) => a - b), 99),
  serverSessions: heapWithSessions.sessions, serverSubscriptions,
  heapBeforeMB: mb(heapBefore.heap), heapWithSessionsMB: mb(heapWithSessions.heap),
  liveHeapBeforeMB: mb(liveHeapBefore), liveHeapWithSessionsMB: mb(liveHeapWithSessions),
  liveHeapPerSessionKB: liveHeapBefore !== null && liveHeapWithSessions !== null && connected > 0
    ? Math.round((liveHeapWithSessions - liveHeapBefore) / connected / 1024 * 10) / 10 : null,
  heapAfterWritesMB: mb(heapAfter.heap),
  ackTimeouts: heapAfter.ackTimeouts, redeliveries: heapAfter.redeliveries,
  errorSamples,
};
const line = JSON.stringify(result);
console.log(line);
if (args.out) appendFileSync(args.out, line + '\n');

for (const s of sessions) {
  if (s) {
    try {
      s.ws.send('DISCONNECT\n\n\0');
      s.ws.close();
    } catch { /* closing anyway */ }
  }
}
await sleep(500);
for (const s of sessions) s?.ws.terminate();
process.exit(0);

// ---- STOMP ---------------------------------------------------------------------------------------------------
function openSession(i) {
  return new Promise((resolve, reject) => {
    const localAddress = `127.0.0.${2 + (i % addresses)}`;
    const ws = new WebSocket(wsUrl, { localAddress, handshakeTimeout: 15000, perMessageDeflate: false });
    const session = { ws, subscribed: false, timer: null };
    let settled = false;
    const done = (err) => {
      if (settled) return;
      settled = true;
      if (err) {
        ws.terminate();
        reject(err);
      } else {
        resolve(session);
      }
    };
    ws.on('open', () => {
      ws.send(`CONNECT\naccept-version:1.2\nhost:127.0.0.1\nX-Service-Token:${serviceToken}\n`
        + `heart-beat:${heartbeatMs},${heartbeatMs}\n\n\0`);
    });
    ws.on('message', (raw) => {
      const received = Date.now();
      const text = raw.toString();
      for (const frame of text.split('\0')) {
        if (frame.trim() === '') continue; // heart-beat
        onFrame(session, parseFrame(frame), received, i, done);
      }
    });
    ws.on('error', (e) => {
      errors++;
      done(e);
    });
    ws.on('close', () => {
      if (session.timer) clearInterval(session.timer);
      if (!settled) done(new Error('closed before subscribing'));
      else if (acking) closedEarly++;
    });
  });
}

function onFrame(session, frame, received, i, done) {
  switch (frame.command) {
    case 'CONNECTED': {
      session.ws.send(`SUBSCRIBE\nid:sub-${i}\ndestination:${topic}\nack:auto\n\n\0`);
      session.subscribed = true;
      if (heartbeatMs > 0) {
        // stagger the heart-beats over the interval
        setTimeout(() => {
          session.timer = setInterval(() => {
            if (session.ws.readyState === WebSocket.OPEN) session.ws.send('\n');
          }, heartbeatMs);
        }, Math.floor(Math.random() * heartbeatMs));
      }
      done();
      break;
    }
    case 'MESSAGE': {
      frames++;
      let event;
      try {
        event = JSON.parse(frame.body);
      } catch {
        errors++;
        return;
      }
      if (ack && acking && event.id) {
        queueAck(session, event.id);
      }
      const version = event.data?.version;
      if (seenBefore(session, version)) {
        duplicates++;
        return;
      }
      deliveries.push(version, received - event.timestamp);
      break;
    }
    case 'ERROR':
      errors++;
      if (errorSamples.length < 5) errorSamples.push(`ERROR ${frame.headers.message ?? ''}`);
      done(new Error(`STOMP ERROR: ${frame.headers.message ?? frame.body}`));
      break;
    default:
      break;
  }
}

// Acknowledgments go out after every frame that is already readable has been timestamped (setImmediate runs after
// the poll phase): this one process stands in for N independent subscribers, and an ack sent by subscriber i must not
// delay the arrival time recorded for subscriber i+1. Every message is still acknowledged, within the same turn of
// the event loop.
function queueAck(session, id) {
  if (pendingAcks.length === 0) setImmediate(flushAcks);
  pendingAcks.push([session, id]);
}
function flushAcks() {
  for (const [session, id] of pendingAcks.splice(0)) {
    if (session.ws.readyState === WebSocket.OPEN) {
      session.ws.send(`SEND\ndestination:/app/ack\ncontent-type:application/json\n\n{"id":"${id}"}\0`);
    }
  }
}

function parseFrame(text) {
  const clean = text.replace(/^\n+/, '');
  const split = clean.indexOf('\n\n');
  const head = split >= 0 ? clean.slice(0, split) : clean;
  const body = split >= 0 ? clean.slice(split + 2) : '';
  const [command, ...lines] = head.split('\n');
  const headers = {};
  for (const l of lines) {
    const c = l.indexOf(':');
    if (c > 0 && !(l.slice(0, c) in headers)) headers[l.slice(0, c)] = l.slice(c + 1);
  }
  return { command: command.trim(), headers, body };
}

// A session has seen a version (a redelivery, for example after an ack timeout, is counted once): one bit per version
// written by this run, so that 10,000 sessions x 1,200 writes stay a few MB.
function seenBefore(session, version) {
  const i = version - baseVersion - 1;
  if (!Number.isInteger(i) || i < 0 || i >= versionSpan) {
    session.other ??= new Set();
    if (session.other.has(version)) return true;
    session.other.add(version);
    return false;
  }
  session.bits ??= new Uint8Array(Math.ceil(versionSpan / 8));
  const mask = 1 << (i & 7);
  if (session.bits[i >> 3] & mask) return true;
  session.bits[i >> 3] |= mask;
  return false;
}

/** Whether the session received this version of the run (deduplicated, see seenBefore). */
function received(session, version) {
  const i = version - baseVersion - 1;
  if (!Number.isInteger(i) || i < 0 || i >= versionSpan) return session.other?.has(version) ?? false;
  return session.bits !== undefined && (session.bits[i >> 3] & (1 << (i & 7))) !== 0;
}

// ---- helpers -------------------------------------------------------------------------------------------------
/** Deliveries in growing typed arrays: millions of [version, latency] pairs would not fit as JavaScript arrays. */
function Deliveries() {
  let versions = new Float64Array(1 << 16);
  let latencies = new Float64Array(1 << 16);
  let size = 0;
  return {
    push(version, latency) {
      if (size === versions.length) {
        const v = new Float64Array(size * 2);
        const l = new Float64Array(size * 2);
        v.set(versions);
        l.set(latencies);
        versions = v;
        latencies = l;
      }
      versions[size] = version ?? NaN;
      latencies[size++] = latency;
    },
    count(predicate) {
      let n = 0;
      for (let i = 0; i < size; i++) if (predicate(versions[i])) n++;
      return n;
    },
    forEach(fn) {
      for (let i = 0; i < size; i++) fn(versions[i], latencies[i]);
    },
  };
}

async function rest(method, path, token, body, contentType = 'application/json') {
  const res = await fetch(`${base}/api/v1${path}`, {
    signal: AbortSignal.timeout(60000),
    method,
    headers: { 'X-Service-Token': token, 'Content-Type': contentType },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
  return { status: res.status, body: parsed };
}

/** Heap in use (sum over heap pools) and the push gauges, from /actuator/prometheus. */
async function metrics() {
  try {
    const text = await (await fetch(`${base}/actuator/prometheus`, { signal: AbortSignal.timeout(10000) })).text();
    let heap = 0;
    const gauge = (name) => {
      const m = text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.eE+-]+)$`, 'm'));
      return m ? Number(m[1]) : null;
    };
    for (const l of text.split('\n')) {
      if (l.startsWith('jvm_memory_used_bytes{') && l.includes('area="heap"')) {
        heap += Number(l.slice(l.lastIndexOf(' ') + 1));
      }
    }
    return {
      heap, sessions: gauge('configservice_push_sessions'), subscriptions: gauge('configservice_push_subscriptions'),
      ackTimeouts: gauge('configservice_push_ack_timeouts_total'), redeliveries: gauge('configservice_push_redeliveries_total'),
    };
  } catch {
    return { heap: null, sessions: null, subscriptions: null, ackTimeouts: null, redeliveries: null };
  }
}

/** Heap in use right after a full GC (jcmd PID GC.run): the live set. */
async function liveHeap() {
  try {
    execFileSync('jcmd', [String(pid), 'GC.run'], { stdio: 'ignore', timeout: 60000 });
    await sleep(300);
    return (await metrics()).heap;
  } catch (e) {
    log(`jcmd GC.run failed: ${e.message}`);
    return null;
  }
}

function pct(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
function mb(bytes) {
  return bytes === null || bytes === undefined ? null : Math.round(bytes / 1048576);
}
function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
function log(message) {
  console.error(`push: ${message}`);
}
function parseArgs(argv) {
  const parsed = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      const name = argv[i].slice(2);
      parsed[name] = argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[++i] : 'true';
    }
  }
  return parsed;
}
function fail(message) {
  console.error(`push: ${message}`);
  process.exit(1);
}
