import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Everything the server needs from its environment, read once at boot and frozen. */
export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** postgres://… selects PostgreSQL; absent selects the embedded PGlite store in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** PGlite's own directory inside dataDir. */
  readonly pgliteDir: string;
  /** Code of the tenant this deployment serves by default (login without a tenant picks it). */
  readonly tenantCode: string;
  readonly seedDemo: boolean;
  readonly demoPassword: string;
  /** 32-byte key (hex or base64) for ID-card encryption; when absent a key file under dataDir is created. */
  readonly encryptionKey: string | undefined;
  readonly fileDir: string;
  readonly maxUploadBytes: number;
  readonly maxBodyBytes: number;
  readonly sessionTtlHours: number;
  readonly idempotencyTtlHours: number;
  readonly logLevel: string;
  /** Trust X-Forwarded-For (only behind a reverse proxy; otherwise clients could dodge per-IP throttling). */
  readonly trustProxy: boolean;
  readonly timeZone: 'Asia/Shanghai';
  readonly version: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the environment; throws ConfigError listing every bad variable at once. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}=${raw}: expected an integer between ${min} and ${max}`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'no'].includes(raw)) return false;
    problems.push(`${name}=${raw}: expected true or false`);
    return fallback;
  };

  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV=${nodeEnv}: expected development, production or test`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL: expected a postgres:// or postgresql:// URL');
  }
  const encryptionKey = env.LINLI_ENCRYPTION_KEY || undefined;
  if (encryptionKey && decodeKey(encryptionKey) === undefined) {
    problems.push('LINLI_ENCRYPTION_KEY: expected 32 bytes as 64 hex characters or base64');
  }
  if (databaseUrl && !encryptionKey && nodeEnv === 'production') {
    problems.push('LINLI_ENCRYPTION_KEY: required in production on PostgreSQL (servers pass the key in config)');
  }
  const tenantCode = env.LINLI_TENANT ?? 'dali';
  if (!/^[a-z][a-z0-9-]{1,31}$/.test(tenantCode)) problems.push(`LINLI_TENANT=${tenantCode}: expected a lowercase code`);
  const dataDir = resolve(env.LINLI_DATA_DIR ?? './data');

  const config: Config = {
    env: nodeEnv as Config['env'],
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir,
    pgliteDir: `${dataDir}/pgdata`,
    tenantCode,
    seedDemo: bool('LINLI_SEED_DEMO', true),
    demoPassword: env.LINLI_DEMO_PASSWORD || 'linli2026',
    encryptionKey,
    fileDir: resolve(env.LINLI_FILE_DIR ?? `${dataDir}/files`),
    maxUploadBytes: int('LINLI_MAX_UPLOAD_MB', 50, 1, 1024) * 1024 * 1024,
    maxBodyBytes: int('LINLI_MAX_BODY_KB', 1024, 16, 102400) * 1024,
    sessionTtlHours: int('LINLI_SESSION_TTL_HOURS', 24 * 14, 1, 24 * 365),
    idempotencyTtlHours: int('LINLI_IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 30),
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    trustProxy: bool('LINLI_TRUST_PROXY', false),
    timeZone: 'Asia/Shanghai',
    version: PACKAGE_VERSION,
    ...overrides,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

export function decodeKey(text: string): Buffer | undefined {
  const buf = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  return buf.length === 32 ? buf : undefined;
}
