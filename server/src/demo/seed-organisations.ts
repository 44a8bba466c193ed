import type { Ctx } from '../platform/context.js';
import { withTransaction } from '../platform/context.js';
import { shanghaiDate } from '../platform/calendar/shanghai-time.js';
import { claimItem } from '../features/co-building/claim-item.js';
import { completeItem } from '../features/co-building/complete-item.js';
import { confirmAgreements } from '../features/co-building/confirm-agreements.js';
import { createAgreements } from '../features/co-building/create-agreements.js';
import { createItem } from '../features/co-building/create-item.js';
import { createOrganisation } from '../features/organisations/create-organisation.js';
import { createOrganisations } from '../features/organisations/create-organisations.js';
import { DALI } from './dali.js';
import { AGREEMENT_THEMES, CO_BUILD_ITEMS, unitNames } from './names.js';
import type { Random } from './random.js';
import { shanghaiClock } from './random.js';
import type { DemoGeography } from './seed-geography.js';

export interface DemoUnit {
  id: string;
  name: string;
  /** Relative number of Party members working there. */
  weight: number;
}

export type DemoOrganisations = Awaited<ReturnType<typeof seedOrganisations>>;

/**
 * The demo's organisations: its five named units, departments and the Party working committee (one by one), then
 * enough further units (createOrganisations, one batch) that `unitCount` units co-build with communities.
 */
export async function seedOrganisations(ctx: Ctx, geo: DemoGeography, rnd: Random, unitCount: number) {
  return withTransaction(ctx, async (tx) => {
    const units = [];
    for (const u of DALI.units) units.push(await createOrganisation({ ctx: tx, input: { kind: 'unit', subtype: u.subtype, name: u.name, code: u.code, regionId: geo.city.id } }));
    const departments = [];
    for (const d of DALI.departments) departments.push(await createOrganisation({ ctx: tx, input: { kind: 'department', subtype: d.subtype, name: d.name, regionId: geo.city.id } }));
    for (const p of DALI.partyOrgs) await createOrganisation({ ctx: tx, input: { kind: 'party_org', subtype: p.subtype, name: p.name, regionId: geo.city.id } });
    const extra = unitNames(rnd, Math.max(0, unitCount - units.length), new Set([...DALI.units, ...DALI.departments].map((u) => u.name)));
    const generated = await createOrganisations({
      ctx: tx,
      input: { organisations: extra.map((u) => ({ kind: 'unit' as const, subtype: u.subtype, name: u.name, regionId: geo.city.id, contactName: null })) },
    });
    const namedWeights = [60, 150, 120, 80, 20]; // 自然资源局, 大理大学, 第一人民医院, 供电局, 物业
    const demoUnits: DemoUnit[] = [
      ...units.map((u, i) => ({ id: u.id, name: u.name, weight: namedWeights[i] ?? 10 })),
      ...generated.map((u) => ({ id: u.id, name: u.name, weight: Math.min(80, 6 * rnd.heavyTail(1.3)) })),
    ];
    return { units, departments, all: demoUnits };
  });
}

/**
 * 单位报到: every unit signs a co-building agreement with one community (some with two or three), proposed by the
 * unit side and countersigned by the community (createAgreements, confirmAgreements: one batch each), signed over the past
 * two and a half years for three or five years; and a few items of the three lists between 大理市自然资源局 and
 * 文献社区, claimed by the other side, one completed.
 */
export async function seedCoBuilding(ctx: Ctx, geo: DemoGeography, orgs: DemoOrganisations, rnd: Random) {
  const clock = shanghaiClock(ctx.now());
  const weights = geo.communities.map((_, i) => (i === 0 ? 8 : i < 18 ? 3 : 2));
  let agreements = 0;
  await withTransaction(ctx, async (tx) => {
    const proposals = orgs.all.flatMap((unit, u) => {
      const count = u === 0 ? 1 : rnd.chance(0.08) ? 3 : rnd.chance(0.3) ? 2 : 1;
      const communities = new Set<number>(u === 0 ? [0] : []);
      while (communities.size < count) communities.add(rnd.weighted(weights));
      return [...communities].map((c) => {
        const community = geo.communities[c]!;
        return {
          unitId: unit.id,
          communityId: community.id,
          signedOn: shanghaiDate(clock.at(-rnd.int(60, 900), 10)),
          termMonths: rnd.chance(0.75) ? 36 : 60,
          content: `${unit.name}与${community.name}签订共建协议：${rnd.pick(AGREEMENT_THEMES)}。`,
        };
      });
    });
    const proposed = await createAgreements({ ctx: tx, input: { agreements: proposals } });
    await confirmAgreements({ ctx: tx, input: { ids: proposed.map((a) => a.id) } });
    agreements = proposed.length;
    const first = proposed[0]!.id;
    // The three lists of the demo unit (大理市自然资源局) with 文献社区: written, claimed by the other side, one done.
    const lists = [...CO_BUILD_ITEMS.need.map((i) => ({ ...i, list: 'need' as const })), ...CO_BUILD_ITEMS.resource.map((i) => ({ ...i, list: 'resource' as const })), ...CO_BUILD_ITEMS.project.map((i) => ({ ...i, list: 'project' as const }))];
    for (const [k, entry] of lists.entries()) {
      const item = await createItem({ ctx: tx, input: { agreementId: first, list: entry.list, title: entry.title, description: entry.description, quantity: entry.quantity } });
      if (k % 3 !== 2) await claimItem({ ctx: tx, input: { id: item.id } });
      if (k === 0) await completeItem({ ctx: tx, input: { id: item.id, note: '已完成 24 个楼道照明改造，居民验收通过' } });
    }
  });
  return { agreements };
}
