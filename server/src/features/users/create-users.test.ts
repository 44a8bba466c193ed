import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidIdCard } from '../../platform/pii.js';
import { buildCommunity, buildUnit, buildUser, createTestEnv, login, type TestEnv } from '../../test/harness.js';
import { auditOf, Labels } from '../../test/equivalence.js';
import { createUser, type CreateUserInput } from './create-user.js';
import { createUsers } from './create-users.js';

let env: TestEnv;
let home: Awaited<ReturnType<typeof buildCommunity>>;
let unit: { id: string };
beforeAll(async () => {
  env = await createTestEnv();
  home = await buildCommunity(env, '批量登记社区');
  unit = await buildUnit(env, home.community.id, '批量登记单位');
});
afterAll(() => env.close());

let serial = 0;
/** Two valid ID-card numbers that mask alike (same first and last four) and a fresh pair of phones that mask alike. */
function twins() {
  const found: string[] = [];
  for (let middle = 1000 + serial * 97; found.length < 2; middle++) {
    const card = `5329011990${String(middle % 10_000).padStart(4, '0')}121X`; // the same last four: 121X
    if (isValidIdCard(card)) found.push(card);
  }
  serial++;
  const tail = String(1000 + serial).slice(-4);
  return { cards: found as [string, string], phones: [`1361111${tail}`, `1362222${tail}`] as [string, string] };
}

const people = (phones: [string, string, string], card: string, passwordHash: string): CreateUserInput[] => [
  { phone: phones[0], name: '段金花', idCard: card, password: 'dali2026a', regionId: home.community.id, isPartyMember: true, units: [{ unitId: unit.id, position: '科员' }] },
  { phone: phones[1], name: '杨树', passwordHash, regionId: home.city!.id },
  { phone: phones[2], name: '赵一', passwordHash },
];

describe('createUsers', () => {
  it('writes the people, unit and residence links and audit rows that createUser writes one by one', async () => {
    const t = [twins(), twins(), twins()];
    const sharedHash = '$argon2id$shared-demo-hash'; // taken as is, as import and the demo pass it
    const singly = [];
    for (const p of people([t[0]!.phones[0], t[1]!.phones[0], t[2]!.phones[0]], t[0]!.cards[0], sharedHash)) singly.push(await createUser({ ctx: env.sys, input: p }));
    const together = await createUsers({ ctx: env.sys, input: { users: people([t[0]!.phones[1], t[1]!.phones[1], t[2]!.phones[1]], t[0]!.cards[1], sharedHash) } });

    const labels = new Labels();
    singly.forEach((u, k) => labels.twin(u.id, together[k]!.id, `person${k}`));
    const drop = ['createdAt', 'updatedAt', 'phone', 'passwordHash', 'idCardCipher', 'idCardDigest', 'passwordChangedAt'];
    expect(labels.normalise(together, drop)).toEqual(labels.normalise(singly, drop));
    const stored = (ids: string[]) => env.db.selectFrom('users').selectAll().where('id', 'in', ids).orderBy('name').execute();
    expect(labels.normalise(await stored(together.map((u) => u.id)), [...drop, 'tenantId'])).toEqual(labels.normalise(await stored(singly.map((u) => u.id)), [...drop, 'tenantId']));
    const links = async (ids: string[]) => ({
      units: labels.normalise(await env.db.selectFrom('userUnits').select(['userId', 'unitId', 'position']).where('userId', 'in', ids).execute()),
      communities: labels.normalise(await env.db.selectFrom('userCommunities').select(['userId', 'communityId', 'relation']).where('userId', 'in', ids).execute()),
    });
    expect(await links(together.map((u) => u.id))).toEqual(await links(singly.map((u) => u.id)));
    expect(labels.normalise(await auditOf(env.db, env.tenantId, together.map((u) => u.id)))).toEqual(labels.normalise(await auditOf(env.db, env.tenantId, singly.map((u) => u.id))));

    // The plain password was hashed: the person logs in; the ID card is stored encrypted, with its digest.
    await login(env, t[0]!.phones[1], 'dali2026a');
    const card = await env.db.selectFrom('users').select(['idCardCipher', 'idCardDigest']).where('id', '=', together[0]!.id).executeTakeFirstOrThrow();
    expect(card.idCardDigest).toBe(env.sys.vault.digest(t[0]!.cards[1]));
    expect(env.sys.vault.decrypt(card.idCardCipher!)).toBe(t[0]!.cards[1]);
  });

  it('all or nothing: duplicates, taken numbers, bad input, regions and units out of reach refuse the batch, naming the person', async () => {
    const t = twins();
    const ok: CreateUserInput = { phone: t.phones[0], name: '甲', regionId: home.community.id };
    const bad = (users: CreateUserInput[]) => createUsers({ ctx: env.sys, input: { users } });
    await expect(bad([ok, { ...ok, name: '乙' }])).rejects.toMatchObject({ code: 'ALREADY_EXISTS', details: { index: 1 } });
    await expect(bad([ok, { phone: t.phones[1], name: '乙', idCard: '532901199001011234' }])).rejects.toMatchObject({ code: 'VALIDATION', details: { index: 1 } });
    await expect(bad([ok, { phone: t.phones[1], name: '乙', password: 'short' }])).rejects.toMatchObject({ code: 'VALIDATION', details: { index: 1 } });
    await expect(bad([ok, { phone: t.phones[1], name: '乙', units: [{ unitId: unit.id }, { unitId: unit.id }] }])).rejects.toMatchObject({ code: 'VALIDATION', details: { index: 1 } });
    await expect(bad([ok, { phone: t.phones[1], name: '乙', units: [{ unitId: '00000000-0000-7000-8000-000000000000' }] }])).rejects.toMatchObject({ code: 'NOT_FOUND', details: { index: 1 } });
    const existing = await buildUser(env, { regionId: home.community.id });
    await expect(bad([ok, { phone: existing.phone, name: '乙' }])).rejects.toMatchObject({ code: 'ALREADY_EXISTS', details: { index: 1 } });
    // A community secretary registers people in their community only.
    const other = await buildCommunity(env, '邻社区', home.city!.id);
    const secretary = await buildUser(env, { regionId: home.community.id, grants: [{ role: 'community_secretary', regionId: home.community.id }] });
    const actor = { userId: secretary.id, name: '书记', regionId: home.community.id, sessionId: null, grants: [{ id: 'g', role: 'community_secretary' as const, regionId: home.community.id, orgId: null, scopePath: home.community.path }] };
    await expect(createUsers({ ctx: { ...env.sys, actor }, input: { users: [ok, { phone: t.phones[1], name: '乙', regionId: other.community.id }] } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { index: 1 },
    });
    expect(await env.db.selectFrom('users').select('id').where('phone', 'in', t.phones).execute()).toEqual([]);
  });
});
