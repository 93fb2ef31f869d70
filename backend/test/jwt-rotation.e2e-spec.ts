import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerCustomer, type TestUser } from './factories/users.factory.js';
import { connectChat } from './support/chat-client.js';
import { expectProblem } from './support/api-client.js';
import { createTestDatabase, startTestApp, type TestApp } from './support/test-app.js';

const OLD = 'old-access-secret-0123456789-abcdefghijklmnop';
const NEW = 'new-access-secret-0123456789-abcdefghijklmnop';

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const verifies = (token: string, secret: string) => {
  const [header, payload, signature] = token.split('.');
  return createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url') === signature;
};

describe('access-token signing-key rotation', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rh-jwt-rotate-'));
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestApp | null = null;
  let user: TestUser;

  const start = async (env: Record<string, string | undefined>) => {
    t = await startTestApp({ DATA_DIR: dataDir, ...env }, database);
    return t;
  };
  const stop = async () => {
    await t?.stop();
    t = null;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('JWT_ACCESS_SECRET alone signs with kid "default"', async () => {
    const app = await start({ JWT_ACCESS_SECRET: OLD });
    user = await registerCustomer(app, 'Rotating Rita');
    expect(decode(user.token.split('.')[0])).toMatchObject({ alg: 'HS256', kid: 'default' });
    expect(verifies(user.token, OLD)).toBe(true);
    await stop();
  });

  it('after adding a new first key: the old session keeps working, new tokens are signed with the new key', async () => {
    const app = await start({ JWT_ACCESS_SECRET: undefined, JWT_ACCESS_KEYS: `k2:${NEW},default:${OLD}` });
    expect((await app.api.get('/auth/me', { token: user.token })).body).toMatchObject({ id: user.id });

    // The Socket.IO handshake applies the same keys.
    (await connectChat(app, user.token)).close();

    const login = await app.api.post('/auth/login', { email: user.email, password: user.password }, { headers: { 'x-token-transport': 'body' } });
    const fresh: string = login.body.accessToken;
    expect(decode(fresh.split('.')[0])).toMatchObject({ kid: 'k2' });
    expect(verifies(fresh, NEW)).toBe(true);
    expect(verifies(fresh, OLD)).toBe(false);
    expect((await app.api.get('/auth/me', { token: fresh })).status).toBe(200);
    user.token = `${user.token}|${fresh}`;
    await stop();
  });

  it('once the old key is removed, tokens it signed are refused and the new ones still work', async () => {
    const [old, fresh] = user.token.split('|');
    const app = await start({ JWT_ACCESS_SECRET: undefined, JWT_ACCESS_KEYS: `k2:${NEW}` });
    expectProblem(await app.api.get('/auth/me', { token: old }), 401, 'AUTH.INVALID_TOKEN');
    expect((await app.api.get('/auth/me', { token: fresh })).status).toBe(200);
    await expect(connectChat(app, old)).rejects.toThrow();
    await stop();
  });
});
