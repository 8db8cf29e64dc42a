/**
 * The environment, parsed once at boot by one zod schema, grouped by concern and frozen.
 * Every error names the variable, what was wrong and what to set instead.
 */
import { z } from 'zod';

export const ROLES = ['api', 'worker', 'poller'] as const;
export type Role = (typeof ROLES)[number];

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const positiveInt = (name: string, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(1, `${name} must be at least 1`)
    .max(max, `${name} must be at most ${max}`);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'DATABASE_URL must look like postgres://user@host:5432/db (or unset it for the embedded store)')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, 'REDIS_URL must look like redis://127.0.0.1:6379')
    .default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'QUEUE_PREFIX may hold letters, digits, "_" and "-" only (1-64 characters)')
    .default('claimwatch'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'PORT must be a TCP port number' })
    .int('PORT must be a whole number')
    .min(0, 'PORT must be 0-65535 (0 picks a free port)')
    .max(65535, 'PORT must be 0-65535 (0 picks a free port)')
    .default(8080),
  ROLES: z
    .string()
    .default(ROLES.join(','))
    .transform((s, ctx) => {
      const roles = s.split(',').map((r) => r.trim()).filter(Boolean);
      const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (bad.length || roles.length === 0) {
        ctx.addIssue({ code: 'custom', message: `ROLES must be a comma list of ${ROLES.join(', ')} (got "${s}")` });
        return z.NEVER;
      }
      return [...new Set(roles)] as Role[];
    }),
  SOURCES_FILE: z.string().min(1).default('config/sources.json'),
  WORKER_CONCURRENCY: positiveInt('WORKER_CONCURRENCY', 256).default(4),
  /** How long a worker's lock on a job lasts without renewal: a dead worker's jobs are taken back within about twice this. */
  WORKER_LOCK_MS: positiveInt('WORKER_LOCK_MS', 600_000).refine((n) => n >= 2_000, 'WORKER_LOCK_MS must be at least 2000').default(30_000),
  /** How often the reconcile sweep re-enqueues unfinished work from the database (ms; default 5 min). */
  RECONCILE_EVERY_MS: positiveInt('RECONCILE_EVERY_MS', 86_400_000).refine((n) => n >= 1_000, 'RECONCILE_EVERY_MS must be at least 1000 (one second)').default(300_000),
  X_BEARER_TOKEN: z.string().min(20, 'X_BEARER_TOKEN looks too short; paste the app-only Bearer token from the X developer portal').optional(),
  /** Only for tests and development: where the X API v2 lives (a local stand-in server). */
  X_API_BASE_URL: z.url({ error: 'X_API_BASE_URL must be a URL such as http://127.0.0.1:4010' }).optional(),
  /** Hosts or CIDRs webhook delivery may reach although they are private (local receivers in development). */
  WEBHOOK_ALLOWLIST: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)),
  /** Secret for browser session cookies; generated per process when unset (sessions then end on restart). */
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters (try: openssl rand -hex 32)').optional(),
  /** First admin's API key, created at boot when no admin exists (so a fresh install can be administered). */
  ADMIN_API_KEY: z.string().min(24, 'ADMIN_API_KEY must be at least 24 characters').optional(),
  SECURE_COOKIES: bool.optional(),
  /** GET /metrics without credentials (a scraper on a private network); otherwise it needs an API key. */
  METRICS_PUBLIC: bool.optional(),
  /** A process without the api role serves /metrics, /healthz and /readyz on this port (on HOST). */
  METRICS_PORT: z.coerce
    .number({ error: 'METRICS_PORT must be a TCP port number' })
    .int('METRICS_PORT must be a whole number')
    .min(0, 'METRICS_PORT must be 0-65535 (0 picks a free port)')
    .max(65535, 'METRICS_PORT must be 0-65535 (0 picks a free port)')
    .optional(),
});

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly log: { readonly level: (typeof LOG_LEVELS)[number] };
  readonly store: { readonly databaseUrl: string | undefined; readonly dataDir: string };
  readonly redis: { readonly url: string; readonly prefix: string };
  readonly http: { readonly host: string; readonly port: number; readonly secureCookies: boolean };
  readonly roles: readonly Role[];
  readonly sourcesFile: string;
  readonly workerConcurrency: number;
  /** BullMQ lock duration and stalled-job check interval (ms). */
  readonly workerLockMs: number;
  /** Reconcile sweep: how often, and how old unfinished work must be to count (min(every, 60 s)). */
  readonly reconcile: { readonly everyMs: number; readonly olderThanMs: number };
  readonly x: { readonly bearerToken: string | undefined; readonly baseUrl: string | undefined };
  readonly webhooks: { readonly allowlist: readonly string[] };
  readonly auth: { readonly sessionSecret: string | undefined; readonly adminApiKey: string | undefined };
  readonly metrics: { readonly public: boolean; readonly port: number | undefined };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** Parses the environment; throws ConfigError with one line per problem. Empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Record<keyof z.input<typeof envSchema>, string>> = {}): Config {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = (overrides as Record<string, string | undefined>)[key] ?? env[key];
    raw[key] = v === '' ? undefined : v;
  }
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? 'environment');
      return i.message.startsWith(key) ? i.message : `${key}: ${i.message}`;
    });
    throw new ConfigError(`bad configuration: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  return deepFreeze({
    env: e.NODE_ENV,
    log: { level: e.LOG_LEVEL },
    store: { databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR },
    redis: { url: e.REDIS_URL, prefix: e.QUEUE_PREFIX },
    http: { host: e.HOST, port: e.PORT, secureCookies: e.SECURE_COOKIES ?? e.NODE_ENV === 'production' },
    roles: e.ROLES,
    sourcesFile: e.SOURCES_FILE,
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerLockMs: e.WORKER_LOCK_MS,
    reconcile: { everyMs: e.RECONCILE_EVERY_MS, olderThanMs: Math.min(e.RECONCILE_EVERY_MS, 60_000) },
    x: { bearerToken: e.X_BEARER_TOKEN, baseUrl: e.X_API_BASE_URL },
    webhooks: { allowlist: e.WEBHOOK_ALLOWLIST },
    auth: { sessionSecret: e.SESSION_SECRET, adminApiKey: e.ADMIN_API_KEY },
    metrics: { public: e.METRICS_PUBLIC ?? false, port: e.METRICS_PORT },
  });
}
