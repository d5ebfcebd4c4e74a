#!/usr/bin/env node
// Seeds the benchmark data set through the public API (no dependencies: Node 18+ fetch, keep-alive by default).
//
//   node seed.mjs --base http://127.0.0.1:18011 --admin-token T --out DIR
//                 [--services 200] [--credentials 1000] [--concurrency 16] [--prefix bench-svc]
//                 [--skip-configurations]
//
// Creates one service token per service, one ~2 KB configuration per service in each of development, testing,
// staging and production, and (when the credential API answers) 1,000 api_key credentials in production spread
// over the services. Writes, for the wrk scripts:
//   DIR/tokens.tsv        serviceId <TAB> token
//   DIR/documents.tsv     serviceId <TAB> the seeded document (one line of JSON, contains "revision":"r0")
//   DIR/credentials.tsv   key <TAB> serviceId <TAB> token of that service   (absent when the API is missing)
//   DIR/seed.json         counts, sizes, timings
// --skip-configurations seeds the tokens and credentials only (bench/run.sh's transit phase, whose database holds
// credentials sealed under the Vault transit key).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = parseArgs(process.argv.slice(2));
const base = (args.base ?? 'http://127.0.0.1:18011').replace(/\/$/, '');
const api = `${base}/api/v1`;
const admin = args['admin-token'] ?? process.env.CONFIG_ADMIN_TOKEN;
const out = args.out ?? '.';
const services = Number(args.services ?? 200);
const credentials = Number(args.credentials ?? 1000);
const concurrency = Number(args.concurrency ?? 16);
const prefix = args.prefix ?? 'bench-svc';
const configurations = args['skip-configurations'] === undefined;
const ENVIRONMENTS = ['development', 'testing', 'staging', 'production'];

if (!admin) {
  fail('an admin token is needed: --admin-token or CONFIG_ADMIN_TOKEN');
}
mkdirSync(out, { recursive: true });

const started = Date.now();
const ids = Array.from({ length: services }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

// 1. one token per service
const tokens = new Map();
await pool(ids, async (serviceId) => {
  const res = await call('POST', '/tokens', {
    serviceId, description: 'benchmark',
    scopes: ['config:read', 'config:write', 'credentials:read', 'events:subscribe'],
  });
  expectStatus(res, [201, 200], `token for ${serviceId}`);
  tokens.set(serviceId, res.body.data.token);
});
writeFileSync(join(out, 'tokens.tsv'), ids.map((id) => `${id}\t${tokens.get(id)}\n`).join(''));

// 2. ~2 KB configurations, 4 environments each
const documents = new Map();
let bytes = 0;
const jobs = configurations
  ? ids.flatMap((serviceId, i) => ENVIRONMENTS.map((environment) => ({ serviceId, environment, i }))) : [];
await pool(jobs, async ({ serviceId, environment, i }) => {
  const doc = documentFor(serviceId, environment, i);
  if (environment === 'development') {
    documents.set(serviceId, JSON.stringify(doc));
  }
  bytes += JSON.stringify(doc).length;
  const res = await call('POST', `/configurations/${serviceId}?environment=${environment}`,
    { configuration: doc, changeReason: 'benchmark seed' });
  expectStatus(res, [201, 409], `configuration ${serviceId}/${environment}`);
});
if (configurations) {
  writeFileSync(join(out, 'documents.tsv'), ids.map((id) => `${id}\t${documents.get(id)}\n`).join(''));
}
const configsDone = Date.now();

// 3. credentials, if the credential API exists (POST with an empty body: 400 = there, 404/405 = not there)
let credentialApi = false;
let credentialCount = 0;
const probe = await call('POST', '/credentials', {});
if (probe.status === 404 || probe.status === 405) {
  console.log(`seed: POST /api/v1/credentials answers ${probe.status}: no credential API, credentials skipped`);
} else {
  credentialApi = true;
  const rows = [];
  const keys = Array.from({ length: credentials }, (_, i) => i);
  await pool(keys, async (i) => {
    const serviceId = ids[i % ids.length];
    const key = `${serviceId}-api-key-${String(i).padStart(4, '0')}`;
    const res = await call('POST', '/credentials', {
      key, value: randomSecret(i), type: 'api_key', serviceId, environment: 'production',
      description: 'benchmark credential',
    });
    expectStatus(res, [201, 409], `credential ${key}`);
    rows.push(`${key}\t${serviceId}\t${tokens.get(serviceId)}\n`);
    credentialCount++;
  });
  writeFileSync(join(out, 'credentials.tsv'), rows.sort().join(''));
}

const summary = {
  services, environments: ENVIRONMENTS.length, configurations: jobs.length,
  averageDocumentBytes: jobs.length ? Math.round(bytes / jobs.length) : 0, credentialApi, credentials: credentialCount,
  seconds: (Date.now() - started) / 1000,
  configurationsPerSecond: jobs.length ? Math.round(jobs.length / ((configsDone - started) / 1000)) : 0,
};
writeFileSync(join(out, 'seed.json'), JSON.stringify(summary, null, 2));
console.log(`seed: ${services} services x ${ENVIRONMENTS.length} environments (avg ${summary.averageDocumentBytes} B),`
  + ` ${credentialCount} credentials, ${summary.seconds.toFixed(1)} s`);

/** A deterministic ~2 KB document, a little different per service and environment. */
function documentFor(serviceId, environment, i) {
  const features = {};
  for (let f = 0; f < 16; f++) {
    features[`feature-${String(f).padStart(2, '0')}`] = { enabled: (i + f) % 3 === 0, rollout: (i * 7 + f * 13) % 101 };
  }
  return {
    revision: 'r0',
    service: { name: serviceId, environment, owner: `team-${i % 12}`, tier: i % 4 === 0 ? 'critical' : 'standard' },
    database: {
      host: `${serviceId}-db.${environment}.internal`, port: 5432, name: serviceId.replace(/-/g, '_'),
      pool: { min: 2, max: 10 + (i % 20), idleTimeoutMs: 60000, maxLifetimeMs: 1800000 },
      ssl: { mode: 'verify-full', rootCert: '/etc/ssl/certs/internal-ca.pem' },
    },
    cache: { host: `redis.${environment}.internal`, port: 6379, ttlSeconds: 300 + i, maxEntries: 10000 },
    http: {
      port: 8080, readTimeoutMs: 5000, writeTimeoutMs: 5000, maxBodyBytes: 1048576,
      cors: { allowedOrigins: [`https://${environment}.example.com`, 'https://admin.example.com'], maxAgeSeconds: 600 },
    },
    upstreams: Array.from({ length: 4 }, (_, u) => ({
      name: `upstream-${u}`, url: `https://upstream-${u}.${environment}.internal:8443/api`,
      timeoutMs: 1000 + 250 * u, retries: u % 3, circuitBreaker: { failureRate: 50, waitMs: 30000 },
    })),
    logging: { level: environment === 'production' ? 'INFO' : 'DEBUG', format: 'json',
      loggers: { 'org.hibernate': 'WARN', 'io.netty': 'WARN', 'com.example': 'DEBUG' } },
    features,
    limits: { requestsPerSecond: 100 * (1 + (i % 10)), burst: 200, dailyQuota: 1000000 },
  };
}

function randomSecret(i) {
  return `sk_bench_${i}_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

async function call(method, path, body) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${api}${path}`, {
        method,
        headers: { 'X-Service-Token': admin, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed = null;
      try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
      // a busy service answers 503 with Retry-After (nothing was written): wait as told, at most 10 times
      if (res.status === 503 && attempt < 10) {
        await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
        continue;
      }
      return { status: res.status, body: parsed };
    } catch (e) {
      if (attempt >= 3) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

function expectStatus(res, allowed, what) {
  if (!allowed.includes(res.status)) {
    fail(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
}

async function pool(items, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  });
  await Promise.all(workers);
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
  console.error(`seed: ${message}`);
  process.exit(1);
}
