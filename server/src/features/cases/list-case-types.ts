import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { caseTypeVersion } from './cases.queries.js';
import { ensureCaseSetup } from './ensure-case-setup.js';

async function versionsOf(ctx: Ctx, code?: string) {
  return ctx.db
    .selectFrom('caseTypes')
    .select(['code', 'version'])
    .where('tenantId', '=', ctx.tenantId)
    .$if(!!code, (q) => q.where('code', '=', code!))
    .orderBy('code')
    .orderBy('version', 'desc')
    .execute();
}

/** Every case type in its newest version (the one new cases get), with the list of its versions. */
export async function listCaseTypes({ ctx }: { ctx: Ctx }) {
  requireActor(ctx);
  await ensureCaseSetup(ctx);
  const rows = await versionsOf(ctx);
  const codes = [...new Set(rows.map((r) => r.code))];
  return Promise.all(
    codes.map(async (code) => {
      const versions = rows.filter((r) => r.code === code).map((r) => r.version);
      return { ...(await caseTypeVersion(ctx.db, ctx.tenantId, code, versions[0]!)), versions };
    }),
  );
}

/** One case type, newest version unless `version` is given (a case shows the version it was created with). */
export async function getCaseType({ ctx, input }: { ctx: Ctx; input: { code: string; version?: number } }) {
  requireActor(ctx);
  await ensureCaseSetup(ctx);
  const versions = (await versionsOf(ctx, input.code)).map((r) => r.version);
  const version = input.version ?? versions[0];
  if (version === undefined || !versions.includes(version)) throw notFound('工单类型');
  return { ...(await caseTypeVersion(ctx.db, ctx.tenantId, input.code, version)), versions };
}
