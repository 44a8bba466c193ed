import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Ctx } from '../platform/context.js';
import { withTransaction } from '../platform/context.js';
import { hashPassword } from '../platform/auth/password.js';
import type { Notifier } from '../platform/notifications/notifier.js';
import type { PiiVault } from '../platform/pii.js';
import { systemActor, type Role } from '../platform/policy.js';
import { createOrganisation } from '../features/organisations/create-organisation.js';
import { createRegion, createRootRegion } from '../features/regions/create-region.js';
import { createTenant } from '../features/tenants/create-tenant.js';
import { createUser } from '../features/users/create-user.js';
import { grantRole } from '../features/users/grant-role.js';
import { DALI } from './dali.js';

export const DEMO_ACCOUNTS = [
  { phone: '13800000001', name: '杨州管', label: '州级管理员 prefecture admin' },
  { phone: '13800000002', name: '段书记', label: '社区书记 community secretary（文献社区）' },
  { phone: '13800000003', name: '李党员', label: '在职党员 Party member（住文献社区，在大理市自然资源局工作）' },
  { phone: '13800000004', name: '赵街长', label: '街巷长 street chief（下关街道）' },
  { phone: '13800000005', name: '王承办', label: '部门承办人 department handler（大理市城市管理局）' },
  { phone: '13800000006', name: '张居民', label: '居民 resident（文献社区）' },
  { phone: '13800000007', name: '周书记', label: '单位党组织书记 unit Party secretary（大理市自然资源局）' },
] as const;

export interface SeedDeps {
  db: Database;
  config: Config;
  vault: PiiVault;
  notifier: Notifier;
}

/**
 * The Dali demo, created through the domain functions as the system actor, in one transaction per step.
 * Demo passwords share one argon2id hash (hashing thousands one by one would take minutes).
 */
export async function seedDemo(deps: SeedDeps) {
  const tenant = await createTenant(deps.db, DALI.tenant);
  const ctx: Ctx = { db: deps.db, tenantId: tenant.id, actor: systemActor(), config: deps.config, now: () => new Date(), notifier: deps.notifier, vault: deps.vault };
  const passwordHash = await hashPassword(deps.config.demoPassword);

  const geo = await withTransaction(ctx, async (tx) => {
    const prefecture = await createRootRegion({ ctx: tx, input: { kind: 'prefecture', ...DALI.prefecture } });
    const city = await createRegion({ ctx: tx, input: { parentId: prefecture.id, kind: 'city', ...DALI.city } });
    const communities: Array<{ id: string; name: string; subdistrictId: string }> = [];
    const subdistricts = [];
    for (const s of DALI.subdistricts) {
      const sub = await createRegion({ ctx: tx, input: { parentId: city.id, kind: 'subdistrict', code: s.code, name: s.name, lat: s.lat, lng: s.lng } });
      subdistricts.push(sub);
      for (const [i, name] of s.communities.entries()) {
        const code = `${s.code.slice(0, 9)}${String(i + 1).padStart(3, '0')}`;
        const jitter = (n: number) => ((((i * 7919 + n) % 100) - 50) / 5000);
        const community = await createRegion({ ctx: tx, input: { parentId: sub.id, kind: 'community', code, name, lat: s.lat + jitter(1), lng: s.lng + jitter(2) } });
        communities.push({ id: community.id, name, subdistrictId: sub.id });
        for (let g = 1; g <= DALI.gridsPerCommunity; g++) {
          await createRegion({ ctx: tx, input: { parentId: community.id, kind: 'grid', code: `${code}-G${g}`, name: `${name}第${g}网格` } });
        }
      }
    }
    return { prefecture, city, subdistricts, communities };
  });

  const orgs = await withTransaction(ctx, async (tx) => {
    const units = [];
    for (const u of DALI.units) units.push(await createOrganisation({ ctx: tx, input: { kind: 'unit', subtype: u.subtype, name: u.name, code: u.code, regionId: geo.city.id } }));
    const departments = [];
    for (const d of DALI.departments) departments.push(await createOrganisation({ ctx: tx, input: { kind: 'department', subtype: d.subtype, name: d.name, regionId: geo.city.id } }));
    for (const p of DALI.partyOrgs) await createOrganisation({ ctx: tx, input: { kind: 'party_org', subtype: p.subtype, name: p.name, regionId: geo.city.id } });
    return { units, departments };
  });

  const home = geo.communities[0]!; // 文献社区
  const unit = orgs.units[0]!; // 大理市自然资源局
  const xiaguan = geo.subdistricts[0]!;
  const grants: Array<{ role: Role; regionId?: string; orgId?: string }> = [
    { role: 'admin', regionId: geo.prefecture.id },
    { role: 'community_secretary', regionId: home.id },
    { role: 'member', regionId: home.id },
    { role: 'street_chief', regionId: xiaguan.id },
    { role: 'department_handler', orgId: orgs.departments[0]!.id },
    { role: 'resident', regionId: home.id },
    { role: 'unit_secretary', orgId: unit.id },
  ];
  await withTransaction(ctx, async (tx) => {
    for (const [i, account] of DEMO_ACCOUNTS.entries()) {
      const grant = grants[i]!;
      const user = await createUser({
        ctx: tx,
        input: {
          phone: account.phone,
          name: account.name,
          passwordHash,
          regionId: [1, 2, 5].includes(i) ? home.id : i === 3 ? xiaguan.id : geo.city.id,
          isPartyMember: i !== 5,
          units: i === 2 || i === 6 ? [{ unitId: unit.id, position: i === 6 ? '党组织书记' : '干部' }] : i === 4 ? [{ unitId: orgs.departments[0]!.id, position: '承办人' }] : [],
        },
      });
      await grantRole({ ctx: tx, input: { userId: user.id, ...grant } });
    }
  });
  return { tenant, geo, orgs };
}
