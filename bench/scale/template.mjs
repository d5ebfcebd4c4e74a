#!/usr/bin/env node
// Writes the template service of bench/scale through the public API, so that every row bench/scale/clone.sql copies
// is one the service wrote itself: one configuration per environment, VERSIONS versions each (a ~300-byte document
// that grows to ~2 KB at the last version), every write a normal PUT (POST for version 1).
//
//   node template.mjs --base URL --admin-token T --service scale-tmpl --versions 10 --out DIR
//
// DIR/canonical.tsv gets "environment <TAB> version <TAB> canonical JSON" of every version: the same text the service
// computes (members sorted by name at every level, compact), which the clone needs to compute the checksum of each
// copy; every write's answer is checked against it (the service's checksum must be SHA-256 of that text).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonical } from './canonical.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const api = `${args.base.replace(/\/$/, '')}/api/v1`;
const service = args.service ?? 'scale-tmpl';
const versions = Number(args.versions ?? 10);
const ENVIRONMENTS = ['development', 'production', 'staging', 'testing'];

/** Version v of the service's document in an environment: small, then the ~2 KB document at the last version. */
function documentFor(environment, v) {
  const small = {
    revision: `v${v}`,
    service: { name: service, environment, owner: 'team-scale' },
    database: { host: `${service}-db.${environment}.internal`, port: 5432, pool: { max: 10 + v } },
  };
  if (v < versions) {
    return small;
  }
  const features = {};
  for (let f = 0; f < 16; f++) {
    features[`feature-${String(f).padStart(2, '0')}`] = { enabled: f % 3 === 0, rollout: (f * 13) % 101 };
  }
  return {
    ...small,
    database: {
      ...small.database, name: 'scale', ssl: { mode: 'verify-full', rootCert: '/etc/ssl/certs/internal-ca.pem' },
      pool: { min: 2, max: 10 + v, idleTimeoutMs: 60000, maxLifetimeMs: 1800000 },
    },
    cache: { host: `redis.${environment}.internal`, port: 6379, ttlSeconds: 300, maxEntries: 10000 },
    http: {
      port: 8080, readTimeoutMs: 5000, writeTimeoutMs: 5000, maxBodyBytes: 1048576,
      cors: { allowedOrigins: [`https://${environment}.example.com`, 'https://admin.example.com'], maxAgeSeconds: 600 },
    },
    upstreams: Array.from({ length: 4 }, (_, u) => ({
      name: `upstream-${u}`, url: `https://upstream-${u}.${environment}.internal:8443/api`,
      timeoutMs: 1000 + 250 * u, retries: u % 3, circuitBreaker: { failureRate: 50, waitMs: 30000 },
    })),
    features,
    logging: { level: 'INFO', format: 'json', loggers: { 'io.example': 'DEBUG', 'org.hibernate.SQL': 'WARN' } },
    messaging: { broker: `amqp://mq.${environment}.internal:5672`, prefetch: 50, queues: ['orders', 'payments'] },
  };
}

const lines = [];
for (const environment of ENVIRONMENTS) {
  for (let v = 1; v <= versions; v++) {
    const document = documentFor(environment, v);
    const text = canonical(document);
    const res = await fetch(`${api}/configurations/${service}?environment=${environment}`, {
      method: v === 1 ? 'POST' : 'PUT',
      headers: { 'X-Service-Token': args['admin-token'], 'Content-Type': 'application/json' },
      body: JSON.stringify({ configuration: document, changeReason: 'scale template' }),
    });
    const body = await res.json();
    const expected = createHash('sha256').update(text).digest('hex');
    if (!res.ok || body.data.version !== v || body.data.checksum !== expected) {
      throw new Error(`template ${environment} v${v}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`
        + ` (expected version ${v}, checksum ${expected})`);
    }
    lines.push(`${environment}\t${v}\t${text}\n`);
  }
}
writeFileSync(join(args.out, 'canonical.tsv'), lines.join(''));
console.log(`template: ${service}, ${ENVIRONMENTS.length} environments x ${versions} versions`);
