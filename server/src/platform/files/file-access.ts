import type { Ctx } from '../context.js';

/** Decides whether the actor of ctx may see the record `ownerId` of one owner type (e.g. a case). */
export type FileAccessRule = (ctx: Ctx, ownerId: string) => Promise<boolean>;

/** Files not yet attached to a record are owned by their uploader under this owner type. */
export const UPLOADER_OWNER_TYPE = 'user';

const rules = new Map<string, FileAccessRule>();

/**
 * A feature that attaches files to its records says who may see them, once, at module load:
 * `registerFileAccess('case', (ctx, caseId) => canSeeCase(ctx, caseId))`. Whoever may see the record
 * may read its files. Registering an owner type twice is a programming error.
 */
export function registerFileAccess(ownerType: string, rule: FileAccessRule): void {
  if (ownerType === UPLOADER_OWNER_TYPE) throw new Error(`owner type '${UPLOADER_OWNER_TYPE}' is reserved for uploads not yet attached`);
  if (rules.has(ownerType)) throw new Error(`file access for owner type '${ownerType}' is already registered`);
  rules.set(ownerType, rule);
}

export function fileAccessRule(ownerType: string): FileAccessRule | undefined {
  return rules.get(ownerType);
}

/** For tests that register throw-away owner types. */
export function unregisterFileAccess(ownerType: string): void {
  rules.delete(ownerType);
}
