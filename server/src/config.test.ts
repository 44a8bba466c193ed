import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to the embedded store on port 3000 and is frozen', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.pgliteDir).toMatch(/data\/pgdata$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LINLI_ENCRYPTION_KEY: 'short', LINLI_SEED_DEMO: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'LINLI_ENCRYPTION_KEY', 'LINLI_SEED_DEMO']) expect(problems).toContain(name);
    }
  });

  it('accepts PostgreSQL URLs and a hex key', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h/db', LINLI_ENCRYPTION_KEY: 'ab'.repeat(32), PORT: '8080' });
    expect(config.databaseUrl).toBe('postgres://u@h/db');
    expect(config.port).toBe(8080);
  });
});
