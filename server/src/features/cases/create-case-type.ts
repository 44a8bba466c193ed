import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { invalid } from '../../platform/errors.js';
import { authorizeCatalogWrite } from '../case-catalog/case-catalog.queries.js';
import { caseTypeProblems } from './case-type.js';
import type { CreateCaseTypeBody } from './cases.schemas.js';
import { forgetLatestCaseType } from './cases.queries.js';
import { ensureCaseSetup } from './ensure-case-setup.js';

/**
 * Adds a version of a case type (a new code starts at 1). Types are tenant-wide (`catalog.write` over every root)
 * and never edited: cases keep the version they were created with, new cases take the newest.
 */
export async function createCaseType({ ctx, input }: { ctx: Ctx; input: CreateCaseTypeBody }) {
  const rootId = await authorizeCatalogWrite(ctx);
  const problems = caseTypeProblems(input);
  if (problems.length) throw invalid(`工单类型定义有误：${problems.join('；')}`, 'The case type definition is not sound', { problems });
  await ensureCaseSetup(ctx);
  try {
    return await withTransaction(ctx, async (tx) => {
      // Lock the tenant's settings row so two admins adding a version at once get consecutive numbers.
      await tx.db.selectFrom('caseSettings').select('tenantId').where('tenantId', '=', tx.tenantId).forUpdate().execute();
      const last = await tx.db.selectFrom('caseTypes').select('version').where('tenantId', '=', tx.tenantId).where('code', '=', input.code).orderBy('version', 'desc').limit(1).executeTakeFirst();
      const version = (last?.version ?? 0) + 1;
      await tx.db
        .insertInto('caseTypes')
        .values({ tenantId: tx.tenantId, code: input.code, version, name: input.name, states: JSON.stringify(input.states), transitions: JSON.stringify(input.transitions), intake: JSON.stringify(input.intake), createdBy: tx.actor!.userId })
        .execute();
      await audit(tx, { action: 'case_type.created', targetType: 'case_type', targetId: `${input.code}@${version}`, regionId: rootId, after: { code: input.code, version, name: input.name } });
      return { code: input.code, version };
    });
  } finally {
    forgetLatestCaseType(ctx.tenantId, input.code);
  }
}
