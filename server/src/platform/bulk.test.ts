import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.js';
import { audit, auditMany } from './audit.js';
import { chunked, firstDuplicate, insertRows } from './bulk.js';
import { newId } from './ids.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('insertRows (INSERT … SELECT FROM jsonb_to_recordset)', () => {
  it('writes typed values as a multi-row insert would: uuids, text, jsonb documents, nulls, instants, dates', async () => {
    const id = newId();
    const at = new Date('2026-05-04T01:02:03.456Z');
    const rows = await insertRows<{ id: string; after: unknown; before: unknown; at: Date }>(
      env.db,
      'audit_log',
      [{ tenantId: env.tenantId, id, actorId: null, action: 'test.bulk', targetType: 'test', targetId: 'x', regionId: null, before: null, after: { n: 1, list: ['a', "b'\"\\"], when: at, nested: { ok: true } }, at }],
      { returning: ['id', 'before', 'after', 'at'] },
    );
    expect(rows).toEqual([{ id, before: null, after: { n: 1, list: ['a', "b'\"\\"], when: at.toISOString(), nested: { ok: true } }, at }]);
    const none = await insertRows(env.db, 'audit_log', []);
    expect(none).toEqual([]);
    await expect(insertRows(env.db, 'audit_log', [{ tenantId: env.tenantId, nope: 1 }])).rejects.toThrow(/no column nope/);
  });

  it('splits large inserts into chunks and honours ON CONFLICT', async () => {
    const key = newId();
    const rows = Array.from({ length: 25 }, (_, i) => ({ tenantId: env.tenantId, actorKey: key, key: `k${i}`, method: 'POST', path: '/x', requestHash: 'h', expiresAt: new Date(Date.now() + 60_000) }));
    expect(await insertRows(env.db, 'idempotency_keys', rows, { chunk: 10, returning: ['key'] })).toHaveLength(25);
    const again = await insertRows(env.db, 'idempotency_keys', rows.slice(0, 5), { onConflict: 'on conflict do nothing', returning: ['key'] });
    expect(again).toEqual([]);
  });

  it('auditMany writes the rows audit writes, one per entry', async () => {
    const target = newId();
    const entry = { action: 'test.same', targetType: 'test', targetId: target, regionId: null, before: { a: 1 }, after: { b: [1, 2], at: new Date('2026-01-01T00:00:00Z'), gone: undefined } };
    await audit(env.sys, entry);
    await auditMany(env.sys, [entry, entry]);
    const rows = await env.db.selectFrom('auditLog').select(['actorId', 'action', 'targetType', 'targetId', 'regionId', 'before', 'after', 'ip', 'requestId']).where('targetId', '=', target).execute();
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual(rows[0]);
    expect(rows[2]).toEqual(rows[0]);
  });
});

describe('chunked / firstDuplicate', () => {
  it('split and find repeats', () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(firstDuplicate(['a', 'b', null, null, 'a'], (x) => x)).toEqual([4, 'a']);
    expect(firstDuplicate(['a', 'b'], (x) => x)).toBeUndefined();
  });
});
