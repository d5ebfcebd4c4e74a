#!/usr/bin/env node
// A small HTTP load generator for bench/scale (wrk2 is not available here):
//
//   node load.mjs --base URL --requests FILE --mode closed --connections 8 --duration 20
//   node load.mjs --base URL --requests FILE --mode paced --rate 500 --duration 60
//
// FILE holds one request per line, tab-separated: METHOD, path, service token, body ("-" for none). A body may hold
// the marker @SEQ@, replaced by a number unique to the request (so every PUT makes a new version). Requests are taken
// round-robin.
// closed: N connections, each sends its next request when the previous one answered (maximum throughput).
// paced:  request i is due at start + i / rate, whatever happened before; its latency is measured from that intended
//         time, not from when it could be sent, so a stall counts for every request it delays (no coordinated
//         omission). Requests that cannot get a connection wait in the agent's queue (up to --connections sockets).
//         Requests still unanswered --grace s (30) after the last was due count as "unanswered" with an infinite
//         latency (a percentile they reach prints null), so an overloaded service cannot stall the run.
// --once: closed mode that sends every request of FILE exactly once (a sweep), whatever --duration says.
// Prints one JSON line: requests, seconds, requests/s, latency percentiles in ms, answers by status.
import http from 'node:http';
import { readFileSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1] === undefined || all[i + 1].startsWith('--') ? 'true'
    : all[i + 1]]] : pairs, []));
const base = new URL(args.base ?? 'http://127.0.0.1:19200');
const mode = args.mode ?? 'closed';
const connections = Number(args.connections ?? (mode === 'paced' ? 64 : 8));
const rate = Number(args.rate ?? 0);
const duration = Number(args.duration ?? 20) * 1000;
const label = args.label ?? mode;
const once = args.once === 'true';
if (mode === 'paced' && !(rate > 0)) {
  throw new Error('--mode paced needs --rate');
}
const requests = readFileSync(args.requests, 'utf8').split('\n').filter(Boolean).map((line) => {
  const [method, path, token, body] = line.split('\t');
  return { method, path, token, body: body === '-' ? null : body };
});
const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
const runTag = Date.now().toString(36);
let next = 0;
let seq = 0;
const latencies = [];
const statuses = {};
let firstError = null;

function send(intended) {
  const request = requests[next++ % requests.length];
  const body = request.body === null ? null : request.body.replaceAll('@SEQ@', `${runTag}-${seq++}`);
  return new Promise((resolve) => {
    const req = http.request({
      host: base.hostname, port: base.port, path: request.path, method: request.method, agent,
      headers: {
        'X-Service-Token': request.token,
        ...(body === null ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }),
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        latencies.push(performance.now() - intended);
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 300 && res.statusCode !== 304 && firstError === null) {
          firstError = `${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 300)}`;
        }
        resolve();
      });
    });
    req.on('error', (error) => {
      statuses.error = (statuses.error ?? 0) + 1;
      firstError ??= String(error);
      resolve();
    });
    if (body !== null) {
      req.write(body);
    }
    req.end();
  });
}

const started = performance.now();
const end = started + duration;
if (mode === 'closed') {
  await Promise.all(Array.from({ length: connections }, async () => {
    while (once ? next < requests.length : performance.now() < end) {
      await send(performance.now());
    }
  }));
} else {
  const interval = 1000 / rate;
  const pending = [];
  let sent = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (started + sent * interval <= Math.min(now, end)) {
        pending.push(send(started + sent * interval));
        sent++;
      }
      if (now >= end) {
        resolve();
      } else {
        setTimeout(tick, Math.max(0, Math.min(1, started + sent * interval - now)));
      }
    };
    tick();
  });
  const grace = new Promise((resolve) => setTimeout(resolve, Number(args.grace ?? 30) * 1000).unref());
  await Promise.race([Promise.all(pending), grace]);
  const unanswered = sent - latencies.length;
  if (unanswered > 0) {
    statuses.unanswered = unanswered;
    latencies.push(...Array(unanswered).fill(Infinity));
  }
}
const seconds = (performance.now() - started) / 1000;
const answered = latencies.filter(Number.isFinite).length;
agent.destroy();
latencies.sort((a, b) => a - b);
const at = (q) => latencies.length === 0 ? null
  : Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 100) / 100;
console.log(JSON.stringify({
  label, mode, connections, rate: mode === 'paced' ? rate : null, requests: latencies.length,
  seconds: Math.round(seconds * 10) / 10, perSecond: Math.round(answered / seconds),
  p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999), max: at(1), statuses, firstError,
}));
process.exit(0);
