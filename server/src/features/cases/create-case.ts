import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { DomainError, invalid } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { can } from '../../platform/policy.js';
import type { CaseChannel } from '../../db/schema.js';
import { attachFile } from '../files/attach-file.js';
import { findOrganisation } from '../organisations/create-organisation.js';
import { findCategory } from '../case-catalog/case-catalog.queries.js';
import { fireTransition } from './apply-transition.js';
import { notifyCase } from './case-notifications.js';
import { latestCaseType, loadCase, regionChain } from './cases.queries.js';
import { ensureCaseSetup } from './ensure-case-setup.js';

export interface CreateCaseInput {
  typeCode?: string;
  categoryId: string;
  regionId: string;
  description: string;
  lat?: number;
  lng?: number;
  address?: string;
  photos?: string[];
  channel: CaseChannel;
  streetId?: string | null;
  assetOwnerId?: string;
}

/** Channels whose reporters are staff on duty: a case they report is filed at once if they may file (case.file). */
const STAFF_CHANNELS: readonly CaseChannel[] = ['grid', 'staff', 'import'];

const orInvalid = async <T>(p: Promise<T>, zh: string, en: string): Promise<T> =>
  p.catch((e: unknown) => {
    throw e instanceof DomainError && e.code === 'NOT_FOUND' ? invalid(zh, en) : e;
  });

/**
 * Intake: any signed-in person reports a problem (随手拍, signboard, Open311 …); the case starts in the type's
 * initial state (`reported`, awaiting filing). A grid worker or staff member who may file (`case.file` over the
 * place) and reports through a staff channel files it in the same transaction, which dispatches it automatically.
 */
export async function createCase({ ctx, input }: { ctx: Ctx; input: CreateCaseInput }): Promise<{ id: string }> {
  const actor = requireActor(ctx);
  await ensureCaseSetup(ctx);
  return withTransaction(ctx, async (tx) => {
    const type = await latestCaseType(tx.db, tx.tenantId, input.typeCode ?? 'default');
    const category = await orInvalid(findCategory(tx.db, tx.tenantId, input.categoryId), '请选择有效的案件类别', 'Unknown category');
    if (!category.active) throw invalid('该类别已停用，请选择其他类别', 'The category is no longer in use');
    const chain = await regionChain(tx.db, tx.tenantId, input.regionId);
    const region = chain[chain.length - 1];
    if (!region) throw invalid('上报地点不存在', 'Unknown region');
    if (input.assetOwnerId) await orInvalid(findOrganisation(tx, input.assetOwnerId), '资产权属单位不存在', 'Unknown asset owner');
    const now = tx.now();
    const id = newId();
    await tx.db
      .insertInto('cases')
      .values({
        tenantId: tx.tenantId,
        id,
        typeCode: type.code,
        typeVersion: type.version,
        categoryId: category.id,
        regionId: region.id,
        communityId: chain.find((r) => r.kind === 'community')?.id ?? null,
        subdistrictId: chain.find((r) => r.kind === 'subdistrict')?.id ?? null,
        streetId: input.streetId ?? null,
        channel: input.channel,
        description: input.description,
        address: input.address ?? null,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
        urgency: category.urgency,
        assetOwnerId: input.assetOwnerId ?? null,
        reporterId: actor.userId,
        status: type.intake.initial,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const photos = input.photos ?? [];
    for (const fileId of photos) await attachFile({ ctx: tx, input: { fileId, ownerType: 'case', ownerId: id, regionId: region.id } });
    await tx.db
      .insertInto('caseEvents')
      .values({ tenantId: tx.tenantId, id: newId(), caseId: id, action: 'report', fromStatus: null, toStatus: type.intake.initial, actorId: actor.userId, at: now, note: input.description, evidence: JSON.stringify(photos), data: JSON.stringify({ channel: input.channel }) })
      .execute();
    await audit(tx, { action: 'case.reported', targetType: 'case', targetId: id, regionId: region.id, after: { typeCode: type.code, typeVersion: type.version, categoryId: category.id, channel: input.channel, status: type.intake.initial } });

    const direct = type.intake.directFile;
    if (direct && STAFF_CHANNELS.includes(input.channel) && can(actor, 'case.file', { regionPath: region.path })) {
      await fireTransition(tx, await loadCase(tx, id, { lock: true }), { caseId: id, action: direct.action }, { bypassRole: true });
    } else {
      const address = { id, reporterId: actor.userId, regionPath: region.path, leadDepartmentPath: null, responsibleRegionPath: null, coHandlerPaths: [] };
      await notifyCase(tx, address, ['dispatchers'], { kind: 'case.reported', title: `新上报待立案：${category.name}`, body: input.description.slice(0, 60) });
    }
    return { id };
  });
}
