import { loadConfiguration } from './configuration.js';

const secret = 'x'.repeat(40);
const production = {
  NODE_ENV: 'production',
  JWT_ACCESS_SECRET: secret,
  JWT_REFRESH_SECRET: secret,
  SERIAL_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  DATABASE_URL: 'postgres://db/app',
  STRIPE_SECRET_KEY: 'sk_live_x',
  STRIPE_WEBHOOK_SECRET: 'whsec_x',
};

describe('loadConfiguration', () => {
  it('starts in production with every required value', () => {
    const config = loadConfiguration(production);
    expect(config.env).toBe('production');
    expect(config.auth.accessTtlMs).toBe(15 * 60_000);
    expect(config.bootstrap.demoData).toBe(false);
  });

  it.each(['JWT_ACCESS_SECRET', 'SERIAL_ENCRYPTION_KEYS', 'DATABASE_URL'])('stops production start-up without %s, naming it', (name) => {
    const env: Record<string, string | undefined> = { ...production, [name]: undefined };
    expect(() => loadConfiguration(env)).toThrow(new RegExp(`^Invalid configuration: ${name} `));
  });

  it.each(['api', 'realtime', 'worker'])('refuses APP_ROLE=%s without Redis in one line naming it', (role) => {
    expect(() => loadConfiguration({ ...production, APP_ROLE: role })).toThrow(
      new Error(`Invalid configuration: APP_ROLE=${role} needs REDIS_URL (only APP_ROLE=all runs alone)`),
    );
    expect(loadConfiguration({ ...production, APP_ROLE: role, REDIS_URL: 'redis://cache:6379' }).role).toMatchObject({ name: role });
  });

  it('runs every part by default, without Redis, and names an unknown role', () => {
    expect(loadConfiguration({ NODE_ENV: 'test', DATA_DIR: '' }).role).toEqual({ name: 'all', api: true, chat: true, workers: true });
    expect(() => loadConfiguration({ NODE_ENV: 'test', DATA_DIR: '', APP_ROLE: 'chat' })).toThrow(/^Invalid configuration: APP_ROLE /);
  });

  it('refuses test-mode payments in production', () => {
    expect(() => loadConfiguration({ ...production, STRIPE_SECRET_KEY: undefined })).toThrow(/STRIPE_SECRET_KEY/);
  });

  it('names a malformed value in one line', () => {
    expect(() => loadConfiguration({ NODE_ENV: 'test', DATA_DIR: '', PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT /);
    expect(() => loadConfiguration({ NODE_ENV: 'test', DATA_DIR: '', JWT_ACCESS_SECRET: 'short' })).toThrow(
      'Invalid configuration: JWT_ACCESS_SECRET must be at least 32 characters',
    );
    expect(() => loadConfiguration({ NODE_ENV: 'test', DATA_DIR: '', ARGON2_MEMORY_KIB: '4096' })).toThrow(/ARGON2_MEMORY_KIB/);
  });

  it('takes JWT_ACCESS_KEYS in order (first signs) instead of JWT_ACCESS_SECRET, and names a bad value', () => {
    const keys = loadConfiguration({ ...production, JWT_ACCESS_SECRET: undefined, JWT_ACCESS_KEYS: `k2:${'n'.repeat(32)},k1:${secret}` }).auth.accessKeys;
    expect(keys.map((k) => k.kid)).toEqual(['k2', 'k1']);
    expect(loadConfiguration(production).auth.accessKeys).toEqual([{ kid: 'default', secret }]);
    expect(() => loadConfiguration({ ...production, JWT_ACCESS_KEYS: 'k1:short' })).toThrow(/^Invalid configuration: JWT_ACCESS_KEYS /);
  });

  it('rejects a serial key that is not 32 bytes', () => {
    expect(() => loadConfiguration({ ...production, SERIAL_ENCRYPTION_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` })).toThrow(
      /must be 32 bytes/,
    );
  });

  it('generates development secrets when none are configured', () => {
    const config = loadConfiguration({ NODE_ENV: 'development', DATA_DIR: '' });
    expect(config.auth.accessKeys[0].secret.length).toBeGreaterThanOrEqual(32);
    expect(config.serialKeys[0].key).toHaveLength(32);
    expect(config.bootstrap.demoData).toBe(true);
  });

  it('reads the shop settings, the shop currency first among the accepted ones', () => {
    const config = loadConfiguration({
      ...production,
      SHOP_NAME: 'Fix-It Corner',
      SHOP_ADDRESS: '3 Mill Lane, Leeds',
      SHOP_OPENING_HOURS: 'Tue-Sat 10:00-19:00',
      SHOP_CURRENCY: 'gbp',
      SHOP_CURRENCIES: 'eur, gbp',
    });
    expect(config.shop).toEqual({
      name: 'Fix-It Corner',
      address: '3 Mill Lane, Leeds',
      openingHours: [{ days: ['tue', 'wed', 'thu', 'fri', 'sat'], opens: '10:00', closes: '19:00' }],
      currency: 'gbp',
      currencies: ['gbp', 'eur'],
    });
  });

  it('stops on unreadable opening hours or currencies, naming the variable', () => {
    expect(() => loadConfiguration({ ...production, SHOP_OPENING_HOURS: 'weekdays 9 to 5' })).toThrow(
      'Invalid configuration: SHOP_OPENING_HOURS "weekdays 9 to 5" is not of the form "Mon-Fri 09:00-18:00"',
    );
    expect(() => loadConfiguration({ ...production, SHOP_CURRENCY: 'USD' })).toThrow('Invalid configuration: SHOP_CURRENCY must be a lower-case ISO 4217 code');
    expect(() => loadConfiguration({ ...production, SHOP_CURRENCIES: 'usd,xau' })).toThrow('SHOP_CURRENCIES "xau" is not a lower-case ISO 4217 code');
    expect(() => loadConfiguration({ ...production, SHOP_CURRENCY: 'eur', SHOP_CURRENCIES: 'usd' })).toThrow('SHOP_CURRENCIES must include SHOP_CURRENCY (eur)');
  });
  it('reads the drop-off settings with their defaults and refuses an unknown time zone or a bad slot length', () => {
    expect(loadConfiguration(production).appointments).toEqual({ timeZone: 'UTC', slotMinutes: 30, capacity: 1, bookingDays: 14 });
    const config = loadConfiguration({ ...production, SHOP_TIMEZONE: 'Europe/London', SHOP_SLOT_MINUTES: '20', SHOP_SLOT_CAPACITY: '3', SHOP_BOOKING_DAYS: '7' });
    expect(config.appointments).toEqual({ timeZone: 'Europe/London', slotMinutes: 20, capacity: 3, bookingDays: 7 });
    expect(() => loadConfiguration({ ...production, SHOP_TIMEZONE: 'Mars/Olympus' })).toThrow(
      'Invalid configuration: SHOP_TIMEZONE "Mars/Olympus" is not an IANA time zone such as Europe/London',
    );
    expect(() => loadConfiguration({ ...production, SHOP_SLOT_MINUTES: '2' })).toThrow(/Invalid configuration: SHOP_SLOT_MINUTES .*must not be less than 5/);
    expect(() => loadConfiguration({ ...production, SHOP_SLOT_CAPACITY: 'two' })).toThrow(/Invalid configuration: SHOP_SLOT_CAPACITY/);
  });

  it('reads the call settings: no ICE servers by default, TURN only with its secret and URLs', () => {
    expect(loadConfiguration(production).calls).toEqual({ iceServers: [], turn: null, ringTimeoutMs: 45_000 });
    const calls = loadConfiguration({
      ...production,
      ICE_SERVERS: '[{"urls":"stun:stun.shop.example:3478"}]',
      TURN_SECRET: 's'.repeat(32),
      TURN_URLS: 'turn:turn.shop.example:3478?transport=udp,turns:turn.shop.example:5349',
      TURN_TTL_SECONDS: '600',
    }).calls;
    expect(calls.iceServers).toEqual([{ urls: 'stun:stun.shop.example:3478' }]);
    expect(calls.turn).toEqual({ secret: 's'.repeat(32), urls: ['turn:turn.shop.example:3478?transport=udp', 'turns:turn.shop.example:5349'], ttlSeconds: 600 });
    expect(() => loadConfiguration({ ...production, ICE_SERVERS: '[{"urls":"https://x"}]' })).toThrow('Invalid configuration: ICE_SERVERS entry 0: urls');
    expect(() => loadConfiguration({ ...production, TURN_SECRET: 's'.repeat(32) })).toThrow('Invalid configuration: TURN_URLS is required with TURN_SECRET');
    expect(() => loadConfiguration({ ...production, TURN_URLS: 'turn:a:3478' })).toThrow('TURN_URLS needs TURN_SECRET');
  });
});
