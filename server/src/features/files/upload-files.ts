import type { Readable } from 'node:stream';
import { audit } from '../../platform/audit.js';
import { requireActor, withTransaction, type Ctx } from '../../platform/context.js';
import { DomainError, invalid } from '../../platform/errors.js';
import { readExifEvidence, type ExifEvidence } from '../../platform/files/exif.js';
import { UPLOADER_OWNER_TYPE } from '../../platform/files/file-access.js';
import { fileStoreFor, type StagedFile } from '../../platform/files/file-store.js';
import { isImage, sniffMediaType, type MediaType } from '../../platform/files/media-type.js';
import { newId } from '../../platform/ids.js';
import type { FileRow } from './files.queries.js';

export interface IncomingFile {
  /** The name the client gave; kept for display only. */
  filename?: string;
  stream: Readable;
}

interface Accepted {
  staged: StagedFile;
  mime: MediaType;
  originalName: string | null;
  exif: ExifEvidence;
}

const SHANGHAI_OFFSET = '+08:00';

/**
 * Stores one or more photos/videos for the actor, all or nothing: each is staged and checked (type by magic
 * bytes, size), then the bytes are committed to the content-addressed store and the rows written in one
 * transaction. A blob committed before a failed transaction is an orphan, harmless and collectable.
 * The same bytes uploaded again by the same person while still unattached return the existing file.
 */
export async function uploadFiles({ ctx, input }: { ctx: Ctx; input: { files: AsyncIterable<IncomingFile> } }): Promise<FileRow[]> {
  const actor = requireActor(ctx);
  const store = fileStoreFor(ctx.config);
  const accepted: Accepted[] = [];
  const staged: StagedFile[] = [];
  try {
    for await (const part of input.files) {
      const file = await store.stage(part.stream, { maxBytes: ctx.config.maxUploadBytes });
      staged.push(file);
      const originalName = cleanName(part.filename);
      const mime = sniffMediaType(file.head);
      if (!mime) {
        throw new DomainError('UNSUPPORTED_MEDIA_TYPE', {
          'zh-CN': `不支持的文件类型${originalName ? `（${originalName}）` : ''}：仅支持 JPEG/PNG/WebP/HEIC 照片和 MP4/MOV 视频`,
          en: `Unsupported file${originalName ? ` (${originalName})` : ''}: only JPEG/PNG/WebP/HEIC photos and MP4/MOV videos are accepted`,
        });
      }
      const exif = isImage(mime) ? await readExifEvidence(file.localPath, SHANGHAI_OFFSET) : { takenAt: null, lat: null, lng: null };
      accepted.push({ staged: file, mime, originalName, exif });
    }
    if (accepted.length === 0) throw invalid('请选择要上传的文件', 'The request contains no file');
    for (const a of accepted) await store.commit(a.staged);
  } catch (error) {
    await Promise.all(staged.map((s) => store.discard(s)));
    throw error;
  }

  return withTransaction(ctx, async (tx) => {
    const rows: FileRow[] = [];
    for (const a of accepted) {
      const existing = await tx.db
        .selectFrom('files')
        .selectAll()
        .where('tenantId', '=', tx.tenantId)
        .where('sha256', '=', a.staged.sha256)
        .where('uploadedBy', '=', actor.userId)
        .where('ownerType', '=', UPLOADER_OWNER_TYPE)
        .where('ownerId', '=', actor.userId)
        .orderBy('id')
        .executeTakeFirst();
      if (existing) {
        rows.push(existing);
        continue;
      }
      const row = await tx.db
        .insertInto('files')
        .values({
          tenantId: tx.tenantId,
          id: newId(),
          sha256: a.staged.sha256,
          mime: a.mime,
          size: a.staged.size,
          originalName: a.originalName,
          uploadedBy: actor.userId,
          exifTakenAt: a.exif.takenAt,
          exifLat: a.exif.lat,
          exifLng: a.exif.lng,
          regionId: null,
          ownerType: UPLOADER_OWNER_TYPE,
          ownerId: actor.userId,
          createdAt: tx.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const { sha256, mime, size, originalName, exifTakenAt, exifLat, exifLng } = row;
      await audit(tx, { action: 'file.uploaded', targetType: 'file', targetId: row.id, after: { sha256, mime, size, originalName, exifTakenAt, exifLat, exifLng } });
      rows.push(row);
    }
    return rows;
  });
}

/** A display name without directories or control characters, at most 255 characters. */
function cleanName(name: string | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base ? base.slice(0, 255) : null;
}
