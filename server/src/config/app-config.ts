import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import type { WechatTemplateKey } from '@nuanxin/shared';

const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-in-production-0123456789';
// 32 zero-ish bytes in base64: fine for development, refused in production.
const DEV_PII_KEY = 'k1:ZGV2LW9ubHktcGlpLWtleS0zMi1ieXRlcy1sb25nISE=';
const DEV_PII_HMAC_KEY = 'ZGV2LW9ubHktaG1hYy1rZXktZm9yLWxvb2t1cHMtMDAwMDA=';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());

/**
 * Every environment variable the server reads, validated once at boot.
 * Documented in docs/operations.md; the defaults are safe for development only.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** mysql://user:pass@host:3306/db (MySQL 8) or mariadb://… (MariaDB 10.11); empty = embedded SQLite. */
  @IsOptional() @Matches(/^(mysql|mariadb):\/\//, { message: 'DB_URL must start with mysql:// or mariadb://' })
  DB_URL?: string;

  @IsString()
  SQLITE_PATH = 'data/nuanxin.sqlite';

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DB_POOL_SIZE = 10;

  @IsString() @MinLength(32)
  JWT_SECRET = DEV_JWT_SECRET;

  /** Access token lifetime in seconds. */
  @Transform(toInt) @IsInt() @Min(30) @Max(86400)
  JWT_ACCESS_TTL = 900;

  /** Refresh token lifetime in days. */
  @Transform(toInt) @IsInt() @Min(1) @Max(365)
  REFRESH_TTL_DAYS = 30;

  /** Comma-separated `keyId:base64(32 bytes)`; every listed key can decrypt, PII_ACTIVE_KEY_ID encrypts. */
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]{43,44})*$/)
  PII_KEYS = DEV_PII_KEY;

  @IsOptional() @IsString()
  PII_ACTIVE_KEY_ID?: string;

  /** base64 key for the keyed HMAC-SHA256 lookup columns; never rotate without re-hashing. */
  @IsString() @MinLength(32)
  PII_HMAC_KEY = DEV_PII_HMAC_KEY;

  @IsOptional() @IsString()
  WECHAT_APPID?: string;

  @IsOptional() @IsString()
  WECHAT_SECRET?: string;

  @IsString() @Matches(/^https?:\/\//)
  WECHAT_API_BASE = 'https://api.weixin.qq.com';

  @Transform(toInt) @IsInt() @Min(100) @Max(60000)
  WECHAT_TIMEOUT_MS = 5000;

  /** Subscribe-message template ids picked in the WeChat console (fields in shared/src/notices.ts); unset = not sent. */
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{8,64}$/)
  WECHAT_TEMPLATE_CLAIM_PROGRESS?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9_-]{8,64}$/)
  WECHAT_TEMPLATE_JOIN_RESULT?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9_-]{8,64}$/)
  WECHAT_TEMPLATE_EVENT_CHANGE?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9_-]{8,64}$/)
  WECHAT_TEMPLATE_WISH_PROGRESS?: string;

  /** Which build a subscribe message opens: `formal` (released), `trial` or `developer`. */
  @IsIn(['formal', 'trial', 'developer'])
  WECHAT_MINIPROGRAM_STATE: 'formal' | 'trial' | 'developer' = 'formal';

  /** Public origin of the H5 app, used in join QR codes when WeChat is not configured. */
  @IsString() @Matches(/^https?:\/\/[^/]+$/, { message: 'PUBLIC_BASE_URL must be an origin like https://nuanxin.example.org' })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** Uploaded claim photos (relative to server/); production may mount shared storage here. */
  @IsString()
  STORAGE_DIR = 'storage';

  /** S3-compatible object storage for uploaded photos (Aliyun OSS, Tencent COS, MinIO…): set = used instead of STORAGE_DIR. */
  @IsOptional() @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a bucket name' })
  S3_BUCKET?: string;

  /** Key prefix inside the bucket (e.g. `nuanxin/`), so one bucket can hold several environments. */
  @Matches(/^([a-z0-9-]+\/)*$/, { message: 'S3_PREFIX must be empty or like nuanxin/ (lower case, ends with /)' })
  S3_PREFIX = '';

  @IsString()
  S3_REGION = 'us-east-1';

  /** The provider's S3 endpoint (e.g. https://oss-cn-hangzhou.aliyuncs.com); empty = AWS. */
  @IsOptional() @Matches(/^https?:\/\//, { message: 'S3_ENDPOINT must be an http(s) URL' })
  S3_ENDPOINT?: string;

  /** Path-style addressing (endpoint/bucket/key) for MinIO and most self-hosted servers; off = bucket.endpoint. */
  @Transform(toBool)
  S3_FORCE_PATH_STYLE = false;

  /** Credentials; unset = the SDK's default chain (AWS_ACCESS_KEY_ID…, instance role). */
  @IsOptional() @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional() @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** redis://host:port/db: the auth rate limit counts there, shared by every replica; unset = per process. */
  @IsOptional() @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;

  /** The jobs room's clock (ms): how often each replica looks for due jobs. Jobs set their own periods. */
  @Transform(toInt) @IsInt() @Min(50) @Max(60000)
  JOBS_TICK_MS = 1000;

  /** How long a replica's claim on a job run or an outbox message holds without renewal before another replica may take it over (ms). */
  @Transform(toInt) @IsInt() @Min(200) @Max(3600000)
  JOBS_LEASE_MS = 60000;

  /** Off = this process runs no timed work (a web-only replica, or a test that drives jobs by hand). */
  @Transform(toBool)
  JOBS_ENABLED = true;

  /** How often resolved claims past their rating window are closed, and expired idempotency records purged (ms). */
  @Transform(toInt) @IsInt() @Min(100) @Max(86400000)
  HOUSEKEEPING_EVERY_MS = 600000;

  /** How often the benefits stock audit (remaining + claimed = stock) runs (ms); daily by default. */
  @Transform(toInt) @IsInt() @Min(100) @Max(604800000)
  BENEFITS_STOCK_AUDIT_EVERY_MS = 86400000;

  /** Beijing time (HH:MM) the benefits stock audit's slots start: at night, when nobody claims or redeems. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'BENEFITS_STOCK_AUDIT_AT must be HH:MM (Beijing time)' })
  BENEFITS_STOCK_AUDIT_AT = '02:30';

  /** Audit log lines older than this many days are purged (PIPL asks to keep processing records at least 3 years). */
  @Transform(toInt) @IsInt() @Min(30) @Max(36500)
  AUDIT_RETENTION_DAYS = 1095;

  /** How often each replica checks the stations version row and rebuilds its geo index (ms). */
  @Transform(toInt) @IsInt() @Min(200) @Max(600000)
  STATIONS_INDEX_POLL_MS = 2000;

  /** `dev` logs the code, `test` keeps it in memory, `http` posts it to the union's SMS gateway (required in production). */
  @IsIn(['dev', 'test', 'http'])
  SMS_SENDER: 'dev' | 'test' | 'http' = 'dev';

  /** The SMS gateway for `SMS_SENDER=http`: receives POST { mobile, code, template, ttlMinutes }. */
  @IsOptional() @Matches(/^https?:\/\//, { message: 'SMS_HTTP_URL must be an http(s) URL' })
  SMS_HTTP_URL?: string;

  /** Sent as `Authorization: Bearer …` to the SMS gateway. */
  @IsOptional() @IsString()
  SMS_HTTP_TOKEN?: string;

  @Transform(toInt) @IsInt() @Min(100) @Max(60000)
  SMS_HTTP_TIMEOUT_MS = 5000;

  /** Behind a load balancer: trust its X-Forwarded-For for client IPs (rate limits). `true`, or a comma list of the balancers' IPs/CIDRs. */
  @IsOptional() @IsString()
  TRUST_PROXY?: string;

  /** Requests per minute per client IP on /api/auth routes. */
  @Transform(toInt) @IsInt() @Min(1)
  AUTH_RATE_LIMIT = 30;

  @Transform(toInt) @IsInt() @Min(1024)
  BODY_LIMIT_BYTES = 1048576;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Dev login (`POST /api/auth/dev`, any openid, any role) and the demo user list: an explicit opt-in for demos and tests, refused in production. */
  @Transform(toBool)
  DEV_LOGIN = false;

  /** Benchmarks only (`pnpm bench:benefits`): flash claims take the naive read-then-write path, to show it oversells. Refused in production. */
  @Transform(toBool)
  BENEFITS_NAIVE_CLAIM_FOR_BENCH = false;

  /** Seed the demo city (Xiamen) at boot when the database has no orgs. */
  @Transform(toBool)
  SEED_DEMO = true;

  /**
   * With the demo seed: one officer per district catch-all union, so a non-member's claim without an employer union
   * is handled there (not at the district federation). The server tests' city keeps them out (`false`): their
   * routing and escalation expectations were written for a city without them.
   */
  @Transform(toBool)
  SEED_CATCH_ALL_OFFICERS = true;

  /** Built H5 app served at `/`; empty or missing folder = API only. */
  @IsString()
  H5_DIST = '../miniapp/dist/h5';

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** Fastify's trustProxy: `true` (trust every hop) or the balancers' addresses/CIDRs. */
  get trustProxy(): boolean | string[] {
    const v = this.TRUST_PROXY?.trim();
    if (!v || v === 'false') return false;
    if (v === 'true') return true;
    return v.split(',').map((s) => s.trim()).filter(Boolean);
  }

  get dialect(): 'mysql' | 'sqlite' {
    return this.DB_URL ? 'mysql' : 'sqlite';
  }

  /** Template ids by catalogue key, only those configured. */
  get wechatTemplates(): Partial<Record<WechatTemplateKey, string>> {
    const ids: Record<WechatTemplateKey, string | undefined> = {
      claimProgress: this.WECHAT_TEMPLATE_CLAIM_PROGRESS,
      joinResult: this.WECHAT_TEMPLATE_JOIN_RESULT,
      eventChange: this.WECHAT_TEMPLATE_EVENT_CHANGE,
      wishProgress: this.WECHAT_TEMPLATE_WISH_PROGRESS,
    };
    return Object.fromEntries(Object.entries(ids).filter(([, id]) => !!id)) as Partial<Record<WechatTemplateKey, string>>;
  }
}

export class ConfigError extends Error {}

/** Builds and validates the config from an env-like record; throws with every problem listed. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of [...known, 'DB_URL', 'PII_ACTIVE_KEY_ID', 'WECHAT_APPID', 'WECHAT_SECRET', 'SMS_HTTP_URL', 'SMS_HTTP_TOKEN', 'TRUST_PROXY', 'WECHAT_TEMPLATE_CLAIM_PROGRESS', 'WECHAT_TEMPLATE_JOIN_RESULT', 'WECHAT_TEMPLATE_EVENT_CHANGE', 'WECHAT_TEMPLATE_WISH_PROGRESS', 'S3_BUCKET', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'REDIS_URL']) {
    const v = env[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { forbidUnknownValues: false });
  const problems = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  if (config.isProduction) {
    if (config.JWT_SECRET === DEV_JWT_SECRET) problems.push('JWT_SECRET: set a real secret in production');
    if (config.PII_KEYS === DEV_PII_KEY) problems.push('PII_KEYS: set real keys in production');
    if (config.PII_HMAC_KEY === DEV_PII_HMAC_KEY) problems.push('PII_HMAC_KEY: set a real key in production');
    if (config.SMS_SENDER !== 'http') problems.push('SMS_SENDER: production sends codes through the SMS gateway (http), never to the log');
    if (/^https?:\/\/(localhost|127\.|\[::1\])/.test(config.PUBLIC_BASE_URL)) problems.push('PUBLIC_BASE_URL: set the public origin riders open (join QR codes point at it)');
    if (config.DEV_LOGIN) problems.push('DEV_LOGIN: dev login lets anyone act as any user; never in production');
    if (config.BENEFITS_NAIVE_CLAIM_FOR_BENCH) problems.push('BENEFITS_NAIVE_CLAIM_FOR_BENCH: the naive claim oversells; benchmarks only, never in production');
  }
  if (!config.S3_ACCESS_KEY_ID !== !config.S3_SECRET_ACCESS_KEY) problems.push('S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: set both or neither');
  if (config.SMS_SENDER === 'http' && !config.SMS_HTTP_URL) problems.push('SMS_HTTP_URL: required when SMS_SENDER=http');
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
