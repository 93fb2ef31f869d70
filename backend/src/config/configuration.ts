import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { IANAZone } from 'luxon';
import { validateSync } from 'class-validator';
import { isCurrency, parseOpeningHours, type Currency, type IceServer, type ShopView } from '@repairhub/contracts';
import { parseIceServers, parseTurnUrls, type TurnSettings } from './ice-servers.js';
import { appRole, type AppRole } from './app-role.js';
import { parseDuration } from './duration.js';
import { DEFAULT_ACCESS_KID, parseAccessKeys, type AccessKey } from './access-keys.js';
import { EnvironmentVariables } from './env.schema.js';

export class ConfigurationError extends Error {}

export interface SerialKey {
  kid: string;
  key: Buffer;
}

/** The whole validated configuration, grouped by area. Injected as `AppConfig`. */
export abstract class AppConfig {
  abstract readonly env: 'development' | 'production' | 'test';
  /** Which parts this process runs (`APP_ROLE`); split roles share PostgreSQL and Redis. */
  abstract readonly role: AppRole;
  abstract readonly http: {
    port: number;
    host: string;
    publicUrl: string;
    corsOrigins: string[];
    trustProxyHops: number;
    bodyLimitBytes: number;
    serveApps: boolean;
    /** Swagger UI (`/api/docs`) and the OpenAPI document (`/api/docs-json`); public when on. */
    apiDocs: boolean;
  };
  abstract readonly log: { level: string };
  abstract readonly database: {
    url: string | null;
    readUrl: string | null;
    dataDir: string | null;
    poolSize: number;
    statementTimeoutMs: number;
    connectTimeoutMs: number;
  };
  abstract readonly redisUrl: string | null;
  /** Prefix of every Redis key this deployment writes (several deployments or test runs can share a Redis). */
  abstract readonly redisKeyPrefix: string;
  /**
   * SMTP_URL unset: emails are kept in the `email_outbox` table only (admins read them in the console). Otherwise
   * the delivery worker (`workerEnabled`) sends due rows every `pollMs`, retrying after `retryBaseMs` (doubling).
   */
  abstract readonly email: { smtpUrl: string | null; from: string; workerEnabled: boolean; pollMs: number; retryBaseMs: number };
  /** Recurring jobs (quote expiry and reminders, payment reconciliation); tests turn them off and run them on demand. */
  abstract readonly jobs: { schedulesEnabled: boolean };
  /** How long readiness answers 503 before the server stops accepting, so the load balancer drains it first. */
  abstract readonly shutdownGraceMs: number;
  abstract readonly otel: { endpoint: string | null; serviceName: string };
  abstract readonly auth: {
    /** Verification keys for access JWTs; the first signs (`JWT_ACCESS_KEYS`, or `JWT_ACCESS_SECRET` as kid `default`). */
    accessKeys: AccessKey[];
    refreshSecret: string;
    accessTtlMs: number;
    refreshTtlMs: number;
    refreshFamilyTtlMs: number;
    issuer: string;
    audience: string;
    argon2: { memoryCost: number; timeCost: number; parallelism: number };
  };
  abstract readonly serialKeys: SerialKey[];
  abstract readonly stripe: {
    secretKey: string | null;
    webhookSecret: string;
    publishableKey: string | null;
    apiUrl: string | null;
  };
  abstract readonly bootstrap: { adminEmail: string | null; adminPassword: string | null; demoData: boolean };
  abstract readonly rateLimitsEnabled: boolean;
  /** Requests per minute per API key (on top of the per-IP budgets). */
  abstract readonly apiKeyRateLimitPerMinute: number;
  /**
   * Outbound webhooks. `allowPrivate`: may deliver to loopback/private/link-local addresses and plain http
   * (development); off in production, where only https to public addresses is allowed.
   */
  abstract readonly webhooks: { allowPrivate: boolean; workerEnabled: boolean; pollMs: number; timeoutMs: number; retryBaseMs: number };
  /** Per-socket token bucket for `/chat` events (always on: abuse protection, not a quota). */
  abstract readonly chat: { ratePerSecond: number; burst: number };
  /** What customers read about the shop: pickup information, receipts, email footers; the currencies quotes may use. */
  abstract readonly shop: ShopView;
  /** Drop-off appointments: slots of `slotMinutes` within the opening hours, local to `timeZone`, `capacity` bookings each. */
  abstract readonly appointments: AppointmentSettings;
  /** Where attachment bytes live: files under a directory (DATA_DIR/attachments by default) or an S3-compatible bucket. */
  abstract readonly attachments: { storage: AttachmentStorageConfig };
  /** Video calls: ICE servers handed to browsers, TURN credentials minted from coturn's shared secret, ring timeout. */
  abstract readonly calls: { iceServers: IceServer[]; turn: TurnSettings | null; ringTimeoutMs: number };
}

export interface AppointmentSettings {
  timeZone: string;
  slotMinutes: number;
  capacity: number;
  /** Days ahead that may be booked, today included. */
  bookingDays: number;
}

export type AttachmentStorageConfig =
  /** `dir` null (DATA_DIR="", the tests' in-memory database): a fresh temporary directory of this process. */
  | { kind: 'local'; dir: string | null }
  | { kind: 's3'; bucket: string; endpoint: string | null; region: string; credentials: { accessKeyId: string; secretAccessKey: string } | null; forcePathStyle: boolean };

type Env = Record<string, string | undefined>;

const PRODUCTION_REQUIRED = ['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'SERIAL_ENCRYPTION_KEYS', 'DATABASE_URL'] as const;

function validate(env: Env): EnvironmentVariables {
  const parsed = plainToInstance(EnvironmentVariables, env, { enableImplicitConversion: false });
  const errors = validateSync(parsed, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const first = errors[0];
    const why = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigurationError(`Invalid configuration: ${first.property} ${why}`);
  }
  const role = parsed.APP_ROLE ?? 'all';
  // A split role is one part of a system: jobs, rooms, limits and revocations must be shared, and an
  // embedded database is private to one process.
  for (const name of ['REDIS_URL', 'DATABASE_URL'] as const) {
    if (role !== 'all' && !env[name]) throw new ConfigurationError(`Invalid configuration: APP_ROLE=${role} needs ${name} (only APP_ROLE=all runs alone)`);
  }
  if (parsed.NODE_ENV === 'production') {
    const missing = PRODUCTION_REQUIRED.find((name) => !env[name] && !(name === 'JWT_ACCESS_SECRET' && env.JWT_ACCESS_KEYS));
    if (missing) throw new ConfigurationError(`Invalid configuration: ${missing} is required when NODE_ENV=production`);
    if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) {
      throw new ConfigurationError(
        'Invalid configuration: STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are required when NODE_ENV=production (test mode is refused)',
      );
    }
  }
  return parsed;
}

/** Development secrets are generated once and kept beside the embedded database, so sessions survive restarts. */
function persistedDevSecrets(dataDir: string | null): { access: string; refresh: string; webhook: string; serial: string } {
  const fresh = () => ({
    access: randomBytes(48).toString('base64url'),
    refresh: randomBytes(48).toString('base64url'),
    webhook: `whsec_${randomBytes(24).toString('base64')}`,
    serial: `dev1:${randomBytes(32).toString('base64')}`,
  });
  if (!dataDir) return fresh();
  const file = join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const secrets = fresh();
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function parseSerialKeys(value: string): SerialKey[] {
  return value.split(',').map((entry) => {
    const [kid, b64] = entry.split(':');
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new ConfigurationError(`Invalid configuration: SERIAL_ENCRYPTION_KEYS key "${kid}" must be 32 bytes`);
    return { kid, key };
  });
}

function accessKeys(keys: string | undefined, secret: string | undefined): AccessKey[] {
  if (!keys) return [{ kid: DEFAULT_ACCESS_KID, secret: secret! }];
  const parsed = parseAccessKeys(keys);
  if (typeof parsed === 'string') throw new ConfigurationError(`Invalid configuration: JWT_ACCESS_KEYS ${parsed}`);
  return parsed;
}

function shopSettings(v: Pick<EnvironmentVariables, 'SHOP_NAME' | 'SHOP_ADDRESS' | 'SHOP_OPENING_HOURS' | 'SHOP_CURRENCY' | 'SHOP_CURRENCIES'>): ShopView {
  const openingHours = parseOpeningHours(v.SHOP_OPENING_HOURS ?? 'Mon-Fri 09:00-18:00; Sat 10:00-14:00');
  if (typeof openingHours === 'string') throw new ConfigurationError(`Invalid configuration: SHOP_OPENING_HOURS ${openingHours}`);
  const currency = v.SHOP_CURRENCY ?? 'usd';
  const listed = (v.SHOP_CURRENCIES ?? currency).split(',').map((c) => c.trim()).filter(Boolean);
  const unknown = listed.find((c) => !isCurrency(c));
  if (unknown !== undefined) throw new ConfigurationError(`Invalid configuration: SHOP_CURRENCIES "${unknown}" is not a lower-case ISO 4217 code such as usd`);
  if (!listed.includes(currency)) throw new ConfigurationError(`Invalid configuration: SHOP_CURRENCIES must include SHOP_CURRENCY (${currency})`);
  const currencies = [currency, ...new Set(listed.filter((c) => c !== currency))] as Currency[];
  return {
    name: v.SHOP_NAME?.trim() || 'RepairHub',
    address: v.SHOP_ADDRESS?.trim() || '12 Harbour Street, Springfield',
    openingHours,
    currency,
    currencies,
  };
}

export function loadConfiguration(input: Env = process.env): AppConfig {
  // An empty value means unset (compose passes `${SMTP_URL:-}` as ""), except DATA_DIR="" (in-memory database).
  const env = Object.fromEntries(Object.entries(input).filter(([name, value]) => value !== '' || name === 'DATA_DIR'));
  const v = validate(env);
  const nodeEnv = v.NODE_ENV ?? 'development';
  const databaseUrl = v.DATABASE_URL ?? null;
  // Tests pass DATA_DIR="" for a throw-away in-memory database.
  const dataDir = databaseUrl ? (v.DATA_DIR ? resolve(v.DATA_DIR) : null) : v.DATA_DIR === '' ? null : resolve(v.DATA_DIR ?? './.data');
  const dev = nodeEnv === 'production' ? null : persistedDevSecrets(dataDir ?? (databaseUrl ? resolve(v.DATA_DIR ?? './.data') : null));
  const port = v.PORT ?? 3000;

  return {
    env: nodeEnv,
    role: appRole(v.APP_ROLE ?? 'all'),
    http: {
      port,
      host: v.HOST ?? '0.0.0.0',
      publicUrl: (v.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
      corsOrigins: (v.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      trustProxyHops: v.TRUST_PROXY ?? 0,
      bodyLimitBytes: v.BODY_LIMIT_BYTES ?? 1024 * 1024,
      serveApps: v.SERVE_APPS ?? true,
      apiDocs: v.API_DOCS_ENABLED ?? true,
    },
    log: { level: v.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info') },
    database: {
      url: databaseUrl,
      readUrl: v.DATABASE_READ_URL ?? null,
      dataDir,
      poolSize: v.DATABASE_POOL_SIZE ?? 10,
      statementTimeoutMs: v.DATABASE_STATEMENT_TIMEOUT_MS ?? 15_000,
      connectTimeoutMs: v.DATABASE_CONNECT_TIMEOUT_MS ?? 3_000,
    },
    redisUrl: v.REDIS_URL ?? null,
    redisKeyPrefix: v.REDIS_KEY_PREFIX ?? 'rh:',
    email: {
      smtpUrl: v.SMTP_URL ?? null,
      from: v.EMAIL_FROM ?? 'RepairHub <no-reply@repairhub.local>',
      workerEnabled: v.EMAIL_WORKER_ENABLED ?? true,
      pollMs: v.EMAIL_POLL_MS ?? 1_000,
      retryBaseMs: v.EMAIL_RETRY_BASE_MS ?? 30_000,
    },
    jobs: { schedulesEnabled: v.JOB_SCHEDULES_ENABLED ?? nodeEnv !== 'test' },
    shutdownGraceMs: v.SHUTDOWN_GRACE_MS ?? (nodeEnv === 'production' ? 5_000 : 0),
    otel: { endpoint: v.OTEL_EXPORTER_OTLP_ENDPOINT ?? null, serviceName: v.OTEL_SERVICE_NAME ?? 'repairhub-api' },
    auth: {
      accessKeys: accessKeys(v.JWT_ACCESS_KEYS, v.JWT_ACCESS_SECRET ?? dev?.access),
      refreshSecret: v.JWT_REFRESH_SECRET ?? dev!.refresh,
      accessTtlMs: parseDuration(v.JWT_ACCESS_TTL ?? '15m'),
      refreshTtlMs: parseDuration(v.JWT_REFRESH_TTL ?? '30d'),
      refreshFamilyTtlMs: parseDuration(v.JWT_REFRESH_FAMILY_TTL ?? '90d'),
      issuer: 'repairhub',
      audience: 'repairhub-api',
      argon2: {
        memoryCost: v.ARGON2_MEMORY_KIB ?? 19456,
        timeCost: v.ARGON2_TIME_COST ?? 2,
        parallelism: v.ARGON2_PARALLELISM ?? 1,
      },
    },
    serialKeys: parseSerialKeys(v.SERIAL_ENCRYPTION_KEYS ?? dev!.serial),
    stripe: {
      secretKey: v.STRIPE_SECRET_KEY ?? null,
      webhookSecret: v.STRIPE_WEBHOOK_SECRET ?? dev!.webhook,
      publishableKey: v.STRIPE_PUBLISHABLE_KEY ?? null,
      apiUrl: v.STRIPE_API_URL ?? null,
    },
    bootstrap: {
      adminEmail: v.BOOTSTRAP_ADMIN_EMAIL ?? null,
      adminPassword: v.BOOTSTRAP_ADMIN_PASSWORD ?? null,
      demoData: v.DEMO_DATA ?? (!databaseUrl && nodeEnv === 'development'),
    },
    rateLimitsEnabled: v.RATE_LIMITS_ENABLED ?? true,
    apiKeyRateLimitPerMinute: v.API_KEY_RATE_LIMIT ?? 300,
    webhooks: {
      allowPrivate: v.WEBHOOKS_ALLOW_PRIVATE ?? nodeEnv !== 'production',
      workerEnabled: v.WEBHOOK_WORKER_ENABLED ?? true,
      pollMs: v.WEBHOOK_POLL_MS ?? 1_000,
      timeoutMs: v.WEBHOOK_TIMEOUT_MS ?? 10_000,
      retryBaseMs: v.WEBHOOK_RETRY_BASE_MS ?? 30_000,
    },
    chat: { ratePerSecond: v.CHAT_RATE_PER_SECOND ?? 10, burst: v.CHAT_RATE_BURST ?? 30 },
    shop: shopSettings(v),
    appointments: appointmentSettings(v),
    attachments: { storage: attachmentStorage(v) },
    calls: callSettings(v),
  };
}

function appointmentSettings(v: EnvironmentVariables): AppointmentSettings {
  const timeZone = v.SHOP_TIMEZONE ?? 'UTC';
  if (!IANAZone.isValidZone(timeZone)) throw new ConfigurationError(`Invalid configuration: SHOP_TIMEZONE "${timeZone}" is not an IANA time zone such as Europe/London`);
  return { timeZone, slotMinutes: v.SHOP_SLOT_MINUTES ?? 30, capacity: v.SHOP_SLOT_CAPACITY ?? 1, bookingDays: v.SHOP_BOOKING_DAYS ?? 14 };
}

function callSettings(v: EnvironmentVariables): AppConfig['calls'] {
  const iceServers = parseIceServers(v.ICE_SERVERS);
  if (typeof iceServers === 'string') throw new ConfigurationError(`Invalid configuration: ICE_SERVERS ${iceServers}`);
  let turn: TurnSettings | null = null;
  if (v.TURN_SECRET) {
    const urls = parseTurnUrls(v.TURN_URLS);
    if (typeof urls === 'string') throw new ConfigurationError(`Invalid configuration: TURN_URLS ${urls}`);
    turn = { secret: v.TURN_SECRET, urls, ttlSeconds: v.TURN_TTL_SECONDS ?? 3600 };
  } else if (v.TURN_URLS) {
    throw new ConfigurationError('Invalid configuration: TURN_URLS needs TURN_SECRET (or put static TURN credentials in ICE_SERVERS)');
  }
  return { iceServers, turn, ringTimeoutMs: v.CALL_RING_TIMEOUT_MS ?? 45_000 };
}

function attachmentStorage(v: EnvironmentVariables): AttachmentStorageConfig {
  if (v.S3_BUCKET) {
    if (!v.S3_ACCESS_KEY_ID !== !v.S3_SECRET_ACCESS_KEY) {
      throw new ConfigurationError('Invalid configuration: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
    }
    return {
      kind: 's3',
      bucket: v.S3_BUCKET,
      endpoint: v.S3_ENDPOINT ?? null,
      region: v.S3_REGION ?? 'us-east-1',
      credentials: v.S3_ACCESS_KEY_ID ? { accessKeyId: v.S3_ACCESS_KEY_ID, secretAccessKey: v.S3_SECRET_ACCESS_KEY! } : null,
      forcePathStyle: v.S3_FORCE_PATH_STYLE ?? false,
    };
  }
  return { kind: 'local', dir: v.DATA_DIR === '' ? null : join(resolve(v.DATA_DIR ?? './.data'), 'attachments') };
}
