import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, buildUnit, buildUser, createTestEnv, type TestEnv } from '../../test/harness.js';
import { counts, creditCode, csv, rowErrors, triples, upload } from './imports.test-helper.js';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof buildUser>>;
let community: { id: string; code: string };
let subdistrict: { id: string; code: string };

const HEADER = ['类型(党组织/单位/部门)', '子类型', '名称', '统一社会信用代码', '所在区划代码', '上级组织名称', '联系人', '联系电话'];
const orgsNamed = (names: string[]) => env.db.selectFrom('organisations').selectAll().where('tenantId', '=', env.tenantId).where('name', 'in', names).execute();

beforeAll(async () => {
  env = await createTestEnv();
  admin = await buildUser(env, { name: '州管理员', grants: [{ role: 'admin', regionId: env.rootId }] });
  ({ community, subdistrict } = await buildCommunity(env, '组织社区'));
});
afterAll(() => env.close());

describe('POST /imports/organisations', () => {
  it('imports a CSV with BOM: Party organisations whose parent comes later in the file, units with credit codes, a department', async () => {
    const code = creditCode('12532901MB0000077');
    const before = await counts(env);
    const res = await upload(
      env,
      admin.token,
      'organisations',
      'orgs.csv',
      csv([
        HEADER,
        ['党组织', '党支部', '第一党支部', '', community.code, '社区大党委', '李书记', '13800138001'],
        ['党组织', '大党委', '社区大党委', '', subdistrict.code, '', '', ''],
        ['单位', '事业单位', '市第二医院', code.toLowerCase(), community.code, '', '王主任', '0872-2123456'],
        ['部门', '', '城管执法中队', 'CG-01', subdistrict.code, '', '', ''],
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'organisations', rows: 4, created: 4, dryRun: false });
    const [branch, committee, hospital, department] = await Promise.all(['第一党支部', '社区大党委', '市第二医院', '城管执法中队'].map(async (n) => (await orgsNamed([n]))[0]!));
    expect(branch).toMatchObject({ kind: 'party_org', subtype: '党支部', parentId: committee!.id, regionId: community.id, contactPhone: '13800138001', depth: 1 });
    expect(branch!.path).toBe(`${committee!.path}${branch!.id}/`);
    expect(committee).toMatchObject({ kind: 'party_org', parentId: null, regionId: subdistrict.id });
    expect(hospital).toMatchObject({ kind: 'unit', code, contactName: '王主任' });
    expect(department).toMatchObject({ kind: 'department', code: 'CG-01', subtype: null });
    expect((await counts(env)).organisations - before.organisations).toBe(4);
  });

  it('links to an existing parent by name or credit code', async () => {
    const parent = await buildUnit(env, community.id, '已有大党委', 'party_org');
    const res = await upload(env, admin.token, 'organisations', 'o.csv', csv([HEADER, ['党组织', '党支部', '已有下属支部', '', community.code, '已有大党委', '', '']]));
    expect(res.statusCode, res.body).toBe(200);
    expect((await orgsNamed(['已有下属支部']))[0]!.parentId).toBe(parent.id);
  });

  it('reports every problem with its row, and writes nothing', async () => {
    await buildUnit(env, community.id, '已登记单位');
    await buildUnit(env, community.id, '同名党委', 'party_org');
    const other = await buildCommunity(env, '另一社区');
    await buildUnit(env, other.community.id, '同名党委', 'party_org');
    const before = await counts(env);
    const res = await upload(
      env,
      admin.token,
      'organisations',
      'bad.csv',
      csv([
        HEADER,
        ['单位', '', '合格单位', creditCode('91532901MA6K2L3P1'), community.code, '', '', ''], // 2 fine
        ['协会', '', '坏类型', '', community.code, '', '', ''], // 3
        ['单位', '', '坏代码', '91532901MA6K2L3P10', community.code, '', '', ''], // 4 check character wrong
        ['单位', '', '无区划', '', 'NOPE-9', '', '', ''], // 5
        ['单位', '', '已登记单位', '', community.code, '', '', ''], // 6 exists in DB
        ['单位', '', '合格单位', '', community.code, '', '', ''], // 7 same name as row 2
        ['党组织', '', '孤儿支部', '', community.code, '不存在的党委', '', ''], // 8
        ['党组织', '', '歧义支部', '', subdistrict.code, '同名党委', '', ''], // 9 two namesakes, neither in the same region
        ['党组织', '', '错类支部', '', community.code, '已登记单位', '', ''], // 10 parent is a unit
        ['单位', '', '坏电话', '', community.code, '', '', '电话123'], // 11
      ]),
    );
    expect(triples(rowErrors(res))).toEqual([
      [3, '类型(党组织/单位/部门)', 'INVALID_FORMAT'],
      [4, '统一社会信用代码', 'INVALID_FORMAT'],
      [5, '所在区划代码', 'NOT_FOUND'],
      [6, '名称', 'ALREADY_EXISTS'],
      [7, '名称', 'DUPLICATE_IN_FILE'],
      [8, '上级组织名称', 'PARENT_NOT_FOUND'],
      [9, '上级组织名称', 'AMBIGUOUS'],
      [10, '上级组织名称', 'INVALID_HIERARCHY'],
      [11, '联系电话', 'INVALID_FORMAT'],
    ]);
    expect(await counts(env)).toEqual(before);
  });

  it('refuses, row by row, regions outside the actor’s scope', async () => {
    const mine = await buildCommunity(env, '本市社区');
    const theirs = await buildCommunity(env, '外市社区');
    const cityAdmin = await buildUser(env, { regionId: mine.city!.id, grants: [{ role: 'admin', regionId: mine.city!.id }] });
    const before = await counts(env);
    const res = await upload(env, cityAdmin.token, 'organisations', 'o.csv', csv([HEADER, ['单位', '', '本市单位', '', mine.community.code, '', '', ''], ['单位', '', '外市单位', '', theirs.community.code, '', '', '']]));
    expect(triples(rowErrors(res))).toEqual([[3, '所在区划代码', 'OUT_OF_SCOPE']]);
    expect(await counts(env)).toEqual(before);
  });
});
