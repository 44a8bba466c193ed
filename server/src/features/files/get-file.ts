import { requireActor, type Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { canReadFile } from './files.policy.js';
import { findFile } from './files.queries.js';

/** A file's metadata, for whoever may read it (files.policy.ts); anyone else gets NOT_FOUND. */
export async function getFile({ ctx, input }: { ctx: Ctx; input: { id: string } }) {
  requireActor(ctx);
  const file = await findFile(ctx.db, ctx.tenantId, input.id);
  if (!(await canReadFile(ctx, file))) throw notFound('文件');
  const { regionPath: _regionPath, ...row } = file;
  return row;
}
