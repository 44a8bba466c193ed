import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { DomainError } from '../errors.js';
import type { ByteRange, FileStore, StagedFile } from './file-store.js';

const HEAD_BYTES = 64;
const SHA256 = /^[0-9a-f]{64}$/;
// Staged files left by a crash mid-upload; nothing legitimate stays staged for a day.
const STALE_STAGING_MS = 24 * 3600_000;

/**
 * Blobs in a local folder at <root>/ab/cd/<sha256>. Uploads are written to <root>/.staging, fsync'd,
 * then renamed into place and the directory fsync'd, so an acknowledged upload survives a crash.
 * Staging lives under the same root so that rename is atomic (one file system).
 */
export class LocalFileStore implements FileStore {
  private readonly staging: string;
  private swept = false;
  constructor(private readonly root: string) {
    this.staging = join(root, '.staging');
  }

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async stage(source: Readable, options: { maxBytes: number }): Promise<StagedFile> {
    await mkdir(this.staging, { recursive: true });
    if (!this.swept) {
      this.swept = true;
      await this.sweepStaging(Date.now() - STALE_STAGING_MS);
    }
    const localPath = join(this.staging, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    const handle = await open(localPath, 'wx', 0o600);
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > options.maxBytes) throw new DomainError('PAYLOAD_TOO_LARGE');
        hash.update(chunk);
        if (headLength < HEAD_BYTES) {
          head.push(chunk.subarray(0, HEAD_BYTES - headLength));
          headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
        }
        for (let written = 0; written < chunk.length; ) written += (await handle.write(chunk, written)).bytesWritten;
      }
      // @fastify/multipart stops a file at its size limit and marks the stream truncated.
      if ((source as Readable & { truncated?: boolean }).truncated) throw new DomainError('PAYLOAD_TOO_LARGE');
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(localPath, { force: true });
      throw error;
    }
    await handle.close();
    return { sha256: hash.digest('hex'), size, head: Buffer.concat(head), localPath };
  }

  async commit(staged: StagedFile): Promise<void> {
    const target = this.pathOf(staged.sha256);
    if (await this.exists(staged.sha256)) {
      await rm(staged.localPath, { force: true });
      return;
    }
    const created = await mkdir(dirname(target), { recursive: true });
    await rename(staged.localPath, target);
    await fsyncDir(dirname(target));
    if (created) {
      // New shard directories must reach the disk too, up to the first one that already existed.
      for (let dir = dirname(dirname(target)); dir.length >= this.root.length; dir = dirname(dir)) await fsyncDir(dir);
    }
  }

  async discard(staged: StagedFile): Promise<void> {
    await rm(staged.localPath, { force: true });
  }

  /** Removes staged files last written before `before` (leftovers of crashed uploads). */
  async sweepStaging(before: number): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.staging).catch(() => [] as string[])) {
      const path = join(this.staging, name);
      const s = await stat(path).catch(() => undefined);
      if (s && s.mtimeMs < before) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  async exists(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  async open(sha256: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(sha256);
    await stat(path); // a missing blob fails here, before any response header is sent
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }
}

async function fsyncDir(path: string): Promise<void> {
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
