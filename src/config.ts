import { z } from 'zod';

/**
 * Every setting Tsunagu reads from the environment. Parsed once at start-up and passed down explicitly, so a
 * module never reaches for process.env and a test can build any configuration it needs.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  TSUNAGU_MODE: z.enum(['demo', 'production']).optional(),
  HOST: z.string().min(1).default('localhost'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BASE_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./.tsunagu'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MIGRATE_ON_START: booleanFlag.default(true),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(20_000),
  TRUST_PROXY: booleanFlag.default(false),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  SIGNATURE_TRUST_ANCHORS_FILE: z.string().min(1).optional(),
  ASSIST_LLM_BASE_URL: z.url().optional(),
  ASSIST_LLM_MODEL: z.string().min(1).optional(),
  ASSIST_LLM_API_KEY: z.string().min(1).optional(),
  ASSIST_LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(20_000),
  LINE_API_BASE_URL: z.url().optional(),
  LINE_ACCESS_BASE_URL: z.url().optional(),
  NOTIFY_DEMO_LINE_PORT: z.coerce.number().int().min(1024).max(65535).default(3901),
  NOTIFY_DEMO_SMTP_PORT: z.coerce.number().int().min(1024).max(65535).default(3925),
  LINE_RATE_PER_SECOND: z.coerce.number().int().min(1).default(2000),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  NOTIFY_MAIL_FROM: z.string().min(3).default('Tsunagu <no-reply@tsunagu.example>'),
  NOTIFY_VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:)/, 'must start with mailto: or https:')
    .default('mailto:admin@tsunagu.example'),
  NOTIFY_SEND_LEASE_SECONDS: z.coerce.number().int().min(1).default(60),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(48),
  NOTIFY_SEND_BATCH: z.coerce.number().int().min(1).max(500).default(500),
  NOTIFY_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).default(30),
});

export type Environment = z.input<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  /** demo mode seeds demo data and enables the built-in stand-ins for outside services. */
  mode: 'demo' | 'production';
  host: string;
  port: number;
  baseUrl: string;
  /** undefined means: start the embedded PostgreSQL under dataDir. */
  databaseUrl: string | undefined;
  databasePoolMax: number;
  dataDir: string;
  embeddedPgPort: number;
  /** undefined in demo mode until the data dir provides one (see resolveSecrets). */
  sessionSecret: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  migrateOnStart: boolean;
  rateLimitPerMinute: number;
  bodyLimitBytes: number;
  workerConcurrency: number;
  /** HTTP processes `serve` runs (node:cluster workers sharing the port); 1 serves in the main process. */
  webConcurrency: number;
  shutdownTimeoutMs: number;
  trustProxy: boolean;
  /** The card authority parents sign in with (OpenID Connect). Undefined: the demo card authority in demo mode. */
  oidc: { issuer: string; clientId: string; clientSecret: string } | undefined;
  /** PEM file of the root certificates a document signature must chain to (the demo CA is added in demo mode). */
  signatureTrustAnchorsFile: string | undefined;
  /** An OpenAI-compatible Chat Completions endpoint for the assist module; undefined: deterministic only. */
  assistLlm: { baseUrl: string; model: string; apiKey: string | undefined; timeoutMs: number } | undefined;
  notify: {
    /** LINE Messaging API base URL; in demo mode the local LINE server started by `serve --demo`. */
    lineApiBaseUrl: string;
    /** Where LINE's account-link dialog lives (access.line.me; the local LINE server in demo mode). */
    lineAccessBaseUrl: string;
    /** Ports of the local LINE and SMTP servers `serve --demo` starts (demo mode only). */
    demoLinePort: number;
    demoSmtpPort: number;
    /** Requests per second per LINE channel (LINE's default limit is 2,000). */
    lineRatePerSecond: number;
    /** SMTP server for e-mail; undefined disables the e-mail channel (demo mode: the local SMTP server). */
    smtpUrl: string | undefined;
    mailFrom: string;
    vapidSubject: string;
    /** How long a claimed delivery may stay `sending` before another worker takes the batch back. */
    sendLeaseSeconds: number;
    /** Temporary failures after this many attempts become permanent. */
    maxAttempts: number;
    /** Ledger rows one worker claims at a time (at most the channel's own batch limit, LINE: 500). */
    sendBatch: number;
    /** First retry delay of a temporary failure; doubles per attempt up to 6 hours. */
    retryBaseSeconds: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}\n` +
        'See the configuration table in README.md.',
    );
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as in most twelve-factor tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })),
    );
  }
  const e = parsed.data;
  const mode = e.TSUNAGU_MODE ?? (e.NODE_ENV === 'production' ? 'production' : 'demo');
  if (mode === 'production' && !e.SESSION_SECRET) {
    throw new ConfigError([{ variable: 'SESSION_SECRET', message: 'is required when TSUNAGU_MODE=production' }]);
  }
  if (mode === 'production' && !e.BASE_URL) {
    throw new ConfigError([{ variable: 'BASE_URL', message: 'is required when TSUNAGU_MODE=production' }]);
  }
  const oidcVariables = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcVariables.some(Boolean) && !oidcVariables.every(Boolean)) {
    throw new ConfigError([
      { variable: 'OIDC_ISSUER', message: 'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together' },
    ]);
  }
  if (Boolean(e.ASSIST_LLM_BASE_URL) !== Boolean(e.ASSIST_LLM_MODEL)) {
    throw new ConfigError([
      { variable: 'ASSIST_LLM_BASE_URL', message: 'ASSIST_LLM_BASE_URL and ASSIST_LLM_MODEL go together' },
    ]);
  }
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
  return {
    env: e.NODE_ENV,
    mode,
    host: e.HOST,
    port: e.PORT,
    baseUrl: (e.BASE_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    sessionSecret: e.SESSION_SECRET,
    logLevel: e.LOG_LEVEL,
    migrateOnStart: e.MIGRATE_ON_START,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    workerConcurrency: e.WORKER_CONCURRENCY,
    webConcurrency: e.WEB_CONCURRENCY,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    trustProxy: e.TRUST_PROXY,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? { issuer: e.OIDC_ISSUER.replace(/\/$/, ''), clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET }
        : undefined,
    signatureTrustAnchorsFile: e.SIGNATURE_TRUST_ANCHORS_FILE,
    assistLlm:
      e.ASSIST_LLM_BASE_URL && e.ASSIST_LLM_MODEL
        ? {
            baseUrl: e.ASSIST_LLM_BASE_URL.replace(/\/$/, ''),
            model: e.ASSIST_LLM_MODEL,
            apiKey: e.ASSIST_LLM_API_KEY,
            timeoutMs: e.ASSIST_LLM_TIMEOUT_MS,
          }
        : undefined,
    notify: {
      lineApiBaseUrl: (
        e.LINE_API_BASE_URL ?? (mode === 'demo' ? `http://127.0.0.1:${e.NOTIFY_DEMO_LINE_PORT}` : 'https://api.line.me')
      ).replace(/\/$/, ''),
      lineAccessBaseUrl: (
        e.LINE_ACCESS_BASE_URL ??
        (mode === 'demo' ? `http://127.0.0.1:${e.NOTIFY_DEMO_LINE_PORT}` : 'https://access.line.me')
      ).replace(/\/$/, ''),
      demoLinePort: e.NOTIFY_DEMO_LINE_PORT,
      demoSmtpPort: e.NOTIFY_DEMO_SMTP_PORT,
      lineRatePerSecond: e.LINE_RATE_PER_SECOND,
      smtpUrl: e.SMTP_URL ?? (mode === 'demo' ? `smtp://127.0.0.1:${e.NOTIFY_DEMO_SMTP_PORT}` : undefined),
      mailFrom: e.NOTIFY_MAIL_FROM,
      vapidSubject: e.NOTIFY_VAPID_SUBJECT,
      sendLeaseSeconds: e.NOTIFY_SEND_LEASE_SECONDS,
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
      sendBatch: e.NOTIFY_SEND_BATCH,
      retryBaseSeconds: e.NOTIFY_RETRY_BASE_SECONDS,
    },
  };
}
