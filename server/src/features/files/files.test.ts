import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../platform/context.js';
import { registerFileAccess, unregisterFileAccess } from '../../platform/files/file-access.js';
import { jpegWithExif } from '../../platform/files/jpeg-fixture.js';
import { buildCommunity, buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { attachFile } from './attach-file.js';
import { multipart, samples } from './files.fixtures.js';

type User = Awaited<ReturnType<typeof buildUser>>;

let env: TestEnv;
let alice: User;
let bob: User;
let community: Awaited<ReturnType<typeof buildCommunity>>;

beforeAll(async () => {
  env = await createTestEnv();
  community = await buildCommunity(env, '上传社区');
  alice = await buildUser(env, { name: '甲', regionId: community.community.id, grants: [{ role: 'resident', regionId: community.community.id }] });
  bob = await buildUser(env, { name: '乙', regionId: community.community.id, grants: [{ role: 'resident', regionId: community.community.id }] });
});
afterAll(() => env.close());

const upload = (user: User, parts: Parameters<typeof multipart>[0], headers: Record<string, string> = {}) => {
  const body = multipart(parts);
  return user.request({ method: 'POST', url: '/api/v1/files', payload: body.payload, headers: { ...body.headers, ...headers } });
};
const ctxOf = (user: User): Ctx => ({ ...env.sys, actor: { userId: user.id, name: user.name, regionId: community.community.id, grants: [], sessionId: null } });
const countFiles = async () => Number((await env.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).where('tenantId', '=', env.tenantId).executeTakeFirstOrThrow()).n);
const staging = () => (existsSync(join(env.config.fileDir, '.staging')) ? readdirSync(join(env.config.fileDir, '.staging')) : []);
const blobPath = (sha: string) => join(env.config.fileDir, sha.slice(0, 2), sha.slice(2, 4), sha);

describe('POST /files', () => {
  it('401 without a session', async () => {
    const body = multipart([{ filename: 'a.png', type: 'image/png', data: samples.png() }]);
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/files', payload: body.payload, headers: body.headers });
    expect(res.statusCode).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it('400 for a JSON body or a form without any file', async () => {
    const json = await alice.request({ method: 'POST', url: '/api/v1/files', payload: { files: ['x'] } });
    expect(json.statusCode).toBe(400);
    expect(errorCode(json)).toBe('VALIDATION');
    const fieldsOnly = await upload(alice, [{ field: 'note', data: 'just text' }]);
    expect(fieldsOnly.statusCode).toBe(400);
    expect(errorCode(fieldsOnly)).toBe('VALIDATION');
  });

  it('stores a photo with its EXIF time and GPS as evidence, audited', async () => {
    const jpeg = jpegWithExif({ takenAt: '2026:11:20 09:30:15', offset: '+08:00', lat: 25.6065, lng: 100.2676 });
    const res = await upload(alice, [{ filename: 'C:\\手机\\现场.jpg', type: 'image/jpeg', data: jpeg }]);
    expect(res.statusCode).toBe(201);
    const [file] = res.json().items;
    expect(file).toMatchObject({ mime: 'image/jpeg', size: jpeg.length, originalName: '现场.jpg', uploadedBy: alice.id, ownerType: 'user', ownerId: alice.id, regionId: null, exifTakenAt: '2026-11-20T01:30:15.000Z' });
    expect(file.exifLat).toBeCloseTo(25.6065, 5);
    expect(file.exifLng).toBeCloseTo(100.2676, 5);
    expect(file.contentUrl).toBe(`/api/v1/files/${file.id}/content`);
    expect(existsSync(blobPath(file.sha256))).toBe(true);
    const entry = await env.db.selectFrom('auditLog').selectAll().where('tenantId', '=', env.tenantId).where('targetId', '=', file.id).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'file.uploaded', actorId: alice.id, targetType: 'file' });
  });

  it('accepts several files at once, typed by their bytes rather than the client’s claim', async () => {
    const res = await upload(alice, [
      { filename: 'photo.jpg', type: 'image/jpeg', data: samples.png() },
      { filename: 'a.webp', type: 'application/octet-stream', data: samples.webp() },
      { filename: 'IMG_0001.HEIC', type: 'image/heic', data: samples.heic() },
      { filename: 'clip.mp4', type: 'video/mp4', data: samples.mp4() },
      { filename: 'clip.mov', data: samples.mov() },
    ]);
    expect(res.statusCode).toBe(201);
    expect(res.json().items.map((f: { mime: string }) => f.mime)).toEqual(['image/png', 'image/webp', 'image/heic', 'video/mp4', 'video/quicktime']);
    expect(res.json().items.every((f: { exifTakenAt: null; exifLat: null }) => f.exifTakenAt === null && f.exifLat === null)).toBe(true);
  });

  it('415 for a .jpg that is really text; a bad file in a batch rejects the whole batch and keeps nothing', async () => {
    const before = await countFiles();
    const text = await upload(alice, [{ filename: 'photo.jpg', type: 'image/jpeg', data: 'this is plain text, not a JPEG' }]);
    expect(text.statusCode).toBe(415);
    expect(errorCode(text)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(text.json().error.message).toContain('photo.jpg');
    const good = samples.png();
    const mixed = await upload(alice, [
      { filename: 'ok.png', type: 'image/png', data: good },
      { filename: 'evil.jpg', type: 'image/jpeg', data: '<script>alert(1)</script>' },
    ]);
    expect(mixed.statusCode).toBe(415);
    const badFirst = await upload(alice, [
      { filename: 'evil.jpg', type: 'image/jpeg', data: 'GIF89a pretending' },
      { filename: 'big.mp4', type: 'video/mp4', data: Buffer.concat([samples.mp4(), Buffer.alloc(256 * 1024)]) },
    ]);
    expect(badFirst.statusCode).toBe(415);
    expect(await countFiles()).toBe(before);
    expect(staging()).toEqual([]);
    const { createHash } = await import('node:crypto');
    expect(existsSync(blobPath(createHash('sha256').update(good).digest('hex')))).toBe(false);
  });

  it('stores the same content once: a retry returns the same file, another uploader gets their own row on the same blob', async () => {
    const bytes = samples.png();
    const first = (await upload(alice, [{ filename: 'a.png', type: 'image/png', data: bytes }])).json().items[0];
    const again = (await upload(alice, [{ filename: 'a-copy.png', type: 'image/png', data: bytes }])).json().items[0];
    expect(again.id).toBe(first.id);
    const other = (await upload(bob, [{ filename: 'b.png', type: 'image/png', data: bytes }])).json().items[0];
    expect(other.id).not.toBe(first.id);
    expect(other.sha256).toBe(first.sha256);
    expect(readdirSync(join(env.config.fileDir, first.sha256.slice(0, 2), first.sha256.slice(2, 4))).filter((n) => n === first.sha256)).toHaveLength(1);
    const rows = await env.db.selectFrom('files').select('id').where('tenantId', '=', env.tenantId).where('sha256', '=', first.sha256).execute();
    expect(rows).toHaveLength(2);
    expect(staging()).toEqual([]);
  });

  it('honours Idempotency-Key on uploads', async () => {
    const body = [{ filename: 'i.png', type: 'image/png', data: samples.png() }];
    const key = { 'idempotency-key': 'upload-key-0001' };
    const one = await upload(alice, body, key);
    const two = await upload(alice, body, key);
    expect(two.statusCode).toBe(201);
    expect(two.headers['idempotent-replayed']).toBe('true');
    expect(two.json()).toEqual(one.json());
  });
});

describe('GET /files/:id and /files/:id/content', () => {
  let file: { id: string; sha256: string; size: number };
  const bytes = jpegWithExif({ takenAt: '2026:05:01 10:00:00', lat: 25.5, lng: 100.2 });

  beforeAll(async () => {
    file = (await upload(alice, [{ filename: '证据 1.jpg', type: 'image/jpeg', data: bytes }])).json().items[0];
  });

  it('401 without a session', async () => {
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/files/${file.id}` })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/files/${file.id}/content` })).statusCode).toBe(401);
  });

  it('400 for an id that is not a UUID', async () => {
    expect((await alice.request({ method: 'GET', url: '/api/v1/files/nope' })).statusCode).toBe(400);
    expect((await alice.request({ method: 'GET', url: '/api/v1/files/nope/content' })).statusCode).toBe(400);
  });

  it('404 for someone else’s unattached file and for a file that does not exist', async () => {
    for (const url of [`/api/v1/files/${file.id}`, `/api/v1/files/${file.id}/content`]) {
      const res = await bob.request({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    expect((await alice.request({ method: 'GET', url: '/api/v1/files/00000000-0000-7000-8000-000000000000' })).statusCode).toBe(404);
  });

  it('gives the uploader the metadata and the bytes with type, length and caching headers', async () => {
    const meta = await alice.request({ method: 'GET', url: `/api/v1/files/${file.id}` });
    expect(meta.statusCode).toBe(200);
    expect(meta.json()).toMatchObject({ id: file.id, mime: 'image/jpeg', originalName: '证据 1.jpg', exifTakenAt: '2026-05-01T02:00:00.000Z' });
    const res = await alice.request({ method: 'GET', url: `/api/v1/files/${file.id}/content` });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(Number(res.headers['content-length'])).toBe(bytes.length);
    expect(res.headers.etag).toBe(`"${file.sha256}"`);
    expect(res.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(`inline; filename*=UTF-8''${encodeURIComponent('证据 1.jpg')}`);
  });

  it('answers 304 to a matching If-None-Match and 206 to a byte range', async () => {
    const cached = await alice.request({ method: 'GET', url: `/api/v1/files/${file.id}/content`, headers: { 'if-none-match': `"${file.sha256}"` } });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    const part = await alice.request({ method: 'GET', url: `/api/v1/files/${file.id}/content`, headers: { range: 'bytes=2-11' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 2-11/${bytes.length}`);
    expect(part.rawPayload.equals(bytes.subarray(2, 12))).toBe(true);
    const tail = await alice.request({ method: 'GET', url: `/api/v1/files/${file.id}/content`, headers: { range: 'bytes=-4' } });
    expect(tail.rawPayload.equals(bytes.subarray(bytes.length - 4))).toBe(true);
    const ignored = await alice.request({ method: 'GET', url: `/api/v1/files/${file.id}/content`, headers: { range: 'bytes=99999-' } });
    expect(ignored.statusCode).toBe(200);
    expect(ignored.rawPayload.length).toBe(bytes.length);
  });
});

describe('attachFile and registered read rules', () => {
  const watchers = new Map<string, Set<string>>();
  beforeAll(() => {
    registerFileAccess('test-case', async (ctx, ownerId) => !!ctx.actor && (watchers.get(ownerId)?.has(ctx.actor.userId) ?? false));
  });
  afterAll(() => unregisterFileAccess('test-case'));

  it('lets whoever may see the owning record read the file, and admins over its region; others get 404', async () => {
    const file = (await upload(alice, [{ filename: 'case.png', type: 'image/png', data: samples.png() }])).json().items[0];
    const carol = await buildUser(env, { name: '丙' });
    const cityAdmin = await buildUser(env, { grants: [{ role: 'admin', regionId: community.city!.id }] });
    const elsewhere = await buildCommunity(env, '别处社区');
    const otherAdmin = await buildUser(env, { grants: [{ role: 'admin', regionId: elsewhere.city!.id }] });
    watchers.set('case-1', new Set([bob.id]));

    const attached = await attachFile({ ctx: ctxOf(alice), input: { fileId: file.id, ownerType: 'test-case', ownerId: 'case-1', regionId: community.community.id } });
    expect(attached).toMatchObject({ ownerType: 'test-case', ownerId: 'case-1', regionId: community.community.id });

    const read = (u: User) => u.request({ method: 'GET', url: `/api/v1/files/${file.id}/content` }).then((r) => r.statusCode);
    expect(await read(alice)).toBe(200); // the uploader
    expect(await read(bob)).toBe(200); // the registered rule
    expect(await read(cityAdmin)).toBe(200); // admin over the file's region
    expect(await read(carol)).toBe(404);
    expect(await read(otherAdmin)).toBe(404);
    watchers.get('case-1')!.delete(bob.id);
    expect(await read(bob)).toBe(404);

    const entry = await env.db.selectFrom('auditLog').selectAll().where('tenantId', '=', env.tenantId).where('targetId', '=', file.id).where('action', '=', 'file.attached').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actorId: alice.id, regionId: community.community.id });
  });

  it('only the uploader attaches; again to the same record is a no-op; elsewhere is a conflict', async () => {
    const file = (await upload(alice, [{ filename: 'x.png', type: 'image/png', data: samples.png() }])).json().items[0];
    await expect(attachFile({ ctx: ctxOf(bob), input: { fileId: file.id, ownerType: 'test-case', ownerId: 'case-2' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await attachFile({ ctx: ctxOf(alice), input: { fileId: file.id, ownerType: 'test-case', ownerId: 'case-2' } });
    await expect(attachFile({ ctx: ctxOf(alice), input: { fileId: file.id, ownerType: 'test-case', ownerId: 'case-2' } })).resolves.toMatchObject({ ownerId: 'case-2' });
    await expect(attachFile({ ctx: ctxOf(alice), input: { fileId: file.id, ownerType: 'test-case', ownerId: 'case-3' } })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(attachFile({ ctx: ctxOf(alice), input: { fileId: file.id, ownerType: 'user', ownerId: alice.id } })).rejects.toMatchObject({ code: 'VALIDATION' });
    // Once attached, the same bytes uploaded again make a new file for the next record.
    const bytes = (await alice.request({ method: 'GET', url: `/api/v1/files/${file.id}/content` })).rawPayload;
    const fresh = (await upload(alice, [{ filename: 'x.png', type: 'image/png', data: bytes }])).json().items[0];
    expect(fresh.id).not.toBe(file.id);
    expect(fresh.ownerType).toBe('user');
  });

  it('attaches inside the caller’s transaction: a rollback leaves the file unattached', async () => {
    const file = (await upload(alice, [{ filename: 'y.png', type: 'image/png', data: samples.png() }])).json().items[0];
    await expect(
      env.db.transaction().execute(async (trx) => {
        await attachFile({ ctx: { ...ctxOf(alice), db: trx }, input: { fileId: file.id, ownerType: 'test-case', ownerId: 'case-4' } });
        throw new Error('the record failed');
      }),
    ).rejects.toThrow('the record failed');
    expect((await alice.request({ method: 'GET', url: `/api/v1/files/${file.id}` })).json().ownerType).toBe('user');
  });

  it('refuses to register an owner type twice or the reserved one', () => {
    expect(() => registerFileAccess('test-case', async () => true)).toThrow(/already registered/);
    expect(() => registerFileAccess('user', async () => true)).toThrow(/reserved/);
  });
});
