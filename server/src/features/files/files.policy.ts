import type { Ctx } from '../../platform/context.js';
import { fileAccessRule, UPLOADER_OWNER_TYPE } from '../../platform/files/file-access.js';
import type { Role } from '../../platform/policy.js';

/** Region roles that may read every file attached to a record in their region subtree. */
export const FILE_READ_ROLES: readonly Role[] = ['admin'];

interface FileForAccess {
  uploadedBy: string;
  ownerType: string;
  ownerId: string;
  regionPath: string | null;
}

/**
 * The uploader; an admin over the file's region; whoever the owning record's registered rule admits
 * (see registerFileAccess). Anyone else is told the file does not exist.
 */
export async function canReadFile(ctx: Ctx, file: FileForAccess): Promise<boolean> {
  const actor = ctx.actor;
  if (!actor) return false;
  if (file.uploadedBy === actor.userId) return true;
  if (file.ownerType === UPLOADER_OWNER_TYPE) return file.ownerId === actor.userId;
  const regionPath = file.regionPath;
  if (regionPath && actor.grants.some((g) => FILE_READ_ROLES.includes(g.role) && g.regionId && regionPath.startsWith(g.scopePath))) return true;
  const rule = fileAccessRule(file.ownerType);
  return rule ? rule(ctx, file.ownerId) : false;
}
