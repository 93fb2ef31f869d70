// Repair reads as a technician on PostgreSQL seeded with 100,000 repair requests:
// GET /repairs/:id (detail: device, quotes, history) and GET /repairs?limit=20 (the queue's first page).
// Ours: the built app (JWT guard with the session revocation check, validation, Nest, TypeORM's connection pool).
// Baseline: repairs.bare.mjs, bare Fastify + pg in its own process doing the same work per request.
// Each comparison alternates ours and the baseline over several rounds, so load from other work on
// the machine falls on both sides.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { api } from './lib.mjs';

const REPAIRS = Number(process.env.BENCH_REPAIRS ?? 100_000);
const CUSTOMERS = 2_000;
const OTHER_TECHS = 20;
const PASSWORD = 'Bench-Lantern-Harbor-77';
const ADMIN_EMAIL = 'bench-admin@example.test';
const JWT_SECRET = randomBytes(48).toString('base64url');
const SERIAL_KEYS = `bench1:${randomBytes(32).toString('base64')}`;

/** Seeds with set-based SQL: users, one device per repair, repairs, their history and quotes. */
export async function seed(client) {
  await client.query(
    `INSERT INTO users (email, name, role, password_hash)
     SELECT 'bench-tech-' || g || '@example.test', 'Bench Tech ' || g, 'technician', 'not-a-login' FROM generate_series(1, $1) g`,
    [OTHER_TECHS],
  );
  await client.query(
    `INSERT INTO users (email, name, role, password_hash, created_at)
     SELECT 'bench-customer-' || g || '@example.test', 'Customer ' || g, 'customer', 'not-a-login', now() - interval '400 days'
       FROM generate_series(1, $1) g`,
    [CUSTOMERS],
  );
  await client.query(
    `WITH c AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users WHERE email LIKE 'bench-customer-%')
     INSERT INTO devices (id, owner_id, type, brand, model, created_at, updated_at)
     SELECT gen_random_uuid(), c.id,
            (ARRAY['phone','tablet','laptop','desktop','console','wearable','other'])[1 + g % 7],
            (ARRAY['Apple','Samsung','Lenovo','Dell','Sony','Google'])[1 + g % 6], 'Model ' || (g % 500),
            now() - ($1 - g) * interval '5 minutes' - interval '1 hour', now() - ($1 - g) * interval '5 minutes' - interval '1 hour'
       FROM generate_series(0, $1 - 1) g JOIN c ON c.n = g % $2`,
    [REPAIRS, CUSTOMERS],
  );
  // 30% submitted and unassigned (every technician's shared queue); the rest spread over 21 technicians.
  await client.query(
    `WITH t AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE role = 'technician'),
          d AS (SELECT id, owner_id, row_number() OVER (ORDER BY created_at, id) AS g FROM devices)
     INSERT INTO repair_requests (customer_id, device_id, issue_description, urgency, status, assigned_technician_id, created_at, updated_at)
     SELECT d.owner_id, d.id, 'Bench request ' || d.g || ': the device does not power on after a drop onto a tiled floor.',
            (ARRAY['low','normal','high','urgent'])[1 + (d.g / 3) % 4],
            CASE WHEN d.g % 10 < 3 THEN 'submitted' ELSE (ARRAY['quoted','approved','in_progress','completed','cancelled'])[1 + (d.g / 10) % 5] END,
            CASE WHEN d.g % 10 < 3 THEN NULL ELSE t.ids[1 + (d.g / 10) % array_length(t.ids, 1)] END,
            now() - ($1 - d.g) * interval '5 minutes', now() - ($1 - d.g) * interval '5 minutes'
       FROM d, t`,
    [REPAIRS],
  );
  await client.query(
    `INSERT INTO repair_status_history (repair_request_id, from_status, to_status, actor_id, actor_role, created_at)
     SELECT id, NULL, 'submitted', customer_id, 'customer', created_at FROM repair_requests ORDER BY created_at`,
  );
  await client.query(
    `INSERT INTO repair_status_history (repair_request_id, from_status, to_status, actor_id, actor_role, note, created_at)
     SELECT id, 'submitted', 'quoted', NULL, 'system', 'Quote issued', created_at + interval '1 hour' FROM repair_requests WHERE status <> 'submitted' ORDER BY created_at`,
  );
  await client.query(
    `INSERT INTO repair_status_history (repair_request_id, from_status, to_status, actor_id, actor_role, note, created_at)
     SELECT id, 'quoted', 'approved', NULL, 'system', 'Quote accepted and paid', created_at + interval '2 hours'
       FROM repair_requests WHERE status IN ('approved', 'in_progress', 'completed') ORDER BY created_at`,
  );
  await client.query(
    `INSERT INTO quotes (repair_request_id, technician_id, parts_cost, labor_cost, currency, notes, status, expires_at, created_at, updated_at)
     SELECT id, assigned_technician_id, 5000 + (hashtext(id::text) & 32767), 4500, 'usd', 'Replacement part and labour',
            CASE status WHEN 'quoted' THEN 'pending' WHEN 'cancelled' THEN 'withdrawn' ELSE 'accepted' END,
            now() + interval '14 days', created_at + interval '1 hour', created_at + interval '1 hour'
       FROM repair_requests WHERE status <> 'submitted'`,
  );
}

export async function run({ createDatabase, startApp, startBare, rounds, compare }) {
  const db = await createDatabase();
  const poolSize = 10;
  const app = await startApp({
    databaseUrl: db.url,
    name: 'repairs',
    env: {
      JWT_ACCESS_SECRET: JWT_SECRET,
      SERIAL_ENCRYPTION_KEYS: SERIAL_KEYS,
      DATABASE_POOL_SIZE: String(poolSize),
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      BOOTSTRAP_ADMIN_PASSWORD: PASSWORD,
    },
  });
  const rows = [];
  let bare;
  const client = new pg.Client({ connectionString: db.url });
  try {
    await client.connect();
    const admin = (await api(app.url, '/auth/login', { method: 'POST', body: { email: ADMIN_EMAIL, password: PASSWORD } })).accessToken;
    const tech = await api(app.url, '/users', {
      method: 'POST',
      token: admin,
      body: { email: 'bench-queue-tech@example.test', password: PASSWORD, name: 'Queue Tech', role: 'technician' },
    });
    const token = (
      await api(app.url, '/auth/login', { method: 'POST', body: { email: 'bench-queue-tech@example.test', password: PASSWORD } })
    ).accessToken;

    const seededAt = Date.now();
    await seed(client);
    await client.query('ANALYZE');
    const [{ count }] = (await client.query('SELECT count(*)::int AS count FROM repair_requests')).rows;
    console.error(`  seeded ${count} repair requests in ${((Date.now() - seededAt) / 1000).toFixed(1)} s`);

    // The detail pages to read: 500 of the technician's own requests, their devices carrying a serial.
    const ids = (
      await client.query(`SELECT id, device_id FROM repair_requests WHERE assigned_technician_id = $1 ORDER BY md5(id::text) LIMIT 500`, [
        tech.id,
      ])
    ).rows;
    const { SerialCipher } = await import(pathToFileURL(join(import.meta.dirname, '../backend/dist/devices/serial-cipher.js')).href);
    const cipher = new SerialCipher(
      SERIAL_KEYS.split(',').map((e) => ({ kid: e.split(':')[0], key: Buffer.from(e.split(':')[1], 'base64') })),
    );
    for (const [i, { device_id }] of ids.entries()) {
      const sealed = cipher.encrypt(`BENCHSERIAL${String(i).padStart(6, '0')}`, device_id);
      await client.query('UPDATE devices SET serial_encrypted = $2, serial_key_id = $3, serial_hmac = $4 WHERE id = $1', [
        device_id,
        sealed.envelope,
        sealed.keyId,
        sealed.hmac,
      ]);
    }

    bare = await startBare('repairs.bare.mjs', {
      PUBLIC_URL: app.url,
      DATABASE_URL: db.url,
      JWT_ACCESS_SECRET: JWT_SECRET,
      SERIAL_ENCRYPTION_KEYS: SERIAL_KEYS,
      DATABASE_POOL_SIZE: String(poolSize),
    });
    const auth = { authorization: `Bearer ${token}` };
    const sqlOnly = { 'x-bench-user': tech.id };
    const detailPaths = ids.map((r) => `/repairs/${r.id}`);

    // Same response both ways, or the comparison means nothing.
    const body = async (url, headers) => (await fetch(url, { headers })).text();
    for (const [ourPath, barePath] of [
      [`/api/v1${detailPaths[0]}`, detailPaths[0]],
      ['/api/v1/repairs?limit=20', '/repairs?limit=20'],
    ]) {
      const ours = await body(`${app.url}${ourPath}`, auth);
      if (ours !== (await body(`${bare.url}${barePath}`, auth)) || ours !== (await body(`${bare.url}/noauth${barePath}`, sqlOnly))) {
        throw new Error(`${ourPath}: the baseline answers differently from ours`);
      }
    }
    const queue = JSON.parse(await body(`${app.url}/api/v1/repairs?limit=20`, auth));
    if (queue.items.length !== 20 || queue.items[0].urgency !== 'urgent') throw new Error('the queue page is not what the seed implies');

    const [oursDetail, bareDetail, sqlDetail] = await app.profiled('GET /repairs/:id', () =>
      rounds([
        { url: `${app.url}/api/v1/repairs`, headers: auth, paths: detailPaths.map((p) => `/api/v1${p}`) },
        { url: `${bare.url}/repairs`, headers: auth, paths: detailPaths },
        { url: `${bare.url}/noauth/repairs`, headers: sqlOnly, paths: detailPaths.map((p) => `/noauth${p}`) },
      ]),
    );
    const [oursList, bareList, sqlList] = await app.profiled('GET /repairs?limit=20', () =>
      rounds([
        { url: `${app.url}/api/v1/repairs?limit=20`, headers: auth },
        { url: `${bare.url}/repairs?limit=20`, headers: auth },
        { url: `${bare.url}/noauth/repairs?limit=20`, headers: sqlOnly },
      ]),
    );

    rows.push(compare(`GET /repairs/:id as technician (${count} rows) vs bare Fastify + pg, same auth`, oursDetail, bareDetail, 0.75));
    rows.push(compare(`GET /repairs?limit=20 as technician (${count} rows) vs bare Fastify + pg, same auth`, oursList, bareList, 0.75));
    rows.push(compare('(info) GET /repairs/:id vs bare SQL only, no auth', oursDetail, sqlDetail));
    rows.push(compare('(info) GET /repairs?limit=20 vs bare SQL only, no auth', oursList, sqlList));
  } finally {
    await client.end().catch(() => undefined);
    await bare?.close();
    await app.stop();
    await db.drop();
  }
  return rows;
}
