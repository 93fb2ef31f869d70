import { Transform, Type } from 'class-transformer';
import { CURRENCIES, type Currency } from '@repairhub/contracts';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

import { APP_ROLES, type AppRoleName } from './app-role.js';

const DURATION = /^\d+(ms|s|m|h|d)$/;
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());

/** Every environment variable the app reads, with its rule. Defaults live in `configuration.ts`. */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: 'development' | 'production' | 'test';

  @IsOptional() @IsIn(APP_ROLES)
  APP_ROLE?: AppRoleName;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString()
  HOST?: string;

  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_tld: false })
  PUBLIC_URL?: string;

  @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_READ_URL?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  DATABASE_POOL_SIZE?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(100)
  DATABASE_STATEMENT_TIMEOUT_MS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(100)
  DATABASE_CONNECT_TIMEOUT_MS?: number;

  @IsOptional() @IsString()
  DATA_DIR?: string;

  @IsOptional() @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_ACCESS_SECRET?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000)
  API_KEY_RATE_LIMIT?: number;

  @IsOptional() @Transform(toBool) @IsBoolean()
  WEBHOOKS_ALLOW_PRIVATE?: boolean;

  @IsOptional() @Transform(toBool) @IsBoolean()
  WEBHOOK_WORKER_ENABLED?: boolean;

  @IsOptional() @Type(() => Number) @IsInt() @Min(50) @Max(60_000)
  WEBHOOK_POLL_MS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(60_000)
  WEBHOOK_TIMEOUT_MS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(10) @Max(3_600_000)
  WEBHOOK_RETRY_BASE_MS?: number;

  /** `kid:secret,kid:secret`: the first signs access tokens, all verify (rotation). Checked in configuration.ts. */
  @IsOptional() @IsString()
  JWT_ACCESS_KEYS?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_REFRESH_SECRET?: string;

  @IsOptional() @Matches(DURATION, { message: 'must be a duration such as 15m, 1h or 30d' })
  JWT_ACCESS_TTL?: string;

  @IsOptional() @Matches(DURATION, { message: 'must be a duration such as 15m, 1h or 30d' })
  JWT_REFRESH_TTL?: string;

  @IsOptional() @Matches(DURATION, { message: 'must be a duration such as 90d' })
  JWT_REFRESH_FAMILY_TTL?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(19456, { message: 'must be at least 19456 KiB (OWASP minimum)' })
  ARGON2_MEMORY_KIB?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(2)
  ARGON2_TIME_COST?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  ARGON2_PARALLELISM?: number;

  @IsOptional() @Matches(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/, {
    message: 'must be kid:base64key[,kid:base64key...]',
  })
  SERIAL_ENCRYPTION_KEYS?: string;

  @IsOptional() @IsString()
  STRIPE_SECRET_KEY?: string;

  @IsOptional() @IsString()
  STRIPE_WEBHOOK_SECRET?: string;

  @IsOptional() @IsString()
  STRIPE_PUBLISHABLE_KEY?: string;

  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_tld: false })
  STRIPE_API_URL?: string;

  @IsOptional() @IsString()
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @IsOptional() @IsString() @MinLength(12, { message: 'must be at least 12 characters' })
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  @IsOptional() @Transform(toBool) @IsBoolean()
  DEMO_DATA?: boolean;

  @IsOptional() @IsString()
  CORS_ORIGINS?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10)
  TRUST_PROXY?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1024)
  BODY_LIMIT_BYTES?: number;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional() @Transform(toBool) @IsBoolean()
  RATE_LIMITS_ENABLED?: boolean;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000)
  CHAT_RATE_PER_SECOND?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10_000)
  CHAT_RATE_BURST?: number;

  @IsOptional() @Transform(toBool) @IsBoolean()
  SERVE_APPS?: boolean;

  @IsOptional() @Transform(toBool) @IsBoolean()
  API_DOCS_ENABLED?: boolean;

  @IsOptional() @Matches(/^[\w:.-]{1,64}$/, { message: 'must be 1-64 letters, digits or : . _ -' })
  REDIS_KEY_PREFIX?: string;

  @IsOptional() @Matches(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional() @IsString() @MinLength(3)
  EMAIL_FROM?: string;

  @IsOptional() @Transform(toBool) @IsBoolean()
  EMAIL_WORKER_ENABLED?: boolean;

  @IsOptional() @Type(() => Number) @IsInt() @Min(50) @Max(60_000)
  EMAIL_POLL_MS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(10) @Max(3_600_000)
  EMAIL_RETRY_BASE_MS?: number;

  @IsOptional() @Transform(toBool) @IsBoolean()
  JOB_SCHEDULES_ENABLED?: boolean;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(120_000)
  SHUTDOWN_GRACE_MS?: number;

  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_tld: false })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsOptional() @IsString()
  OTEL_SERVICE_NAME?: string;

  @IsOptional() @IsString() @MaxLength(80)
  SHOP_NAME?: string;

  @IsOptional() @IsString() @MaxLength(200)
  SHOP_ADDRESS?: string;

  /** `Mon-Fri 09:00-18:00; Sat 10:00-14:00`. Checked in configuration.ts. */
  @IsOptional() @IsString()
  SHOP_OPENING_HOURS?: string;

  @IsOptional() @IsIn(CURRENCIES, { message: 'must be a lower-case ISO 4217 code such as usd or eur' })
  SHOP_CURRENCY?: Currency;

  /** `usd,eur`: the currencies quotes may use. Checked in configuration.ts. */
  @IsOptional() @IsString()
  SHOP_CURRENCIES?: string;

  /** IANA time zone of the shop (`Europe/London`): opening hours and drop-off slots are local to it. Checked in configuration.ts. */
  @IsOptional() @IsString()
  SHOP_TIMEZONE?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(5) @Max(240)
  SHOP_SLOT_MINUTES?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  SHOP_SLOT_CAPACITY?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(90)
  SHOP_BOOKING_DAYS?: number;

  /** Set: attachments go to this S3-compatible bucket instead of files under DATA_DIR. */
  @IsOptional() @IsString() @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name' })
  S3_BUCKET?: string;

  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  S3_ENDPOINT?: string;

  @IsOptional() @IsString()
  S3_REGION?: string;

  @IsOptional() @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional() @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** `bucket` in the path instead of the host name (MinIO, Ceph and most self-hosted servers need it). */
  @IsOptional() @Transform(toBool) @IsBoolean()
  S3_FORCE_PATH_STYLE?: boolean;

  /** JSON array of RTCIceServer objects for video calls (STUN/TURN), checked in `ice-servers.ts`. */
  @IsOptional() @IsString()
  ICE_SERVERS?: string;

  /** coturn's `static-auth-secret`: TURN credentials are minted per call from it. */
  @IsOptional() @IsString() @MinLength(16)
  TURN_SECRET?: string;

  /** Comma-separated `turn:`/`turns:` URLs the minted credentials are for. */
  @IsOptional() @IsString()
  TURN_URLS?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(60) @Max(7 * 24 * 3600)
  TURN_TTL_SECONDS?: number;

  /** How long a call rings before it counts as missed. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1000) @Max(600_000)
  CALL_RING_TIMEOUT_MS?: number;
}
