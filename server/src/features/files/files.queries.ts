import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { FileTable } from '../../db/schema.js';
import { notFound } from '../../platform/errors.js';
import type { MediaType } from '../../platform/files/media-type.js';
import type { FileView } from './files.schemas.js';

export type FileRow = Selectable<FileTable>;

/** The file row with its region's path (for admin scope), or NOT_FOUND. */
export async function findFile(db: Database, tenantId: string, id: string) {
  const file = await db
    .selectFrom('files as f')
    .leftJoin('regions as r', (j) => j.onRef('r.tenantId', '=', 'f.tenantId').onRef('r.id', '=', 'f.regionId'))
    .selectAll('f')
    .select('r.path as regionPath')
    .where('f.tenantId', '=', tenantId)
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!file) throw notFound('文件');
  return file;
}

/** Files attached to one record, oldest first: for features presenting a record's evidence. */
export function selectFilesOf(db: Database, tenantId: string, ownerType: string, ownerId: string) {
  return db.selectFrom('files').selectAll().where('tenantId', '=', tenantId).where('ownerType', '=', ownerType).where('ownerId', '=', ownerId).orderBy('id');
}

/** The one presenter of a file row. */
export function presentFile(f: FileRow): FileView {
  return {
    id: f.id,
    sha256: f.sha256,
    mime: f.mime as MediaType,
    size: Number(f.size),
    originalName: f.originalName,
    uploadedBy: f.uploadedBy,
    exifTakenAt: f.exifTakenAt ? f.exifTakenAt.toISOString() : null,
    exifLat: f.exifLat,
    exifLng: f.exifLng,
    regionId: f.regionId,
    ownerType: f.ownerType,
    ownerId: f.ownerId,
    createdAt: f.createdAt.toISOString(),
    contentUrl: `/api/v1/files/${f.id}/content`,
  };
}
