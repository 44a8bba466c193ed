import { audit } from '../../platform/audit.js';
import { requireActor, withTransaction, type Ctx } from '../../platform/context.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { UPLOADER_OWNER_TYPE } from '../../platform/files/file-access.js';
import { SYSTEM_USER_ID } from '../../platform/policy.js';
import { findFile, type FileRow } from './files.queries.js';
import type { AttachFileInput } from './files.schemas.js';

/**
 * Hands an upload over to a record (a case, a service check-in…), in the caller's transaction. Only the
 * uploader attaches their own unattached file; attaching again to the same record is a no-op; a file already
 * attached elsewhere is a CONFLICT. Pass the record's regionId so admins of that region may read the file;
 * register who else may read it with registerFileAccess(ownerType, …).
 */
export async function attachFile({ ctx, input }: { ctx: Ctx; input: AttachFileInput }): Promise<FileRow> {
  const actor = requireActor(ctx);
  if (input.ownerType === UPLOADER_OWNER_TYPE) throw invalid('不能关联到该类型', `Cannot attach to owner type '${UPLOADER_OWNER_TYPE}'`);
  return withTransaction(ctx, async (tx) => {
    const { regionPath: _regionPath, ...file } = await findFile(tx.db, tx.tenantId, input.fileId);
    if (file.uploadedBy !== actor.userId && actor.userId !== SYSTEM_USER_ID) throw notFound('文件');
    if (file.ownerType === input.ownerType && file.ownerId === input.ownerId) return file;
    if (file.ownerType !== UPLOADER_OWNER_TYPE) {
      throw conflict('该文件已关联到其他记录，请重新上传', 'The file is already attached to another record; upload it again', { fileId: file.id });
    }
    const after = await tx.db
      .updateTable('files')
      .set({ ownerType: input.ownerType, ownerId: input.ownerId, regionId: input.regionId ?? null })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', file.id)
      .where('ownerType', '=', UPLOADER_OWNER_TYPE) // a concurrent attach of the same file loses here
      .returningAll()
      .executeTakeFirst();
    if (!after) throw conflict('该文件已关联到其他记录，请重新上传', 'The file is already attached to another record; upload it again', { fileId: file.id });
    await audit(tx, {
      action: 'file.attached',
      targetType: 'file',
      targetId: file.id,
      regionId: after.regionId,
      before: { ownerType: file.ownerType, ownerId: file.ownerId },
      after: { ownerType: after.ownerType, ownerId: after.ownerId, regionId: after.regionId },
    });
    return after;
  });
}
