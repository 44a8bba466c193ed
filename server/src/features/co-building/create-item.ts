import type { Ctx } from '../../platform/context.js';
import { requireActor, withTransaction } from '../../platform/context.js';
import { conflict, DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordEvent, type CoBuildList, type Side } from './co-building.machine.js';
import { findAgreement, inForce, notifyParties } from './co-building.queries.js';
import type { CreateItemInput } from './co-building.schemas.js';

const LIST_NAMES: Record<CoBuildList, string> = { need: '需求清单', resource: '资源清单', project: '项目清单' };

/**
 * Who writes which list: needs come from the community, resources from the unit, projects from either. An actor
 * holding both sides (an admin over both) writes a project as the community.
 */
function authorSide(list: CoBuildList, sides: Side[]): Side {
  const wanted: Side[] = list === 'need' ? ['community'] : list === 'resource' ? ['unit'] : ['community', 'unit'];
  const side = wanted.find((s) => sides.includes(s));
  if (!side) {
    throw new DomainError('FORBIDDEN', list === 'need' ? { 'zh-CN': '需求清单由社区提出', en: 'Needs are listed by the community' } : { 'zh-CN': '资源清单由单位提出', en: 'Resources are listed by the unit' });
  }
  return side;
}

/** Adds an item to one of the three lists of an agreement in force; the other side is told. */
export async function createItem({ ctx, input }: { ctx: Ctx; input: CreateItemInput & { agreementId: string } }) {
  const actor = requireActor(ctx);
  return withTransaction(ctx, async (tx) => {
    const { agreement: a, parties, sides } = await findAgreement(tx, input.agreementId);
    const side = authorSide(input.list, sides);
    if (!inForce(a, tx.now())) throw conflict('共建协议未生效或已到期', 'The agreement is not in force');
    const item = await tx.db
      .insertInto('coBuildItems')
      .values({
        tenantId: tx.tenantId,
        id: newId(),
        agreementId: a.id,
        list: input.list,
        side,
        title: input.title,
        description: input.description ?? '',
        quantity: input.quantity ?? null,
        dueOn: input.dueOn ?? null,
        status: 'open',
        createdBy: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(tx, { agreementId: a.id, itemId: item.id, action: 'item.create', fromStatus: null, toStatus: 'open', regionId: a.communityId, after: item });
    await notifyParties(
      tx,
      parties,
      { kind: 'co_building.item_created', title: `${LIST_NAMES[input.list]}有新事项待认领`, body: `${side === 'unit' ? parties.unit.name : parties.community.name}：${input.title}`, link: `/co-building/items/${item.id}` },
      side === 'unit' ? 'community' : 'unit',
    );
    return item;
  });
}
