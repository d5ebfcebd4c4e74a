// An HS256 operator JWT for local testing, signed with JWT_SECRET (the service's setting of the same name):
//     node docs/jwt.mjs <subject> <role>     e.g. node docs/jwt.mjs alice operator
// Valid for an hour. Any HS256 tool works; this one needs only Node's crypto.
import { createHmac } from 'node:crypto';

const [subject, role] = process.argv.slice(2);
if (!subject || !role || !process.env.JWT_SECRET) {
  console.error('usage: JWT_SECRET=… node docs/jwt.mjs <subject> <role>');
  process.exit(2);
}
const encode = value => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const unsigned = encode({ alg: 'HS256', typ: 'JWT' }) + '.' + encode({ sub: subject, roles: [role], iat: now, exp: now + 3600 });
console.log(unsigned + '.' + createHmac('sha256', process.env.JWT_SECRET).update(unsigned).digest('base64url'));
