#!/usr/bin/env node
// Prints the Markdown summary of a bench/scale/run.sh results file: node summary.mjs OUT/results.jsonl
import { readFileSync } from 'node:fs';

const rows = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const of = (kind) => rows.filter((row) => row.kind === kind);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)];
};
const out = [];
out.push('# Scale benchmark (bench/scale/run.sh)', '');
for (const row of of('seed')) out.push(`- seeded ${row.db} in ${row.seconds} s: ${row.counts} (load ${row.loadavg})`);
for (const row of of('sealed')) out.push(`- audit backlog of ${row.db} sealed after ${row.seconds} s (load ${row.loadavg})`);
for (const row of of('postgres')) out.push(`- PostgreSQL autovacuum ${row.autovacuum}; VACUUM ANALYZE ${row.vacuum_analyze}`);
for (const row of of('verify')) {
  out.push(`- sample read back through the API: ${row.result.checkedPairs} configurations, audit chain of`
    + ` ${row.result.auditChecked} rows valid (load ${row.loadavg})`);
}
out.push('', '| start-up to ready | database | ms | load average |', '| --- | --- | --: | --- |');
for (const row of of('startup')) out.push(`| ${row.name} | ${row.db} | ${row.ms.toLocaleString('en')} | ${row.loadavg} |`);

out.push('', '| reads (wrk -t2 -c32, 200 tokens) | large req/s | p99 ms | small req/s | p99 ms | large / small | non-2xx | load average |',
  '| --- | --: | --: | --: | --: | --: | --: | --- |');
const wrk = of('wrk').filter((row) => !row.label.startsWith('warmup'));
for (const scenario of ['get', 'eff', 'uncached get']) {
  const pick = (db) => wrk.filter((row) => row.label.replace(/ #\d+$/, '') === `${db} ${scenario}`);
  const large = pick('large');
  const small = pick('small');
  if (large.length === 0 || small.length === 0) continue;
  const rps = (runs) => median(runs.map((row) => row.result.rps));
  const p99 = (runs) => median(runs.map((row) => row.result.p99_ms));
  const non2xx = [...large, ...small].reduce((sum, row) => sum + row.result.non_2xx, 0);
  out.push(`| ${scenario} | ${Math.round(rps(large)).toLocaleString('en')} | ${p99(large).toFixed(2)}`
    + ` | ${Math.round(rps(small)).toLocaleString('en')} | ${p99(small).toFixed(2)} | ${(rps(large) / rps(small)).toFixed(2)}`
    + ` | ${non2xx} | ${[...large, ...small].map((row) => row.loadavg.split(' ')[0]).join(', ')} |`);
}
out.push('', '| paced writes (latency from the intended send time) | writes/s | p50 ms | p99 ms | p99.9 ms | max ms | answers | load average |',
  '| --- | --: | --: | --: | --: | --: | --- | --- |');
for (const row of of('writes')) {
  const r = row.result;
  out.push(`| ${row.label} | ${r.perSecond} | ${r.p50} | ${r.p99} | ${r.p999} | ${r.max} | ${JSON.stringify(r.statuses)}`
    + ` | ${row.loadavg} |`);
}
for (const row of of('sweep')) {
  out.push('', `Read sweep of every configuration's effective read: ${row.result.requests} requests,`
    + ` ${row.result.perSecond}/s, p99 ${row.result.p99} ms, answers ${JSON.stringify(row.result.statuses)}`
    + ` (load ${row.loadavg}).`);
}
for (const row of of('heap')) out.push('', `Heap after the sweep and a full GC (load ${row.loadavg}): ${row.heap_info}`);
console.log(out.join('\n'));
