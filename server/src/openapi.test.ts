import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { openApiApp } from './openapi.js';

const file = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');

describe('OpenAPI document and the web client', () => {
  it('is valid OpenAPI 3 with tags, request and response schemas on every operation', async () => {
    const app = await openApiApp(loadConfig({ NODE_ENV: 'test', LINLI_SEED_DEMO: 'false' }));
    const doc = app.swagger() as { openapi: string; paths: Record<string, Record<string, { tags?: string[]; responses?: Record<string, unknown> }>> };
    await app.close();
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(5);
    for (const { path, method, op } of operations) {
      expect(op.tags?.length, `${method} ${path} has tags`).toBeGreaterThan(0);
      expect(Object.keys(op.responses ?? {}).some((s) => s.startsWith('2')), `${method} ${path} has a 2xx schema`).toBe(true);
      if (path.startsWith('/api/v1/') && !(op as { security?: unknown[] }).security?.length === false) {
        expect(op.responses?.['401'] ?? op.responses?.['400'], `${method} ${path} documents errors`).toBeDefined();
      }
    }
  });

  it('web/src/api is generated from the current document (run `npm run api:generate` when this fails)', async () => {
    const app = await openApiApp(loadConfig({ NODE_ENV: 'test', LINLI_SEED_DEMO: 'false' }));
    const current = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    expect(file('web/src/api/openapi.json')).toBe(current);
    const types = astToString(await openapiTS(JSON.parse(current)));
    expect(normalise(file('web/src/api/schema.d.ts'))).toContain(normalise(types));
  });
});

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
