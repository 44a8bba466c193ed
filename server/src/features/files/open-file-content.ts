import type { Ctx } from '../../platform/context.js';
import type { ByteRange } from '../../platform/files/file-store.js';
import { fileStoreFor } from '../../platform/files/file-store.js';
import { getFile } from './get-file.js';

/**
 * A file the actor may read, with the byte range to send (`bytes=a-b`, `bytes=a-`, `bytes=-n`; phones' video
 * players need ranges) and a lazy `open()`, so a cache revalidation answers without touching the store.
 * A range that cannot be parsed or satisfied is ignored: the whole file is sent.
 */
export async function openFileContent({ ctx, input }: { ctx: Ctx; input: { id: string; range?: string } }) {
  const file = await getFile({ ctx, input: { id: input.id } });
  const range = parseRange(input.range, Number(file.size));
  return { file, range, open: () => fileStoreFor(ctx.config).open(file.sha256, range) };
}

export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || size === 0 || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start > end || start >= size) return undefined;
  return { start, end };
}
