#!/usr/bin/env node
// Checks that the cloned data reads back through the API as the service would serve what it wrote itself:
//
//   node verify.mjs --base URL --admin-token T --canonical DIR/canonical.tsv --services 25000 [--sample 40]
//
// For a random sample of services (the template and clones) in every environment: the own read answers ETag "<last
// version>" with the last version's document (its canonical form equal to the template's with the id replaced) and
// that text's SHA-256 as checksum; the effective read answers ETag "r<last version>" with the same document and checksum; the
// version history lists every version; the effective change feed from revision 0 lists every revision. Then
// GET /api/v1/audit/verify must answer valid. Exits 1 on the first difference.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonical } from './canonical.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const api = `${args.base.replace(/\/$/, '')}/api/v1`;
const services = Number(args.services);
const sample = Number(args.sample ?? 40);
const template = args.template ?? 'scale-tmpl';
const last = new Map();
for (const line of readFileSync(args.canonical, 'utf8').split('\n').filter(Boolean)) {
  const [environment, version, text] = line.split('\t');
  if (!last.has(environment) || last.get(environment).version < Number(version)) {
    last.set(environment, { version: Number(version), text });
  }
}

async function get(path) {
  const res = await fetch(`${api}${path}`, { headers: { 'X-Service-Token': args['admin-token'] } });
  return { status: res.status, etag: res.headers.get('etag'), body: await res.json() };
}
function fail(message) {
  console.error(`verify: ${message}`);
  process.exit(1);
}
const sha = (text) => createHash('sha256').update(text).digest('hex');

const ids = [template, ...Array.from({ length: sample }, () =>
  `scale-${String(1 + Math.floor(Math.random() * (services - 1))).padStart(5, '0')}`)];
let checked = 0;
for (const serviceId of ids) {
  for (const [environment, { version, text }] of last) {
    const expected = text.replaceAll(template, serviceId);
    const own = await get(`/configurations/${serviceId}?environment=${environment}`);
    if (own.status !== 200 || own.etag !== `"${version}"` || canonical(own.body.data) !== expected
        || own.body.meta.checksum !== sha(expected) || own.body.meta.version !== version) {
      fail(`own read of ${serviceId}/${environment}: ${own.status} ETag ${own.etag} ${JSON.stringify(own.body.meta)}`);
    }
    const effective = await get(`/configurations/${serviceId}/environments/${environment}`);
    if (effective.status !== 200 || effective.etag !== `"r${version}"`
        || canonical(effective.body.data.configuration) !== expected || effective.body.meta.checksum !== sha(expected)) {
      fail(`effective read of ${serviceId}/${environment}: ${effective.status} ETag ${effective.etag}`
        + ` ${JSON.stringify(effective.body.meta)}`);
    }
    const history = await get(`/configurations/${serviceId}/versions?environment=${environment}`);
    const listed = history.body.data?.map((v) => v.version) ?? [];
    if (history.status !== 200 || listed.length !== version || listed[0] !== version) {
      fail(`history of ${serviceId}/${environment}: ${history.status} ${JSON.stringify(listed)}`);
    }
    const feed = await get(`/configurations/${serviceId}/environments/${environment}/changes?sinceRevision=0`);
    const revisions = JSON.stringify(feed.body).match(/"revision":\d+/g) ?? [];
    if (feed.status !== 200 || revisions.length < version) {
      fail(`change feed of ${serviceId}/${environment}: ${feed.status} ${JSON.stringify(feed.body).slice(0, 300)}`);
    }
    checked++;
  }
}
const audit = await get('/audit/verify');
if (audit.status !== 200 || audit.body.data.valid !== true) {
  fail(`audit verification: ${audit.status} ${JSON.stringify(audit.body).slice(0, 400)}`);
}
console.log(JSON.stringify({ checkedPairs: checked, auditChecked: audit.body.data.checked, auditValid: true }));
