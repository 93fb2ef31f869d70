// The baseline server of repairs.bench.mjs, in its own process like the app it is compared with:
// bare Fastify + pg doing per request what our stack does, without the framework. It verifies the
// HS256 access token (kid, signature, alg, exp, iss, aud, typ, sid, role), looks the session and the
// user up in an in-memory revocation map (what one instance without Redis does), runs the same SQL
// (the query builders and mappers are imported from the build, so the SQL cannot drift) and answers
// the same JSON with the same headers and request id (bare.mjs). `/noauth/...` skips the token check:
// the database work alone.
// Env: PUBLIC_URL, DATABASE_URL, JWT_ACCESS_SECRET, SERIAL_ENCRYPTION_KEYS, DATABASE_POOL_SIZE. Prints the port.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { announce, bareFastify } from './bare.mjs';

const ROOT = join(import.meta.dirname, '..');
const dist = (path) => import(pathToFileURL(join(ROOT, 'backend/dist', path)).href);
const [
  { listRepairsSql, repairCursorOf, repairDetailSql },
  { toRepairDetail, toRepairSummary, deviceRowOf },
  { SerialCipher },
  { toDeviceView },
  { toPage },
] = await Promise.all([
  dist('repairs/repair.queries.js'),
  dist('repairs/repair.mapper.js'),
  dist('devices/serial-cipher.js'),
  dist('devices/device.mapper.js'),
  dist('common/http/pagination.js'),
]);

const keys = { default: Buffer.from(process.env.JWT_ACCESS_SECRET, 'utf8') };
const cipher = new SerialCipher(
  process.env.SERIAL_ENCRYPTION_KEYS.split(',').map((entry) => ({
    kid: entry.split(':')[0],
    key: Buffer.from(entry.split(':')[1], 'base64'),
  })),
);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });

function verifyToken(authorization) {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : null;
  const [h, p, s] = token?.split('.') ?? [];
  if (!s) return null;
  const header = JSON.parse(Buffer.from(h, 'base64url'));
  const key = keys[header.kid];
  if (!key || header.alg !== 'HS256') return null;
  const expected = createHmac('sha256', key).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(p, 'base64url'));
  if (claims.exp * 1000 < Date.now() || claims.iss !== 'repairhub' || claims.aud !== 'repairhub-api' || claims.typ !== 'access')
    return null;
  if (typeof claims.sid !== 'string' || !ROLES.has(claims.role)) return null;
  return claims;
}

const ROLES = new Set(['customer', 'technician', 'admin']);
/** Revoked sessions and users → until when (empty in the run, as in ours: the lookup is what costs). */
const revokedUntil = new Map();
const isRevoked = (claims) =>
  (revokedUntil.get(`family:${claims.sid}`) ?? 0) > Date.now() || (revokedUntil.get(`user:${claims.sub}`) ?? 0) > Date.now();

async function viewer(request, reply, withAuth) {
  if (!withAuth) return { id: request.headers['x-bench-user'], role: 'technician' };
  const claims = verifyToken(request.headers.authorization);
  if (!claims || isRevoked(claims)) {
    reply.code(401).send({ status: 401 });
    return null;
  }
  return { id: claims.sub, role: claims.role };
}

const app = bareFastify();
for (const withAuth of [true, false]) {
  const prefix = withAuth ? '' : '/noauth';
  app.get(`${prefix}/repairs/:id`, async (request, reply) => {
    const user = await viewer(request, reply, withAuth);
    if (!user) return reply;
    const sql = repairDetailSql(user, request.params.id);
    const { rows } = await pool.query(sql.text, sql.values);
    if (!rows[0]) return reply.code(404).send({ status: 404 });
    return toRepairDetail(
      rows[0],
      toDeviceView(deviceRowOf(rows[0]), cipher, false, () => undefined),
      user,
    );
  });
  app.get(`${prefix}/repairs`, async (request, reply) => {
    const user = await viewer(request, reply, withAuth);
    if (!user) return reply;
    const limit = Number(request.query.limit ?? 20);
    const sql = listRepairsSql(user, {}, limit);
    const { rows } = await pool.query(sql.text, sql.values);
    const page = toPage(rows, limit, (row) => repairCursorOf(user, row));
    return { items: page.items.map(toRepairSummary), nextCursor: page.nextCursor };
  });
}
await announce(app);
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
