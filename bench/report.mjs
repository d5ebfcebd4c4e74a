#!/usr/bin/env node
// Turns a results folder of bench/run.sh into markdown: medians per scenario, ratios to the bare baseline process,
// answers that were not 2xx, bytes per response, push figures and the targets of the benchmark issues.
//   node report.mjs bench/out/<time>
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.';
const lines = (name) => (existsSync(join(dir, name))
  ? readFileSync(join(dir, name), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)) : []);
const http = lines('http.jsonl');
const cpu = new Map(lines('cpu.jsonl').map((c) => [c.label, c]));
const allPush = lines('push.jsonl');
const push = allPush.filter((r) => r.mode !== 'sustained');
const sustained = allPush.filter((r) => r.mode === 'sustained');
const kek = lines('kek.jsonl');
const discarded = lines('discarded.jsonl').filter((r) => r.rps !== undefined);
const machine = existsSync(join(dir, 'machine.txt')) ? readFileSync(join(dir, 'machine.txt'), 'utf8').trim() : '';
const seed = existsSync(join(dir, 'data/seed.json')) ? JSON.parse(readFileSync(join(dir, 'data/seed.json'), 'utf8')) : null;

const median = (xs) => {
  const v = xs.filter((x) => x !== null && x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const group = (rows, key) => rows.reduce((m, r) => {
  const k = key(r);
  (m.get(k) ?? m.set(k, []).get(k)).push(r);
  return m;
}, new Map());
const f = (x, d = 1) => (x === null || x === undefined ? '–' : Number(x).toFixed(d));
const fi = (x) => (x === null || x === undefined ? '–' : Math.round(x).toLocaleString('en-US'));
const ratio = (a, b) => (a === null || b === null || !b ? '–' : `${(a / b).toFixed(2)}×`);

const NAMES = {
  bare: 'bare baseline: separate Spring MVC process, same bytes from memory (1.00×)',
  liveness: 'the service\'s own `GET /actuator/health/liveness`',
  get: 'cached configuration GET (Redis hit), 200 services/tokens',
  'get-hot': 'cached configuration GET, one hot token',
  cond: 'conditional GET, `If-None-Match` → 304, 200 tokens',
  eff: 'effective GET `/{svc}/environments/{env}`, 200 tokens',
  'eff-hot': 'effective GET, one hot token',
  'cond-eff': 'conditional effective GET → 304, 200 tokens',
  put: 'versioned PUT (~2 KB document, new version each)',
  cred: 'credential retrieve, data-key cache off (default)',
  'bare-B': 'bare baseline, beside the service restarted with cache TTL 0 s',
  uncached: 'uncached configuration GET (cache TTL 0 s → PostgreSQL)',
  'cred-dkc': 'credential retrieve, data-key cache on',
  'cred-transit': 'credential retrieve, Vault transit stand-in as KEK, data-key cache off',
  'cred-transit-dkc': 'credential retrieve, Vault transit stand-in as KEK, data-key cache on',
};
// `--env CONFIGSERVICE_CRYPTO_DATAKEYCACHE_MAXSIZE=…` switches the data-key cache on for phase A as well
if (/DATAKEYCACHE_MAXSIZE=[1-9]/.test(machine)) NAMES.cred = 'credential retrieve, data-key cache on (--env)';
const ORDER = ['bare', 'liveness', 'get', 'get-hot', 'cond', 'eff', 'eff-hot', 'cond-eff', 'put', 'cred', 'cred-dkc',
  'bare-B', 'uncached', 'cred-transit', 'cred-transit-dkc'];

const byKey = group(http, (r) => r.label.split('#')[0]);
const stats = new Map();
for (const [key, rows] of byKey) {
  const cpus = rows.map((r) => cpu.get(r.label)).filter(Boolean);
  stats.set(key, {
    runs: rows.length, rps: median(rows.map((r) => r.rps)), p50: median(rows.map((r) => r.p50_ms)),
    p99: median(rows.map((r) => r.p99_ms)), p999: median(rows.map((r) => r.p999_ms)),
    max: median(rows.map((r) => r.max_ms)), rate: rows[0].rate,
    minRps: Math.min(...rows.map((r) => r.rps)), maxRps: Math.max(...rows.map((r) => r.rps)),
    socketErrors: rows.reduce((n, r) => n + r.errors.timeout + r.errors.connect + r.errors.read + r.errors.write, 0),
    non2xx: rows.reduce((n, r) => n + (r.non_2xx ?? r.errors.status), 0),
    unexpected: rows.reduce((n, r) => n + (r.unexpected ?? r.errors.status), 0),
    requests: rows.reduce((n, r) => n + r.requests, 0),
    bytes: median(rows.map((r) => r.bytes_per_response)),
    serviceCores: median(cpus.map((c) => c.service_cores)), wrkCores: median(cpus.map((c) => c.wrk_cores)),
    pgCores: median(cpus.map((c) => c.postgres_cores)), foreignCores: median(cpus.map((c) => c.foreign_cores)),
    transitCores: median(cpus.map((c) => c.transit_cores)), load1: median(cpus.map((c) => c.load1)),
    sealWait: median(cpus.map((c) => c.seal_wait_s)), unsealed: median(cpus.map((c) => c.unsealed_before)),
    discarded: discarded.filter((r) => r.label.split('#')[0] === key).length,
  });
}
const bare = stats.get('bare');
// phase B (a restarted service) has its own interleaved runs of the bare baseline
const PHASE_B = ['bare-B', 'uncached', 'cred-dkc'];
const reference = (key) => (PHASE_B.includes(key) && stats.has('bare-B') ? stats.get('bare-B') : bare);
const answers = (s) => `${fi(s.non2xx)}${s.unexpected ? ` (**${fi(s.unexpected)} unexpected**)` : ''}`;

const out = [];
out.push('## Machine and run', '', '```text', machine, '```', '');
if (seed) {
  out.push(`Data: ${seed.services} services × ${seed.environments} environments, average document `
    + `${seed.averageDocumentBytes} B, ${seed.credentials} credentials`
    + `${seed.credentialApi ? '' : ' (no credential API)'}; seeding took ${seed.seconds.toFixed(1)} s.`, '');
}

if (stats.size) {
  out.push('## HTTP (wrk, closed loop; medians of the runs)', '');
  out.push('`non-2xx`: answers that were not 2xx over all runs (the 304s of the conditional reads are expected, any '
    + 'other fails the harness); `socket errors`: connect/read/write errors and timeouts; `audit wait`: seconds the '
    + 'run waited for the audit backlog to be sealed, and the unsealed rows it found (medians); ratios of the runs '
    + 'after the restart (cache TTL 0 s) are to the bare baseline runs of that phase; `server cores`: CPU of the '
    + 'process under test (the service, or the bare process for the bare baseline).', '');
  out.push('| scenario | runs | req/s (min–max) | × bare | p50 ms | p99 ms | × bare | p99.9 ms | non-2xx '
    + '| socket errors | B/resp | server cores | PostgreSQL cores | wrk cores | others\' cores (runs repeated) '
    + '| audit wait s (unsealed rows) |');
  out.push('| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |');
  for (const key of ORDER) {
    const s = stats.get(key);
    if (!s) continue;
    const ref = reference(key);
    out.push(`| ${NAMES[key] ?? key} | ${s.runs} | ${fi(s.rps)} (${fi(s.minRps)}–${fi(s.maxRps)}) | `
      + `${ratio(s.rps, ref?.rps)} | ${f(s.p50, 2)} | ${f(s.p99, 2)} | ${ratio(s.p99, ref?.p99)} | ${f(s.p999, 2)} | `
      + `${answers(s)} | ${s.socketErrors} | ${fi(s.bytes)} | ${f(s.serviceCores, 2)} | ${f(s.pgCores, 2)} | `
      + `${f(s.wrkCores, 2)} | ${f(s.foreignCores, 2)} (${s.discarded}) | ${f(s.sealWait, 0)} (${fi(s.unsealed)}) |`);
  }
  out.push('');
  const paced = ['paced-get', 'paced-bare'].filter((k) => stats.has(k));
  if (paced.length) {
    out.push('## Fixed rate (wrk + pacing Lua script; latency from send, no coordinated-omission correction)', '');
    out.push('| scenario | target req/s | achieved req/s | p50 ms | p99 ms | p99.9 ms | max ms | non-2xx | socket errors '
      + '| B/resp | server cores |');
    out.push('| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |');
    for (const key of paced) {
      const s = stats.get(key);
      out.push(`| ${key === 'paced-get' ? 'cached configuration GET' : 'bare baseline'} | ${fi(s.rate)} | ${fi(s.rps)} | `
        + `${f(s.p50, 2)} | ${f(s.p99, 2)} | ${f(s.p999, 2)} | ${f(s.max, 1)} | ${answers(s)} | ${s.socketErrors} | `
        + `${fi(s.bytes)} | ${f(s.serviceCores, 2)} |`);
    }
    out.push('');
  }
}

// a markdown table: columns as [title, 'l' | 'r'], rows as arrays of cells
const table = (columns, rows) => {
  out.push(`| ${columns.map(([title]) => title).join(' | ')} |`,
    `| ${columns.map(([, align]) => (align === 'r' ? '--:' : '---')).join(' | ')} |`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`), '');
};

const kekBy = group(kek, (r) => r.label.split('#')[0]);
const kekPerRead = (key) => (kekBy.has(key) ? median(kekBy.get(key).map((r) => r.kek_calls_per_read)) : null);
const transitKeys = ['cred-transit', 'cred-transit-dkc'].filter((key) => stats.has(key) && kekBy.has(key));
if (transitKeys.length) {
  out.push('## Credential retrieve with the Vault transit stand-in (a process of its own; medians of the runs)', '');
  out.push('Key encryption key calls per read: the stand-in\'s `decrypt`, `encrypt` and `rewrap` calls during a run '
    + '(`GET /stand-in/calls` before and after) over the run\'s requests; the two services run side by side on one '
    + 'database, measured interleaved. Load average: the 1-minute figure at the end of each run (median).', '');
  table([['scenario', 'l'], ['req/s', 'r'], ['p99 ms', 'r'], ['KEK calls per read', 'r'], ['calls during the runs', 'l'],
    ['service cores', 'r'], ['stand-in cores', 'r'], ['PostgreSQL cores', 'r'], ['load average', 'r']],
  transitKeys.map((key) => {
    const s = stats.get(key);
    const calls = {};
    for (const r of kekBy.get(key)) for (const [op, n] of Object.entries(r.calls)) calls[op] = (calls[op] ?? 0) + n;
    return [NAMES[key], fi(s.rps), f(s.p99, 2), f(kekPerRead(key), 4),
      `${Object.entries(calls).map(([op, n]) => `${op} ${fi(n)}`).join(', ')} over ${fi(s.requests)} reads`,
      f(s.serviceCores, 2), f(s.transitCores, 2), f(s.pgCores, 2), f(s.load1, 1)];
  }));
}

// Every version reached every session: since coalescing (a session behind the fan-out gets only the newest version
// of the configuration), no version lost after the newest a session received and the final one everywhere; results
// from before it have no `lost` and must have every delivery.
const everyVersionArrived = (r) => (r.lost === undefined ? r.deliveries === r.expectedDeliveries
  : r.lost === 0 && r.finalVersionEverywhere);
const deliveriesCell = (r) => `${fi(r.deliveries)} / ${fi(r.expectedDeliveries)}`
  + (r.lost === undefined ? '' : ` (${fi(r.coalesced)} coalesced, ${fi(r.lost)} lost)`);

if (sustained.length) {
  out.push('## Push, sustained writes (overlapping fan-outs; commit → frame)', '');
  table([['subscribers', 'r'], ['connected', 'r'], ['writes (every ms, for s), failed', 'r'],
    ['deliveries / expected (= deliveries + coalesced)', 'r'],
    ['p50 ms', 'r'], ['p99 ms', 'r'], ['max ms', 'r'], ['write answer p50 / p99 ms', 'r'],
    ['live heap with N sessions MB', 'r'], ['heap after the writes MB', 'r']],
  sustained.map((r) => [fi(r.subscribers), fi(r.connected),
    `${fi(r.writes)} (${r.periodMs}, ${r.durationS}), ${fi(r.writesFailed)}`,
    deliveriesCell(r), f(r.p50_ms, 0), f(r.p99_ms, 0), f(r.max_ms, 0),
    `${f(r.writeResponseMedian_ms, 0)} / ${f(r.writeResponseP99_ms, 0)}`, fi(r.liveHeapWithSessionsMB),
    fi(r.heapAfterWritesMB)]));
}

const pushBy = group(push, (r) => r.subscribers);
if (pushBy.size) {
  out.push('## Push (STOMP, one topic, commit → frame; medians of the runs)', '');
  out.push('| subscribers | runs | connected | deliveries / expected | p50 ms | p99 ms | p99.9 ms | max ms '
    + '| last subscriber (median per write) ms | live heap with N sessions MB | heap per session KB |');
  out.push('| --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |');
  for (const [n, rows] of [...pushBy.entries()].sort((a, b) => a[0] - b[0])) {
    out.push(`| ${fi(n)} | ${rows.length} | ${fi(median(rows.map((r) => r.connected)))} | `
      + `${fi(median(rows.map((r) => r.deliveries)))} / ${fi(median(rows.map((r) => r.expectedDeliveries)))} | `
      + `${f(median(rows.map((r) => r.p50_ms)), 0)} | ${f(median(rows.map((r) => r.p99_ms)), 0)} | `
      + `${f(median(rows.map((r) => r.p999_ms)), 0)} | ${f(median(rows.map((r) => r.max_ms)), 0)} | `
      + `${f(median(rows.map((r) => r.lastDeliveryMedian_ms)), 0)} | ${fi(median(rows.map((r) => r.liveHeapWithSessionsMB)))} | `
      + `${f(median(rows.map((r) => r.liveHeapPerSessionKB)), 1)} |`);
  }
  out.push('');
}

// targets of the benchmark issues (19: against the bare baseline process; 8: absolute)
const T = [];
const verdict = (ok) => (ok === null ? 'not measured' : ok ? 'met' : 'missed');
for (const [keys, share, what] of [[['get', 'get-hot'], 0.5, 'Cached own-document GET'],
  [['eff', 'eff-hot'], 0.45, 'Effective GET'], [['cond', 'cond-eff'], 0.6, 'Conditional GET answered 304']]) {
  const measured = keys.filter((k) => stats.has(k));
  T.push([`${what} ≥ ${share}× bare (${keys.join(', ')})`,
    bare && measured.length ? measured.map((k) => `${k} ${(stats.get(k).rps / bare.rps).toFixed(2)}×`).join(', ') : '–',
    bare && measured.length === keys.length ? verdict(measured.every((k) => stats.get(k).rps >= share * bare.rps))
      : verdict(null)]);
}
const pg = stats.get('paced-get');
const put = stats.get('put');
const cdk = stats.get('cred-dkc');
T.push(['Cached GET p99 ≤ 10 ms at 70 % of max', pg ? `${f(pg.p99, 2)} ms at ${fi(pg.rate)} req/s` : '–',
  verdict(pg ? pg.p99 <= 10 && pg.rps >= 0.95 * pg.rate : null)]);
T.push(['Versioned writes ≥ 800/s', put ? `${fi(put.rps)}/s` : '–', verdict(put ? put.rps >= 800 : null)]);
T.push(['Credential retrieve ≥ 5,000/s with the data-key cache', cdk ? `${fi(cdk.rps)}/s` : '–',
  verdict(cdk ? cdk.rps >= 5000 : null)]);
const ton = stats.get('cred-transit-dkc');
const toff = stats.get('cred-transit');
T.push(['Credential retrieve with Vault transit: cache on ≥ 5,000/s and ≥ 5× off', ton && toff
  ? `on ${fi(ton.rps)}/s (${f(kekPerRead('cred-transit-dkc'), 4)} KEK calls per read), off ${fi(toff.rps)}/s `
    + `(${f(kekPerRead('cred-transit'), 4)}), ${(ton.rps / toff.rps).toFixed(1)}×` : '–',
  verdict(ton && toff ? ton.rps >= 5000 && ton.rps >= 5 * toff.rps : null)]);
const p1k = pushBy.get(1000);
T.push(['Push p99 ≤ 50 ms with 1,000 subscribers', p1k ? `${f(median(p1k.map((r) => r.p99_ms)), 0)} ms` : '–',
  verdict(p1k ? median(p1k.map((r) => r.p99_ms)) <= 50 && p1k.every((r) => everyVersionArrived(r) && r.connected === 1000) : null)]);
const p10k = pushBy.get(10000);
T.push(['Push p99 ≤ 1 s with 10,000 on one topic', p10k ? `${f(median(p10k.map((r) => r.p99_ms)), 0)} ms, `
  + `${fi(median(p10k.map((r) => r.connected)))} connected` : '–',
  verdict(p10k ? median(p10k.map((r) => r.p99_ms)) <= 1000 && median(p10k.map((r) => r.connected)) === 10000 : null)]);
for (const r of sustained) {
  T.push([`Push, ${fi(r.subscribers)} subscribers, a write every ${r.periodMs} ms for ${r.durationS} s: every `
    + 'session gets the final version and loses none, p99 ≤ 1 s', `${deliveriesCell(r)}, p99 ${f(r.p99_ms, 0)} ms`,
  verdict(everyVersionArrived(r) && r.connected === r.subscribers && !r.writesFailed
    && r.p99_ms <= 1000)]);
}
const big = [...pushBy.entries()].filter(([n]) => n >= 20000).flatMap(([, r]) => r);
const largest = [...pushBy.entries()].sort((a, b) => b[0] - a[0])[0];
T.push(['≥ 20,000 subscribers on one instance, heap ≤ 4 GB', big.length
  ? `${fi(median(big.map((r) => r.connected)))} connected, ${fi(median(big.map((r) => r.liveHeapWithSessionsMB)))} MB live heap`
  : largest ? `largest run: ${fi(median(largest[1].map((r) => r.connected)))} connected, `
    + `${fi(median(largest[1].map((r) => r.liveHeapWithSessionsMB)))} MB live heap` : '–',
  verdict(big.length ? median(big.map((r) => r.connected)) >= 20000 && median(big.map((r) => r.heapWithSessionsMB)) <= 4096 : null)]);
out.push('## Targets (issues 19 and 8)', '', '| target | measured | verdict |', '| --- | --- | --- |');
for (const [t, m, v] of T) out.push(`| ${t} | ${m} | ${v} |`);
out.push('');
console.log(out.join('\n'));
