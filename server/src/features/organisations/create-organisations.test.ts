import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, createTestEnv, type TestEnv } from '../../test/harness.js';
import { auditOf, Labels } from '../../test/equivalence.js';
import { createOrganisation, type CreateOrganisationInput } from './create-organisation.js';
import { createOrganisations } from './create-organisations.js';

let env: TestEnv;
let place: Awaited<ReturnType<typeof buildCommunity>>;
beforeAll(async () => {
  env = await createTestEnv();
  place = await buildCommunity(env, '组织批量社区');
});
afterAll(() => env.close());

describe('createOrganisations', () => {
  it('writes the organisations and audit rows createOrganisation writes one by one (paths under existing parents included)', async () => {
    const parent = await createOrganisation({ ctx: env.sys, input: { kind: 'party_org', subtype: '党委', name: '批量测试党委', regionId: place.city!.id } });
    const list = (suffix: string): CreateOrganisationInput[] => [
      { kind: 'unit', subtype: '企业', name: `洱海物流${suffix}`, code: `91532901MA00${suffix}01`, regionId: place.city!.id, contactName: '李经理', contactPhone: '0872-2120000' },
      { kind: 'party_org', subtype: '党支部', name: `物流党支部${suffix}`, regionId: place.community.id, parentId: parent.id },
      { kind: 'department', subtype: '城管', name: `城管中队${suffix}`, regionId: place.subdistrict.id },
    ];
    const singly = [];
    for (const o of list('A')) singly.push(await createOrganisation({ ctx: env.sys, input: o }));
    const together = await createOrganisations({ ctx: env.sys, input: { organisations: list('B') } });
    const labels = new Labels();
    singly.forEach((o, k) => labels.twin(o.id, together[k]!.id, `org${k}`));
    const drop = ['createdAt', 'updatedAt', 'name', 'code'];
    expect(labels.normalise(together, drop)).toEqual(labels.normalise(singly, drop));
    expect(together[1]!.path).toBe(`${parent.path}${together[1]!.id}/`);
    expect(together[1]!.depth).toBe(1);
    expect(labels.normalise(await auditOf(env.db, env.tenantId, together.map((o) => o.id)), drop)).toEqual(labels.normalise(await auditOf(env.db, env.tenantId, singly.map((o) => o.id)), drop));
  });

  it('all or nothing: a parent of another kind, a missing region, a region out of the actor’s reach refuse the batch', async () => {
    const parent = await createOrganisation({ ctx: env.sys, input: { kind: 'unit', name: '上级单位', regionId: place.city!.id } });
    const ok: CreateOrganisationInput = { kind: 'unit', name: '无误单位', regionId: place.city!.id };
    const bad = (organisations: CreateOrganisationInput[], ctx = env.sys) => createOrganisations({ ctx, input: { organisations } });
    await expect(bad([ok, { kind: 'party_org', name: '错配党支部', regionId: place.city!.id, parentId: parent.id }])).rejects.toMatchObject({ code: 'VALIDATION', details: { index: 1 } });
    await expect(bad([ok, { kind: 'unit', name: '无区域', regionId: '00000000-0000-7000-8000-000000000000' }])).rejects.toMatchObject({ code: 'NOT_FOUND', details: { index: 1 } });
    const admin = { userId: '00000000-0000-7000-8000-00000000000a', name: '社区管理员', regionId: null, sessionId: null, grants: [{ id: 'g', role: 'admin' as const, regionId: place.community.id, orgId: null, scopePath: place.community.path }] };
    await expect(bad([{ ...ok, regionId: place.community.id }, ok], { ...env.sys, actor: admin })).rejects.toMatchObject({ code: 'FORBIDDEN', details: { index: 1 } });
    expect(await env.db.selectFrom('organisations').select('id').where('name', '=', '无误单位').execute()).toEqual([]);
  });
});
