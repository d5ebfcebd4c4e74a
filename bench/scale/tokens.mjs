#!/usr/bin/env node
// Issues one service token (config:read, config:write) for each of COUNT services picked at random among
// scale-tmpl and scale-00001 ... scale-<services - 1>, and writes "serviceId <TAB> token" lines (bench/wrk's tokens.tsv).
//
//   node tokens.mjs --base URL --admin-token T --services 25000 --count 200 --out DIR/tokens.tsv
import { writeFileSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const api = `${args.base.replace(/\/$/, '')}/api/v1`;
const services = Number(args.services);
const picked = new Set();
while (picked.size < Math.min(Number(args.count ?? 200), services - 1)) {
  picked.add(`scale-${String(1 + Math.floor(Math.random() * (services - 1))).padStart(5, '0')}`);
}
const lines = [];
for (const serviceId of [...picked].sort()) {
  const res = await fetch(`${api}/tokens`, {
    method: 'POST',
    headers: { 'X-Service-Token': args['admin-token'], 'Content-Type': 'application/json' },
    body: JSON.stringify({ serviceId, description: 'scale benchmark', scopes: ['config:read', 'config:write'] }),
  });
  const body = await res.json();
  if (!res.ok) {
    throw new Error(`token for ${serviceId}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  lines.push(`${serviceId}\t${body.data.token}\n`);
}
writeFileSync(args.out, lines.join(''));
