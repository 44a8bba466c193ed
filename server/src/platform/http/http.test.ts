import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof buildUser>>;
let other: Awaited<ReturnType<typeof buildUser>>;
let community: { id: string };

beforeAll(async () => {
  env = await createTestEnv();
  ({ community } = await buildCommunity(env));
  admin = await buildUser(env, { grants: [{ role: 'admin', regionId: env.rootId }] });
  other = await buildUser(env, { grants: [{ role: 'admin', regionId: env.rootId }] });
});
afterAll(() => env.close());

const countRegions = async (code: string) =>
  Number((await env.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).where('code', '=', code).executeTakeFirstOrThrow()).n);

describe('Idempotency-Key', () => {
  it('a retry with the same key and body returns the stored response and creates nothing new', async () => {
    const payload = { parentId: community.id, kind: 'grid', code: 'IDEM-1', name: '幂等网格' };
    const headers = { 'idempotency-key': 'key-0000000001' };
    const first = await admin.request({ method: 'POST', url: '/api/v1/regions', payload, headers });
    const second = await admin.request({ method: 'POST', url: '/api/v1/regions', payload, headers });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await countRegions('IDEM-1')).toBe(1);
  });

  it('the same key with another body is 422 and changes nothing', async () => {
    const headers = { 'idempotency-key': 'key-0000000002' };
    await admin.request({ method: 'POST', url: '/api/v1/regions', payload: { parentId: community.id, kind: 'grid', code: 'IDEM-2', name: 'a' }, headers });
    const res = await admin.request({ method: 'POST', url: '/api/v1/regions', payload: { parentId: community.id, kind: 'grid', code: 'IDEM-3', name: 'b' }, headers });
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe('IDEMPOTENCY_MISMATCH');
    expect(await countRegions('IDEM-3')).toBe(0);
  });

  it('keys are per actor: another user with the same key runs their own request', async () => {
    const headers = { 'idempotency-key': 'key-0000000004' };
    const mine = await admin.request({ method: 'POST', url: '/api/v1/regions', payload: { parentId: community.id, kind: 'grid', code: 'IDEM-4', name: 'a' }, headers });
    const theirs = await other.request({ method: 'POST', url: '/api/v1/regions', payload: { parentId: community.id, kind: 'grid', code: 'IDEM-5', name: 'a' }, headers });
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('stored errors replay too; 50 concurrent retries create exactly one record', async () => {
    const payload = { parentId: community.id, kind: 'grid', code: 'IDEM-6', name: '并发' };
    const headers = { 'idempotency-key': 'key-0000000006' };
    const results = await Promise.all(Array.from({ length: 50 }, () => admin.request({ method: 'POST', url: '/api/v1/regions', payload, headers })));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(results.filter((r) => r.statusCode === 409).every((r) => errorCode(r) === 'IDEMPOTENCY_IN_PROGRESS')).toBe(true);
    expect(await countRegions('IDEM-6')).toBe(1);
    const replay = await admin.request({ method: 'POST', url: '/api/v1/regions', payload, headers });
    expect(replay.statusCode).toBe(201);
    expect(await countRegions('IDEM-6')).toBe(1);
  });

  it('rejects keys that are too short', async () => {
    const res = await admin.request({ method: 'POST', url: '/api/v1/regions', payload: {}, headers: { 'idempotency-key': 'x' } });
    expect(res.statusCode).toBe(400);
  });
});

describe('error contract', () => {
  it('unknown API routes answer 404 JSON; unknown methods too', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe('NOT_FOUND');
  });

  it('oversized bodies are 413, wrong content types 415, malformed JSON 400 — never 500', async () => {
    const big = await admin.request({ method: 'POST', url: '/api/v1/regions', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(env.config.maxBodyBytes + 10) }) });
    expect(big.statusCode).toBe(413);
    expect(errorCode(big)).toBe('PAYLOAD_TOO_LARGE');
    const xml = await admin.request({ method: 'POST', url: '/api/v1/regions', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    const broken = await admin.request({ method: 'POST', url: '/api/v1/regions', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
    expect(broken.statusCode).toBe(400);
    const wrongType = await admin.request({ method: 'POST', url: '/api/v1/regions', payload: { parentId: community.id, kind: 'grid', code: 12345, name: ['x'] } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details).toBeDefined();
  });

  it('GET /healthz reports the store and version', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: env.storeKind, version: env.config.version });
  });

  it('serves the OpenAPI document and the docs page without a session', async () => {
    const doc = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    const docs = await env.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });
});
