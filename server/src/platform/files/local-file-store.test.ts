import { mkdtempSync, readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { LocalFileStore } from './local-file-store.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const chunked = (b: Buffer, size = 7) => Readable.from(Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, (i + 1) * size)));

describe('LocalFileStore', () => {
  const root = mkdtempSync(join(tmpdir(), 'linli-store-'));
  const store = new LocalFileStore(root);
  const bytes = Buffer.from('\xff\xd8\xff some jpeg-ish bytes that go on for a while', 'latin1');

  it('stages while hashing, commits under <root>/ab/cd/<sha256>, and reads back whole or by range', async () => {
    const staged = await store.stage(chunked(bytes), { maxBytes: 1024 });
    expect(staged).toMatchObject({ sha256: sha(bytes), size: bytes.length });
    expect(staged.head.equals(bytes.subarray(0, 64))).toBe(true);
    expect(await store.exists(staged.sha256)).toBe(false);
    await store.commit(staged);
    const path = join(root, staged.sha256.slice(0, 2), staged.sha256.slice(2, 4), staged.sha256);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(await store.exists(staged.sha256)).toBe(true);
    expect((await buffer(await store.open(staged.sha256))).equals(bytes)).toBe(true);
    expect((await buffer(await store.open(staged.sha256, { start: 3, end: 6 }))).toString('latin1')).toBe(' som');
    expect(readdirSync(join(root, '.staging'))).toEqual([]);
  });

  it('stores the same content once', async () => {
    const again = await store.stage(Readable.from([bytes]), { maxBytes: 1024 });
    await store.commit(again);
    expect(readdirSync(join(root, again.sha256.slice(0, 2), again.sha256.slice(2, 4)))).toEqual([again.sha256]);
    expect(readdirSync(join(root, '.staging'))).toEqual([]);
  });

  it('refuses content past maxBytes and keeps nothing', async () => {
    const big = Buffer.alloc(2000, 7);
    const error = await store.stage(chunked(big, 100), { maxBytes: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('PAYLOAD_TOO_LARGE');
    expect(readdirSync(join(root, '.staging'))).toEqual([]);
    expect(await store.exists(sha(big))).toBe(false);
  });

  it('treats a stream the multipart parser truncated as too large', async () => {
    const source = Object.assign(Readable.from([Buffer.from('abc')]), { truncated: true });
    await expect(store.stage(source, { maxBytes: 10 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('discards a staged upload', async () => {
    const staged = await store.stage(Readable.from([Buffer.from('discard me')]), { maxBytes: 100 });
    expect(existsSync(staged.localPath)).toBe(true);
    await store.discard(staged);
    expect(existsSync(staged.localPath)).toBe(false);
    expect(await store.exists(staged.sha256)).toBe(false);
  });

  it('fails to open a missing blob and refuses names that are not hashes', async () => {
    await expect(store.open('0'.repeat(64))).rejects.toThrow();
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/not a sha256/);
  });

  it('sweeps staged leftovers of crashed uploads', async () => {
    const fresh = new LocalFileStore(mkdtempSync(join(tmpdir(), 'linli-store-')));
    const staged = await fresh.stage(Readable.from([Buffer.from('in flight')]), { maxBytes: 100 });
    const crashed = join(dirname(staged.localPath), 'crashed.part');
    writeFileSync(crashed, 'half an upload');
    expect(await fresh.sweepStaging(Date.now() + 1000)).toBe(2);
    expect(existsSync(crashed)).toBe(false);
    expect(await fresh.sweepStaging(Date.now() + 1000)).toBe(0);
  });
});
