import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../organisations/create-organisation.js';
import { buildCommunity, buildUnit, buildUser, createTestEnv, login, type TestEnv } from '../../test/harness.js';
import { counts, creditCode, csv, idCardNumber, refuseUserNamed, rowErrors, triples, upload, xlsx } from './imports.test-helper.js';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof buildUser>>;
let community: { id: string; code: string };
let unit: { id: string; name: string };
const unitCode = creditCode('91532901MA6K00001');

const HEADER = ['姓名', '手机号', '身份证号', '所在区划代码', '是否党员', '工作单位(统一社会信用代码或名称)', '职务', '初始密码'];
const userByPhone = (phone: string) => env.db.selectFrom('users').selectAll().where('tenantId', '=', env.tenantId).where('phone', '=', phone).executeTakeFirst();

beforeAll(async () => {
  env = await createTestEnv();
  admin = await buildUser(env, { name: '州管理员', grants: [{ role: 'admin', regionId: env.rootId }] });
  ({ community } = await buildCommunity(env, '人员社区'));
  unit = await createOrganisation({ ctx: env.sys, input: { kind: 'unit', name: '人员所在单位', code: unitCode, regionId: community.id } });
});
afterAll(() => env.close());

describe('POST /imports/people', () => {
  it('registers people linked to units (by credit code or name) and communities; ID cards encrypted; shared password hashed once', async () => {
    const card = idCardNumber('53290119900101123');
    const before = await counts(env);
    const res = await upload(
      env,
      admin.token,
      'people',
      'people.xlsx',
      await xlsx([
        HEADER,
        ['赵党员', '13600000001', card, community.code, '是', unitCode, '科员', 'Welcome2026'],
        ['钱群众', '136 0000 0002', '', community.code, '否', '人员所在单位', '', 'Welcome2026'],
        ['孙居民', 13600000003, '', community.code, '', '', '', ''],
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'people', rows: 3, created: 3, dryRun: false });

    const zhao = (await userByPhone('13600000001'))!;
    expect(zhao).toMatchObject({ name: '赵党员', isPartyMember: true, regionId: community.id });
    expect(zhao.idCardCipher).not.toContain(card);
    expect(env.sys.vault.decrypt(zhao.idCardCipher!)).toBe(card);
    const qian = (await userByPhone('13600000002'))!;
    expect(qian.isPartyMember).toBe(false);
    expect(qian.passwordHash).toBe(zhao.passwordHash); // one hash per distinct password
    const sun = (await userByPhone('13600000003'))!;
    expect(sun.passwordHash).toBeNull();

    const links = await env.db.selectFrom('userUnits').select(['userId', 'unitId', 'position']).where('tenantId', '=', env.tenantId).where('unitId', '=', unit.id).execute();
    expect(links).toEqual(expect.arrayContaining([{ userId: zhao.id, unitId: unit.id, position: '科员' }, { userId: qian.id, unitId: unit.id, position: null }]));
    const residents = await env.db.selectFrom('userCommunities').select('userId').where('tenantId', '=', env.tenantId).where('communityId', '=', community.id).execute();
    expect(residents.map((r) => r.userId)).toEqual(expect.arrayContaining([zhao.id, qian.id, sun.id]));

    const after = await counts(env);
    expect(after.users - before.users).toBe(3);
    expect(after.auditLog - before.auditLog).toBe(4); // user.created × 3 + import.completed
    await expect(login(env, '13600000001', 'Welcome2026')).resolves.toBeTruthy();
    await expect(login(env, '13600000003', 'Welcome2026')).rejects.toThrow(/401/);
  });

  it('reports every problem with its row and column, and writes nothing', async () => {
    const taken = await buildUser(env, { name: '已注册' });
    const before = await counts(env);
    const card = idCardNumber('53290119851231456');
    const res = await upload(
      env,
      admin.token,
      'people',
      'bad.csv',
      csv([
        HEADER,
        ['合格', '13700000001', card, community.code, '是', '', '', ''], // 2 fine
        ['坏手机', '1370000000', '', community.code, '', '', '', ''], // 3
        ['坏证件', '13700000003', `${card.slice(0, 17)}${card[17] === '0' ? '1' : '0'}`, community.code, '', '', '', ''], // 4 check digit
        ['', '13700000004', '', community.code, '', '', '', ''], // 5 no name
        ['重复手机', '13700000001', '', community.code, '', '', '', ''], // 6 same phone as row 2
        ['重复证件', '13700000006', card, community.code, '', '', '', ''], // 7 same card as row 2
        ['已注册者', taken.phone, '', community.code, '', '', '', ''], // 8
        ['无区划', '13700000008', '', 'NOPE-1', '', '', '', ''], // 9
        ['无单位', '13700000009', '', community.code, '', '不存在的单位', '', ''], // 10
        ['只有职务', '13700000010', '', community.code, '', '', '主任', ''], // 11
        ['弱密码', '13700000011', '', community.code, '', '', '', 'password'], // 12
        ['坏党员', '13700000012', '', community.code, '也许', '', '', ''], // 13
      ]),
    );
    const errors = rowErrors(res);
    expect(triples(errors)).toEqual([
      [3, '手机号', 'INVALID_FORMAT'],
      [4, '身份证号', 'INVALID_FORMAT'],
      [5, '姓名', 'REQUIRED'],
      [6, '手机号', 'DUPLICATE_IN_FILE'],
      [7, '身份证号', 'DUPLICATE_IN_FILE'],
      [8, '手机号', 'ALREADY_EXISTS'],
      [9, '所在区划代码', 'NOT_FOUND'],
      [10, '工作单位(统一社会信用代码或名称)', 'NOT_FOUND'],
      [11, '职务', 'INVALID_VALUE'],
      [12, '初始密码', 'INVALID_FORMAT'],
      [13, '是否党员', 'INVALID_FORMAT'],
    ]);
    expect(JSON.stringify(errors)).not.toContain('password'); // neither a password nor an ID number is echoed back
    expect(JSON.stringify(errors)).not.toContain(card.slice(0, 17));
    expect(await counts(env)).toEqual(before);
  });

  it('an ID card registered before is found through its digest', async () => {
    const card = idCardNumber('53290119700707007');
    await buildUser(env, { idCard: card });
    const res = await upload(env, admin.token, 'people', 'p.csv', csv([['姓名', '手机号', '身份证号', '所在区划代码'], ['同证', '13700000020', card.toLowerCase(), community.code]]));
    expect(triples(rowErrors(res))).toEqual([[2, '身份证号', 'ALREADY_EXISTS']]);
  });

  it('refuses, row by row, home regions outside the actor’s scope', async () => {
    const mine = await buildCommunity(env, '本市社区');
    const theirs = await buildCommunity(env, '外市社区');
    const cityAdmin = await buildUser(env, { regionId: mine.city!.id, grants: [{ role: 'admin', regionId: mine.city!.id }] });
    await buildUnit(env, theirs.community.id, '外市单位');
    const before = await counts(env);
    const res = await upload(
      env,
      cityAdmin.token,
      'people',
      'p.csv',
      csv([['姓名', '手机号', '所在区划代码', '工作单位'], ['本市人', '13700000030', mine.community.code, ''], ['外市人', '13700000031', theirs.community.code, ''], ['外市单位人', '13700000032', mine.community.code, '外市单位']]),
    );
    // A unit the actor cannot see is reported as not found, as createUser would.
    expect(triples(rowErrors(res))).toEqual([[3, '所在区划代码', 'OUT_OF_SCOPE'], [4, '工作单位', 'NOT_FOUND']]);
    expect(await counts(env)).toEqual(before);
  });

  it('a write refused midway (a unique violation raced in) rolls back every row and names the row', async () => {
    const restore = await refuseUserNamed(env, '迟到者');
    try {
      const before = await counts(env);
      const rows = [['姓名', '手机号', '所在区划代码'], ...Array.from({ length: 30 }, (_, i) => [i === 24 ? '迟到者' : `居民${i}`, `1350000${String(i).padStart(4, '0')}`, community.code])];
      const res = await upload(env, admin.token, 'people', 'p.csv', csv(rows));
      const errors = rowErrors(res);
      expect(errors).toEqual([{ row: 26, column: null, code: 'ALREADY_EXISTS', message: expect.stringMatching(/重复/) }]);
      expect(await counts(env)).toEqual(before);
    } finally {
      await restore();
    }
  });
});
