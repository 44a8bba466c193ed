import type { Readable } from 'node:stream';
import type { Config } from '../../config.js';
import { LocalFileStore } from './local-file-store.js';

/** An upload received and hashed but not yet visible in the store. */
export interface StagedFile {
  readonly sha256: string;
  readonly size: number;
  /** The first bytes, for magic-byte sniffing. */
  readonly head: Buffer;
  /** A local copy to read metadata (EXIF) from; valid until commit or discard. Every store stages locally. */
  readonly localPath: string;
}

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * Content-addressed blob storage: bytes are named by their sha256, so the same content is stored once.
 * Uploads are staged (streamed to a local temp file while hashing), then committed (durable once resolved)
 * or discarded. The local folder implementation is the default; an S3-compatible one implements the same
 * four calls (stage locally, PUT on commit unless HEAD finds the key, GET with Range on open).
 */
export interface FileStore {
  /** Streams source to a staging area; throws PAYLOAD_TOO_LARGE past maxBytes (nothing is kept then). */
  stage(source: Readable, options: { maxBytes: number }): Promise<StagedFile>;
  /** Makes the staged bytes durable under their hash; a no-op for content already stored. */
  commit(staged: StagedFile): Promise<void>;
  /** Drops a staged upload; safe to call after commit. */
  discard(staged: StagedFile): Promise<void>;
  exists(sha256: string): Promise<boolean>;
  /** The stored bytes (or a range of them); throws when the blob is missing. */
  open(sha256: string, range?: ByteRange): Promise<Readable>;
}

const stores = new Map<string, FileStore>();

/** The store configured for this deployment (today always the local folder config.fileDir). */
export function fileStoreFor(config: Pick<Config, 'fileDir'>): FileStore {
  let store = stores.get(config.fileDir);
  if (!store) stores.set(config.fileDir, (store = new LocalFileStore(config.fileDir)));
  return store;
}
