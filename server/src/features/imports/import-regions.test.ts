import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../platform/context.js';
import { createRegion } from '../regions/create-region.js';
import { buildCommunity, buildUser, createTestEnv, type TestEnv } from '../../test/harness.js';
import { applyRegionImport } from './import-regions.js';
import { counts, csv, rowErrors, triples, upload, xlsx } from './imports.test-helper.js';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof buildUser>>;
let cityCode: string;
let communityCode: string;

const HEADER = ['上级区划代码', '类型', '区划代码', '名称', '纬度', '经度'];

beforeAll(async () => {
  env = await createTestEnv();
  admin = await buildUser(env, { name: '州管理员', grants: [{ role: 'admin', regionId: env.rootId }] });
  const built = await buildCommunity(env, '区划社区');
  cityCode = built.city!.code;
  communityCode = built.community.code;
});
afterAll(() => env.close());

describe('POST /imports/regions', () => {
  it('creates a subtree whose rows name parents further down the file, parents first, each audited', async () => {
    const before = await counts(env);
    const file = await xlsx([
      HEADER,
      ['532999001001', '楼栋', 'LD-0001', '1 栋'],
      ['532999001000', '小区', '532999001001', '苍山小区', 25.61, 100.27],
      ['532999000001', '社区', '532999001000', '新社区'],
      [cityCode, '街道', '532999000001', '新街道'],
    ]);
    const res = await upload(env, admin.token, 'regions', 'regions.xlsx', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'regions', rows: 4, created: 4, dryRun: false });

    const rows = await env.db.selectFrom('regions').select(['id', 'parentId', 'code', 'kind', 'path', 'depth', 'lat']).where('tenantId', '=', env.tenantId).where('code', 'in', ['532999000001', '532999001000', '532999001001', 'LD-0001']).execute();
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const city = await env.db.selectFrom('regions').select(['id', 'path']).where('tenantId', '=', env.tenantId).where('code', '=', cityCode).executeTakeFirstOrThrow();
    expect(byCode.get('532999000001')).toMatchObject({ kind: 'subdistrict', parentId: city.id, depth: 2 });
    expect(byCode.get('532999001000')).toMatchObject({ kind: 'community', parentId: byCode.get('532999000001')!.id });
    expect(byCode.get('532999001001')).toMatchObject({ kind: 'compound', lat: 25.61 });
    expect(byCode.get('LD-0001')!.path).toBe(`${byCode.get('532999001001')!.path}${byCode.get('LD-0001')!.id}/`);

    const after = await counts(env);
    expect(after.regions - before.regions).toBe(4);
    const actions = await env.db.selectFrom('auditLog').select(['action', 'actorId']).where('tenantId', '=', env.tenantId).where('at', '>=', new Date(Date.now() - 60_000)).execute();
    expect(actions.filter((a) => a.action === 'region.created' && a.actorId === admin.id)).toHaveLength(4);
    expect(actions.filter((a) => a.action === 'import.completed')).toHaveLength(1);
  });

  it('reports every problem with its row and column, and writes nothing', async () => {
    const before = await counts(env);
    const res = await upload(
      env,
      admin.token,
      'regions',
      'bad.csv',
      csv([
        HEADER,
        [communityCode, '网格', 'WG-OK1', '好网格'], // 2 fine
        [communityCode, '网格', '12345', '坏代码'], // 3 digits but not 12
        [communityCode, '宫殿', 'WG-B1', '坏类型'], // 4 unknown kind
        [communityCode, '网格', 'WG-B2', ''], // 5 no name
        [communityCode, '网格', 'WG-OK1', '重复'], // 6 duplicate of row 2
        [communityCode, '网格', cityCode, '已存在'], // 7 code exists
        ['NOPE-1', '网格', 'WG-B3', '无上级'], // 8 parent nowhere
        [communityCode, '街道', 'WG-B4', '层级倒置'], // 9 subdistrict under community
        ['WG-C2', '网格', 'WG-C1', '环一'], // 10 cycle with 11 (a cycle always inverts the hierarchy somewhere)
        ['WG-C1', '小区', 'WG-C2', '环二'], // 11
        [communityCode, '网格', 'WG-B5', '半个坐标', '25.1', ''], // 12 lat without lng
        [communityCode, '网格', 'WG-B6', '坏纬度', '95', '100'], // 13 out of range
      ]),
    );
    expect(triples(rowErrors(res))).toEqual([
      [3, '区划代码', 'INVALID_FORMAT'],
      [4, '类型', 'INVALID_FORMAT'],
      [5, '名称', 'REQUIRED'],
      [6, '区划代码', 'DUPLICATE_IN_FILE'],
      [7, '区划代码', 'ALREADY_EXISTS'],
      [8, '上级区划代码', 'PARENT_NOT_FOUND'],
      [9, '类型', 'INVALID_HIERARCHY'],
      [10, '类型', 'INVALID_HIERARCHY'],
      [10, '上级区划代码', 'CYCLE'],
      [11, '上级区划代码', 'CYCLE'],
      [12, '经度', 'REQUIRED'],
      [13, '纬度', 'INVALID_FORMAT'],
    ]);
    const body = res.json().error;
    expect(body.details).toMatchObject({ errorCount: 12, truncated: false });
    expect(body.details.errors[0].message).toContain('12345');
    expect(await counts(env)).toEqual(before);
  });

  it('dry run validates and writes nothing; the same file then imports', async () => {
    const file = csv([HEADER, [communityCode, '网格', 'WG-DRY', '试运行网格']], { bom: false, eol: '\n' });
    const before = await counts(env);
    const dry = await upload(env, admin.token, 'regions', 'dry.csv', file, '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({ kind: 'regions', rows: 1, created: 0, dryRun: true });
    expect(await counts(env)).toEqual(before);
    const real = await upload(env, admin.token, 'regions', 'dry.csv', file, '?dryRun=false');
    expect(real.json()).toEqual({ kind: 'regions', rows: 1, created: 1, dryRun: false });
  });

  it('refuses, row by row, parents outside the actor’s scope', async () => {
    const mine = await buildCommunity(env, '我的社区');
    const theirs = await buildCommunity(env, '别人的社区');
    const cityAdmin = await buildUser(env, { regionId: mine.city!.id, grants: [{ role: 'admin', regionId: mine.city!.id }] });
    const before = await counts(env);
    const res = await upload(
      env,
      cityAdmin.token,
      'regions',
      'scope.csv',
      csv([HEADER, [mine.community.code, '网格', 'WG-MINE', '我的网格'], [theirs.community.code, '网格', 'WG-THEIRS', '别人的网格'], ['WG-THEIRS', '小区', 'XQ-THEIRS', '别人的小区']]),
    );
    expect(triples(rowErrors(res))).toEqual([[3, '上级区划代码', 'OUT_OF_SCOPE']]);
    expect(await counts(env)).toEqual(before);
  });

  it('rolls everything back and names the row when a write fails midway (a code taken by a concurrent writer)', async () => {
    const before = await counts(env);
    const community = await env.db.selectFrom('regions').select('id').where('tenantId', '=', env.tenantId).where('code', '=', communityCode).executeTakeFirstOrThrow();
    // Validation sees WG-RACE free; a concurrent writer takes it before the transaction reaches row 3.
    await createRegion({ ctx: env.sys, input: { parentId: community.id, kind: 'grid', code: 'WG-RACE', name: '抢先' } });
    const records = [
      { row: 2, parentCode: communityCode, kind: 'grid' as const, code: 'WG-RACE-OK', name: '先写' },
      { row: 3, parentCode: communityCode, kind: 'grid' as const, code: 'WG-RACE', name: '冲突' },
    ];
    const failure = await withTransaction(env.sys, (tx) => applyRegionImport({ ctx: tx, input: records })).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'IMPORT_INVALID', details: { errors: [{ row: 3, code: 'ALREADY_EXISTS' }] } });
    const after = await counts(env);
    expect(after.regions - before.regions).toBe(1); // only the concurrent writer's region
    expect(await env.db.selectFrom('regions').select('id').where('tenantId', '=', env.tenantId).where('code', '=', 'WG-RACE-OK').executeTakeFirst()).toBeUndefined();
  });
});
