import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createDevice, createRepair, issueQuote } from './factories/repairs.factory.js';
import { createStaff, registerCustomer, type TestUser } from './factories/users.factory.js';
import { ApiClient, expectProblem } from './support/api-client.js';
import { createTestDatabase, startTestApp, testEnv, type TestApp } from './support/test-app.js';

const SERIAL = 'C02XK1ZZJGH5';
const run = promisify(execFile);
const ROTATE_CLI = fileURLToPath(new URL('../dist/devices/rotate-serial-keys.js', import.meta.url));
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');

describe('devices', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let tech: TestUser;
  let otherTech: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [owner, other, tech, otherTech, admin] = await Promise.all([
      registerCustomer(t, 'Owner'),
      registerCustomer(t, 'Other'),
      createStaff(t, 'technician', 'Tech One'),
      createStaff(t, 'technician', 'Tech Two'),
      createStaff(t, 'admin', 'Admin'),
    ]);
  });
  afterAll(() => t.close());

  describe('CRUD by the owner', () => {
    it('creates a device and answers with the serial masked', async () => {
      const res = await t.api.post('/devices', { type: 'laptop', brand: ' Apple ', model: 'MacBook Pro 14', serialNumber: SERIAL }, { token: owner.token });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ownerId: owner.id, type: 'laptop', brand: 'Apple', serialNumber: '•••• JGH5', serialRevealed: false, hasSerial: true });
      expect(res.text).not.toContain(SERIAL);
    });

    it('lists only my own devices, newest first', async () => {
      const mine = await createDevice(t, other, { model: 'first' });
      const newer = await createDevice(t, other, { model: 'second' });
      const res = await t.api.get('/devices', { token: other.token });
      expect(res.status).toBe(200);
      expect(res.body.items.map((d: { id: string }) => d.id)).toEqual([newer.id, mine.id]);
    });

    it('updates fields, replaces and removes the serial', async () => {
      const device = await createDevice(t, owner, { serialNumber: 'OLDSERIAL0001' });
      const renamed = await t.api.patch(`/devices/${device.id}`, { model: 'Air', serialNumber: 'NEWSERIAL0002' }, { token: owner.token });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ model: 'Air', serialNumber: '•••• 0002' });
      const revealed = await t.api.get(`/devices/${device.id}?reveal=true`, { token: owner.token });
      expect(revealed.body).toMatchObject({ serialNumber: 'NEWSERIAL0002', serialRevealed: true });
      const cleared = await t.api.patch(`/devices/${device.id}`, { serialNumber: null }, { token: owner.token });
      expect(cleared.body).toMatchObject({ serialNumber: null, hasSerial: false });
      const [row] = await t.sql('SELECT serial_encrypted, serial_key_id, serial_hmac FROM devices WHERE id = $1', [device.id]);
      expect(row).toEqual({ serial_encrypted: null, serial_key_id: null, serial_hmac: null });
    });

    it('refuses null for fields that cannot be cleared, and unknown fields', async () => {
      const device = await createDevice(t, owner);
      expectProblem(await t.api.patch(`/devices/${device.id}`, { brand: null }, { token: owner.token }), 400, 'REQUEST.INVALID');
      expectProblem(await t.api.patch(`/devices/${device.id}`, { ownerId: other.id }, { token: owner.token }), 400, 'REQUEST.INVALID');
      expectProblem(await t.api.post('/devices', { type: 'toaster', brand: 'X', model: 'Y' }, { token: owner.token }), 400, 'REQUEST.INVALID');
    });

    it('deletes a device without repairs, and refuses one with a repair (409)', async () => {
      const spare = await createDevice(t, owner);
      expect((await t.api.delete(`/devices/${spare.id}`, { token: owner.token })).status).toBe(204);
      expectProblem(await t.api.get(`/devices/${spare.id}`, { token: owner.token }), 404, 'DEVICE.NOT_FOUND');
      const repair = await createRepair(t, owner);
      expectProblem(await t.api.delete(`/devices/${repair.deviceId}`, { token: owner.token }), 409, 'DEVICE.IN_USE');
    });
  });

  describe('access', () => {
    it('hides another customer’s device as not found, for every route', async () => {
      const device = await createDevice(t, owner, { serialNumber: SERIAL });
      expectProblem(await t.api.get(`/devices/${device.id}`, { token: other.token }), 404, 'DEVICE.NOT_FOUND');
      expectProblem(await t.api.get(`/devices/${device.id}?reveal=true`, { token: other.token }), 404, 'DEVICE.NOT_FOUND');
      expectProblem(await t.api.patch(`/devices/${device.id}`, { model: 'x' }, { token: other.token }), 404, 'DEVICE.NOT_FOUND');
      expectProblem(await t.api.delete(`/devices/${device.id}`, { token: other.token }), 404, 'DEVICE.NOT_FOUND');
      const list = await t.api.get('/devices', { token: other.token });
      expect(list.body.items.map((d: { id: string }) => d.id)).not.toContain(device.id);
    });

    it('lets staff read, never write', async () => {
      const repair = await createRepair(t, owner);
      expect((await t.api.get(`/devices/${repair.deviceId}`, { token: tech.token })).status).toBe(200);
      expectProblem(await t.api.patch(`/devices/${repair.deviceId}`, { model: 'x' }, { token: tech.token }), 403, 'AUTH.FORBIDDEN_ROLE');
      expectProblem(await t.api.delete(`/devices/${repair.deviceId}`, { token: admin.token }), 403, 'AUTH.FORBIDDEN_ROLE');
      expectProblem(await t.api.post('/devices', { type: 'phone', brand: 'a', model: 'b' }, { token: tech.token }), 403, 'AUTH.FORBIDDEN_ROLE');
    });

    it('shows a technician the devices of repairs in their queue only', async () => {
      const lonely = await createDevice(t, owner);
      const open = await createRepair(t, owner);
      const taken = await createRepair(t, owner);
      await issueQuote(t, tech, taken.id);
      expectProblem(await t.api.get(`/devices/${lonely.id}`, { token: tech.token }), 404);
      expect((await t.api.get(`/devices/${open.deviceId}`, { token: otherTech.token })).status).toBe(200);
      expect((await t.api.get(`/devices/${taken.deviceId}`, { token: tech.token })).status).toBe(200);
      expectProblem(await t.api.get(`/devices/${taken.deviceId}`, { token: otherTech.token }), 404);
      expect((await t.api.get(`/devices/${lonely.id}`, { token: admin.token })).status).toBe(200);

      const listed = (await t.api.get('/devices?limit=100', { token: otherTech.token })).body.items.map((d: { id: string }) => d.id);
      expect(listed).toContain(open.deviceId);
      expect(listed).not.toContain(taken.deviceId);
      expect(listed).not.toContain(lonely.id);
    });

    it('lets only admins filter by owner', async () => {
      const device = await createDevice(t, other);
      const res = await t.api.get(`/devices?ownerId=${other.id}&limit=100`, { token: admin.token });
      expect(res.body.items.every((d: { ownerId: string }) => d.ownerId === other.id)).toBe(true);
      expect(res.body.items.map((d: { id: string }) => d.id)).toContain(device.id);
      expectProblem(await t.api.get(`/devices?ownerId=${other.id}`, { token: owner.token }), 403, 'DEVICE.OWNER_FILTER_FORBIDDEN');
    });
  });

  describe('serial reveal and access log', () => {
    it('reveals to the owner without logging, and logs every staff reveal for admins to read', async () => {
      const device = await createDevice(t, owner, { serialNumber: SERIAL });
      await createRepair(t, owner, { deviceId: device.id });

      const masked = await t.api.get(`/devices/${device.id}`, { token: tech.token });
      expect(masked.body).toMatchObject({ serialNumber: '•••• JGH5', serialRevealed: false });
      expect((await t.api.get(`/devices/${device.id}?reveal=true`, { token: owner.token })).body.serialNumber).toBe(SERIAL);
      expect((await t.api.get(`/devices/${device.id}?reveal=true`, { token: tech.token })).body.serialNumber).toBe(SERIAL);
      expect((await t.api.get(`/devices/${device.id}?reveal=true`, { token: admin.token })).body.serialNumber).toBe(SERIAL);

      const log = await t.api.get(`/devices/${device.id}/serial-access-log`, { token: admin.token });
      expect(log.status).toBe(200);
      expect(log.body.items).toEqual([
        expect.objectContaining({ deviceId: device.id, userId: admin.id, userName: 'Admin', userRole: 'admin' }),
        expect.objectContaining({ deviceId: device.id, userId: tech.id, userName: 'Tech One', userRole: 'technician' }),
      ]);
      expect(log.text).not.toContain(SERIAL);
    });

    it('keeps the access log to admins', async () => {
      const device = await createDevice(t, owner, { serialNumber: SERIAL });
      for (const user of [owner, tech]) {
        expectProblem(await t.api.get(`/devices/${device.id}/serial-access-log`, { token: user.token }), 403, 'AUTH.FORBIDDEN_ROLE');
      }
      expectProblem(await t.api.get('/devices/00000000-0000-4000-8000-000000000000/serial-access-log', { token: admin.token }), 404);
    });

    it('does not log a reveal that was refused', async () => {
      const device = await createDevice(t, owner, { serialNumber: SERIAL });
      expectProblem(await t.api.get(`/devices/${device.id}?reveal=true`, { token: tech.token }), 404);
      expect((await t.api.get(`/devices/${device.id}/serial-access-log`, { token: admin.token })).body.items).toEqual([]);
    });

    it('refuses a reveal flag that is not a boolean', async () => {
      const device = await createDevice(t, owner, { serialNumber: SERIAL });
      expectProblem(await t.api.get(`/devices/${device.id}?reveal=yes`, { token: owner.token }), 400, 'REQUEST.INVALID');
    });
  });

  describe('encryption at rest', () => {
    it('stores no plaintext serial: ciphertext, key id and HMAC only', async () => {
      const device = await createDevice(t, owner, { serialNumber: 'PLAINTEXT-CANARY-7731' });
      const rows = await t.sql(`SELECT * FROM devices WHERE id = $1`, [device.id]);
      const raw = JSON.stringify(rows[0], (_k, v) => (v && v.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v));
      expect(raw).not.toMatch(/CANARY|7731/i);
      const [hex] = await t.sql(
        `SELECT encode(serial_encrypted, 'hex') AS ct, serial_key_id, length(serial_encrypted) AS len, length(serial_hmac) AS mac FROM devices WHERE id = $1`,
        [device.id],
      );
      expect(hex.serial_key_id).toBe('test1');
      expect(hex.len).toBe(12 + 'PLAINTEXT-CANARY-7731'.length + 16);
      expect(hex.mac).toBe(32);
      expect(Buffer.from(hex.ct, 'hex').toString('latin1')).not.toContain('CANARY');
      const anywhere = await t.sql(`SELECT count(*)::int AS n FROM devices d WHERE d::text ILIKE '%canary%'`);
      expect(anywhere[0].n).toBe(0);
    });

    it('finds devices by exact serial through the HMAC column, ignoring case and spaces, within visibility', async () => {
      const a = await createDevice(t, owner, { serialNumber: 'SEARCH-ME-0042' });
      const b = await createDevice(t, other, { serialNumber: 'search-me-0042' });
      await createDevice(t, owner, { serialNumber: 'SEARCH-ME-0043' });
      const forAdmin = await t.api.post('/devices/search', { serialNumber: ' search-me-0042 ' }, { token: admin.token });
      expect(forAdmin.status).toBe(200);
      expect(forAdmin.body.items.map((d: { id: string }) => d.id).sort()).toEqual([a.id, b.id].sort());
      const forOwner = await t.api.post('/devices/search', { serialNumber: 'SEARCH-ME-0042' }, { token: owner.token });
      expect(forOwner.body.items.map((d: { id: string }) => d.id)).toEqual([a.id]);
      expect(forOwner.text).not.toContain('SEARCH-ME-0042');
    });

    it('refuses a tampered ciphertext on reveal and still lists the device masked', async () => {
      const device = await createDevice(t, owner, { serialNumber: SERIAL });
      await t.sql(`UPDATE devices SET serial_encrypted = overlay(serial_encrypted placing '\\xff'::bytea from 14 for 1) WHERE id = $1`, [device.id]);
      const reveal = await t.api.get(`/devices/${device.id}?reveal=true`, { token: owner.token });
      expectProblem(reveal, 500);
      expect(reveal.text).not.toContain(SERIAL);
      const masked = await t.api.get(`/devices/${device.id}`, { token: owner.token });
      expect(masked.status).toBe(200);
      expect(masked.body).toMatchObject({ hasSerial: true, serialNumber: '••••', serialRevealed: false });
    });

    it('keeps the serial out of validation errors', async () => {
      const bad = `${SERIAL}\u0007`;
      const res = await t.api.post('/devices', { type: 'phone', brand: 'a', model: 'b', serialNumber: bad }, { token: owner.token });
      expectProblem(res, 400, 'REQUEST.INVALID');
      expect(res.text).not.toContain(SERIAL);
      const long = 'X'.repeat(70);
      const tooLong = await t.api.post('/devices', { type: 'phone', brand: 'a', model: 'b', serialNumber: long }, { token: owner.token });
      expectProblem(tooLong, 400);
      expect(tooLong.text).not.toContain(long);
    });
  });
});

describe('serial key rotation', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rh-rotate-'));
  const oldKeys = `k1:${key(1)}`;
  const newKeys = `k2:${key(2)},k1:${key(1)}`;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestApp;
  let owner: TestUser;
  const devices: { id: string; serial: string }[] = [];

  let running = false;
  const start = async (keys: string) => {
    t = await startTestApp({ DATA_DIR: dataDir, SERIAL_ENCRYPTION_KEYS: keys }, database);
    running = true;
  };
  const stop = async () => {
    running = false;
    await t.stop();
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    if (running) await t.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps old serials readable and searchable after a new key is added, then `keys:rotate` moves every row', async () => {
    await start(oldKeys);
    owner = await registerCustomer(t);
    for (let i = 0; i < 5; i++) {
      const serial = `ROTATE-ME-${1000 + i}`;
      devices.push({ id: (await createDevice(t, owner, { serialNumber: serial })).id, serial });
    }
    await stop();

    // New key first, old one kept: old rows decrypt and are found by serial before any rotation.
    await start(newKeys);
    owner.token = (await t.api.post('/auth/login', { email: owner.email, password: owner.password }, { headers: { 'x-token-transport': 'body' } })).body.accessToken;
    expect((await t.api.get(`/devices/${devices[0].id}?reveal=true`, { token: owner.token })).body.serialNumber).toBe(devices[0].serial);
    const fresh = await createDevice(t, owner, { serialNumber: 'ROTATE-ME-9999' });
    const keyIds = await t.sql(`SELECT serial_key_id, count(*)::int AS n FROM devices GROUP BY 1 ORDER BY 1`);
    expect(keyIds).toEqual([
      { serial_key_id: 'k1', n: 5 },
      { serial_key_id: 'k2', n: 1 },
    ]);
    const found = await t.api.post('/devices/search', { serialNumber: devices[1].serial }, { token: owner.token });
    expect(found.body.items.map((d: { id: string }) => d.id)).toEqual([devices[1].id]);
    const before = await t.sql(`SELECT id, encode(serial_encrypted, 'hex') AS ct FROM devices WHERE serial_key_id = 'k1'`);
    await stop();

    // The command itself, as `npm run keys:rotate` runs it.
    const env = { ...process.env, ...t.env, SERIAL_ENCRYPTION_KEYS: newKeys, DATA_DIR: dataDir };
    const cli = await run(process.execPath, [ROTATE_CLI], { env });
    expect(cli.stdout).toContain('Re-encrypted 5 serial(s) from key k1');

    // The old key can now go: everything reads, and is found, under k2 alone.
    t = await startTestApp({ DATA_DIR: dataDir, SERIAL_ENCRYPTION_KEYS: `k2:${key(2)}` }, database);
    owner.token = (await t.api.post('/auth/login', { email: owner.email, password: owner.password }, { headers: { 'x-token-transport': 'body' } })).body.accessToken;
    expect(await t.sql(`SELECT DISTINCT serial_key_id FROM devices`)).toEqual([{ serial_key_id: 'k2' }]);
    const after = await t.sql(`SELECT id, encode(serial_encrypted, 'hex') AS ct FROM devices WHERE id = ANY($1::uuid[])`, [before.map((r) => r.id)]);
    for (const row of after) expect(row.ct).not.toBe(before.find((b) => b.id === row.id).ct);
    for (const { id, serial } of [...devices, { id: fresh.id, serial: 'ROTATE-ME-9999' }]) {
      expect((await t.api.get(`/devices/${id}?reveal=true`, { token: owner.token })).body.serialNumber).toBe(serial);
    }
    const search = await t.api.post('/devices/search', { serialNumber: devices[3].serial }, { token: owner.token });
    expect(search.body.items.map((d: { id: string }) => d.id)).toEqual([devices[3].id]);

    await stop();
    // Nothing left to do: a second run says so.
    const again = await run(process.execPath, [ROTATE_CLI], { env: { ...env, SERIAL_ENCRYPTION_KEYS: `k2:${key(2)}` } });
    expect(again.stdout).toContain('Nothing to re-encrypt');
  });

  it('reports rows under a key that is no longer configured, and exits non-zero', async () => {
    const env = { ...process.env, ...t.env, SERIAL_ENCRYPTION_KEYS: `k3:${key(3)}`, DATA_DIR: dataDir };
    const failure = await run(process.execPath, [ROTATE_CLI], { env }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('6 serial(s) are under key k2, which is not configured');
  });
});

describe('serials in logs', () => {
  it('never writes a serial to the logs, whatever the route and outcome', async () => {
    const database = await createTestDatabase();
    const port = await freePort();
    const adminEmail = 'log-admin@example.test';
    const adminPassword = 'Log-Admin-Passphrase-42';
    const env = {
      ...process.env,
      ...testEnv(database.url, { LOG_LEVEL: 'debug', PORT: String(port), HOST: '127.0.0.1', BOOTSTRAP_ADMIN_EMAIL: adminEmail, BOOTSTRAP_ADMIN_PASSWORD: adminPassword }),
    };
    // A real process, so the log lines pino writes to stdout can be read.
    const app = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    app.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    app.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`app did not start:\n${output}`)), 60_000);
        app.stdout.on('data', () => output.includes('RepairHub is running') && (clearTimeout(timer), resolve()));
        app.once('exit', (code) => reject(new Error(`app exited with ${code}:\n${output}`)));
      });
      const api = new ApiClient(`http://127.0.0.1:${port}/api/v1`);
      const transport = { headers: { 'x-token-transport': 'body' } };
      const customer = (await api.post('/auth/register', { email: 'log-customer@example.test', password: adminPassword, name: 'Logged' }, transport)).body.accessToken;
      const admin = (await api.post('/auth/login', { email: adminEmail, password: adminPassword }, transport)).body.accessToken;
      const serial = 'LOGCANARY98765';
      const device = await api.post('/devices', { type: 'phone', brand: 'a', model: 'b', serialNumber: serial }, { token: customer });
      expect(device.status).toBe(201);
      await api.patch(`/devices/${device.body.id}`, { serialNumber: `${serial}X` }, { token: customer });
      await api.post('/devices', { type: 'phone', brand: 'a', model: 'b', serialNumber: `${serial}\u0000` }, { token: customer });
      await api.post('/devices/search', { serialNumber: serial }, { token: admin });
      expect((await api.get(`/devices/${device.body.id}?reveal=true`, { token: admin })).body.serialNumber).toBe(`${serial}X`);
      await api.get(`/devices/${device.body.id}?reveal=true`, { token: customer });
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(output).toContain('Staff revealed a device serial');
      expect(output).toContain('/api/v1/devices/search');
      expect(output).not.toContain('LOGCANARY');
    } finally {
      app.kill('SIGTERM');
      await new Promise((resolve) => app.once('exit', resolve));
      await database.drop();
    }
  });
});
