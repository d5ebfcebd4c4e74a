#!/usr/bin/env node
// Turns a results folder of bench/run.sh into markdown: medians per scenario, ratios to the bare endpoint, push
// figures and the targets of the benchmark issue.   node report.mjs bench/out/<time>
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.';
const lines = (name) => (existsSync(join(dir, name))
  ? readFileSync(join(dir, name), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)) : []);
const http = lines('http.jsonl');
const cpu = new Map(lines('cpu.jsonl').map((c) => [c.label, c]));
const push = lines('push.jsonl');
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
  bare: 'bare JSON endpoint `GET /actuator/health/liveness` (ceiling)',
  get: 'cached configuration GET (Redis hit)',
  cond: 'conditional GET, `If-None-Match` → 304',
  put: 'versioned PUT (~2 KB document, new version each)',
  cred: 'credential retrieve, data-key cache off (default)',
  'bare-B': 'bare endpoint, restarted with cache TTL 0 s (reference)',
  uncached: 'uncached configuration GET (cache TTL 0 s → PostgreSQL)',
  'cred-dkc': 'credential retrieve, data-key cache on',
};
// `--env CONFIGSERVICE_CRYPTO_DATAKEYCACHE_MAXSIZE=…` switches the data-key cache on for phase A as well
if (/DATAKEYCACHE_MAXSIZE=[1-9]/.test(machine)) NAMES.cred = 'credential retrieve, data-key cache on (--env)';
const ORDER = ['bare', 'get', 'cond', 'put', 'cred', 'cred-dkc', 'uncached', 'bare-B'];

const byKey = group(http, (r) => r.label.split('#')[0]);
const stats = new Map();
for (const [key, rows] of byKey) {
  const cpus = rows.map((r) => cpu.get(r.label)).filter(Boolean);
  stats.set(key, {
    runs: rows.length, rps: median(rows.map((r) => r.rps)), p50: median(rows.map((r) => r.p50_ms)),
    p99: median(rows.map((r) => r.p99_ms)), p999: median(rows.map((r) => r.p999_ms)),
    max: median(rows.map((r) => r.max_ms)), rate: rows[0].rate,
    minRps: Math.min(...rows.map((r) => r.rps)), maxRps: Math.max(...rows.map((r) => r.rps)),
    errors: rows.reduce((n, r) => n + r.errors.status + r.errors.timeout + r.errors.connect + r.errors.read
      + r.errors.write, 0),
    requests: rows.reduce((n, r) => n + r.requests, 0),
    bytes: median(rows.map((r) => r.bytes_per_response)),
    serviceCores: median(cpus.map((c) => c.service_cores)), wrkCores: median(cpus.map((c) => c.wrk_cores)),
    pgCores: median(cpus.map((c) => c.postgres_cores)), foreignCores: median(cpus.map((c) => c.foreign_cores)),
    discarded: discarded.filter((r) => r.label.split('#')[0] === key).length,
  });
}
const bare = stats.get('bare');

const out = [];
out.push('## Machine and run', '', '```text', machine, '```', '');
if (seed) {
  out.push(`Data: ${seed.services} services × ${seed.environments} environments, average document `
    + `${seed.averageDocumentBytes} B, ${seed.credentials} credentials`
    + `${seed.credentialApi ? '' : ' (no credential API)'}; seeding took ${seed.seconds.toFixed(1)} s.`, '');
}

if (stats.size) {
  out.push('## HTTP (wrk, closed loop; medians of the runs)', '');
  out.push('| scenario | runs | req/s (min–max) | × bare | p50 ms | × bare | p99 ms | × bare | p99.9 ms | × bare '
    + '| errors | B/resp | service cores | PostgreSQL cores | wrk cores | others\' cores (runs repeated) |');
  out.push('| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |');
  for (const key of ORDER) {
    const s = stats.get(key);
    if (!s) continue;
    out.push(`| ${NAMES[key] ?? key} | ${s.runs} | ${fi(s.rps)} (${fi(s.minRps)}–${fi(s.maxRps)}) | `
      + `${ratio(s.rps, bare?.rps)} | ${f(s.p50, 2)} | ${ratio(s.p50, bare?.p50)} | ${f(s.p99, 2)} | `
      + `${ratio(s.p99, bare?.p99)} | ${f(s.p999, 2)} | ${ratio(s.p999, bare?.p999)} | ${s.errors} | ${fi(s.bytes)} | `
      + `${f(s.serviceCores, 2)} | ${f(s.pgCores, 2)} | ${f(s.wrkCores, 2)} | ${f(s.foreignCores, 2)} (${s.discarded}) |`);
  }
  out.push('');
  const paced = ['paced-get', 'paced-bare'].filter((k) => stats.has(k));
  if (paced.length) {
    out.push('## Fixed rate (wrk + pacing Lua script; latency from send, no coordinated-omission correction)', '');
    out.push('| scenario | target req/s | achieved req/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | service cores |');
    out.push('| --- | --: | --: | --: | --: | --: | --: | --: | --: |');
    for (const key of paced) {
      const s = stats.get(key);
      out.push(`| ${key === 'paced-get' ? 'cached configuration GET' : 'bare endpoint'} | ${fi(s.rate)} | ${fi(s.rps)} | `
        + `${f(s.p50, 2)} | ${f(s.p99, 2)} | ${f(s.p999, 2)} | ${f(s.max, 1)} | ${s.errors} | ${f(s.serviceCores, 2)} |`);
    }
    out.push('');
  }
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

// targets of the benchmark issue
const T = [];
const verdict = (ok) => (ok === null ? 'not measured' : ok ? 'met' : 'missed');
const g = stats.get('get');
const pg = stats.get('paced-get');
const put = stats.get('put');
const cdk = stats.get('cred-dkc');
T.push(['Cached GET ≥ 0.7× bare req/s', g && bare ? `${(g.rps / bare.rps).toFixed(2)}×` : '–',
  verdict(g && bare ? g.rps >= 0.7 * bare.rps : null)]);
T.push(['Cached GET p99 ≤ 10 ms at 70 % of max', pg ? `${f(pg.p99, 2)} ms at ${fi(pg.rate)} req/s` : '–',
  verdict(pg ? pg.p99 <= 10 && pg.rps >= 0.95 * pg.rate : null)]);
T.push(['Versioned writes ≥ 800/s', put ? `${fi(put.rps)}/s` : '–', verdict(put ? put.rps >= 800 : null)]);
T.push(['Credential retrieve ≥ 5,000/s with the data-key cache', cdk ? `${fi(cdk.rps)}/s` : '–',
  verdict(cdk ? cdk.rps >= 5000 : null)]);
const p1k = pushBy.get(1000);
T.push(['Push p99 ≤ 50 ms with 1,000 subscribers', p1k ? `${f(median(p1k.map((r) => r.p99_ms)), 0)} ms` : '–',
  verdict(p1k ? median(p1k.map((r) => r.p99_ms)) <= 50 && p1k.every((r) => r.deliveries === r.expectedDeliveries && r.connected === 1000) : null)]);
const p10k = pushBy.get(10000);
T.push(['Push p99 ≤ 1 s with 10,000 on one topic', p10k ? `${f(median(p10k.map((r) => r.p99_ms)), 0)} ms, `
  + `${fi(median(p10k.map((r) => r.connected)))} connected` : '–',
  verdict(p10k ? median(p10k.map((r) => r.p99_ms)) <= 1000 && median(p10k.map((r) => r.connected)) === 10000 : null)]);
const big = [...pushBy.entries()].filter(([n]) => n >= 20000).flatMap(([, r]) => r);
const largest = [...pushBy.entries()].sort((a, b) => b[0] - a[0])[0];
T.push(['≥ 20,000 subscribers on one instance, heap ≤ 4 GB', big.length
  ? `${fi(median(big.map((r) => r.connected)))} connected, ${fi(median(big.map((r) => r.liveHeapWithSessionsMB)))} MB live heap`
  : largest ? `largest run: ${fi(median(largest[1].map((r) => r.connected)))} connected, `
    + `${fi(median(largest[1].map((r) => r.liveHeapWithSessionsMB)))} MB live heap` : '–',
  verdict(big.length ? median(big.map((r) => r.connected)) >= 20000 && median(big.map((r) => r.heapWithSessionsMB)) <= 4096 : null)]);
out.push('## Targets (issue 8)', '', '| target | measured | verdict |', '| --- | --- | --- |');
for (const [t, m, v] of T) out.push(`| ${t} | ${m} | ${v} |`);
out.push('');
console.log(out.join('\n'));
