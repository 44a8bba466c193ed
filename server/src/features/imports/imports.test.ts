import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommunity, buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { IMPORT_COLUMNS, IMPORT_KINDS, MAX_IMPORT_ROWS } from './import-columns.js';
import { counts, csv, rowErrors, triples, upload, xlsx } from './imports.test-helper.js';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof buildUser>>;
let communityCode: string;

beforeAll(async () => {
  env = await createTestEnv();
  admin = await buildUser(env, { name: '州管理员', grants: [{ role: 'admin', regionId: env.rootId }] });
  communityCode = (await buildCommunity(env, '契约社区')).community.code;
});
afterAll(() => env.close());

const regionsCsv = () => csv([['上级区划代码', '类型', '区划代码', '名称'], [communityCode, '网格', 'WG-C01', '一号网格']]);

describe('POST /imports/:kind — the contract', () => {
  it('401 without a session', async () => {
    expect((await upload(env, undefined, 'regions', 'r.csv', regionsCsv())).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/imports/templates/regions' })).statusCode).toBe(401);
  });

  it('400 for an unknown kind, a bad dryRun, or no file', async () => {
    const badKind = await upload(env, admin.token, 'streets', 'r.csv', regionsCsv());
    expect(badKind.statusCode).toBe(400);
    expect(errorCode(badKind)).toBe('VALIDATION');
    expect((await upload(env, admin.token, 'regions', 'r.csv', regionsCsv(), '?dryRun=maybe')).statusCode).toBe(400);
    expect((await admin.request({ method: 'GET', url: '/api/v1/imports/templates/streets' })).statusCode).toBe(400);

    const noFilePart = await admin.request({
      method: 'POST',
      url: '/api/v1/imports/regions',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--xyz\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--xyz--\r\n',
    });
    expect(noFilePart.statusCode).toBe(400);
    const json = await admin.request({ method: 'POST', url: '/api/v1/imports/regions', payload: {} });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.message).toMatch(/multipart/);
    expect((await upload(env, admin.token, 'regions', 'r.csv', Buffer.alloc(0))).statusCode).toBe(400);
  });

  it('403 for someone without import.run, even with write rights in the region', async () => {
    const { community } = await buildCommunity(env, '书记社区');
    const secretary = await buildUser(env, { regionId: community.id, grants: [{ role: 'community_secretary', regionId: community.id }] });
    const before = await counts(env);
    const res = await upload(env, secretary.token, 'people', 'p.csv', csv([['姓名', '手机号', '所在区划代码'], ['甲', '13712345678', community.code]]));
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect((await secretary.request({ method: 'GET', url: '/api/v1/imports/templates/people' })).statusCode).toBe(403);
    expect(await counts(env)).toEqual(before);
  });

  it('refuses files it cannot read: legacy .xls (415), binary (415), not UTF-8/GBK (400), damaged .xlsx (400)', async () => {
    const xls = await upload(env, admin.token, 'regions', 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(xls.statusCode).toBe(415);
    expect(xls.json().error.message).toMatch(/\.xlsx/);
    expect((await upload(env, admin.token, 'regions', 'a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))).statusCode).toBe(415);
    const notText = await upload(env, admin.token, 'regions', 'r.csv', Buffer.from([0x61, 0xff, 0xfe, 0x2c, 0x0a]));
    expect(notText.statusCode).toBe(400);
    expect(notText.json().error.message).toMatch(/UTF-8/);
    const damaged = await upload(env, admin.token, 'regions', 'r.xlsx', Buffer.from('not a zip'));
    expect(damaged.statusCode).toBe(400);
    const zipNotExcel = await upload(env, admin.token, 'regions', 'r.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(zipNotExcel.statusCode).toBe(400);
  });

  it(`413 past ${MAX_IMPORT_ROWS} data rows`, async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => [communityCode, '网格', `WG-X${i}`, `网格${i}`]);
    const res = await upload(env, admin.token, 'regions', 'big.csv', csv([['上级区划代码', '类型', '区划代码', '名称'], ...rows]));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toMatch(/20000/);
  });

  it('413 past the upload size limit', async () => {
    const res = await upload(env, admin.token, 'regions', 'huge.csv', Buffer.alloc(env.config.maxUploadBytes + 1, 0x61));
    expect(res.statusCode).toBe(413);
    expect(errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('reports header problems alone: a missing required column, an unknown and a duplicated one', async () => {
    const before = await counts(env);
    const res = await upload(env, admin.token, 'regions', 'r.csv', csv([['上级区划代码', 'Kind', '名称', '面积', 'name'], [communityCode, '网格', '甲', '1', '乙']]));
    expect(triples(rowErrors(res))).toEqual([
      [1, '面积', 'UNKNOWN_COLUMN'],
      [1, 'name', 'DUPLICATE_COLUMN'],
      [1, '区划代码', 'MISSING_COLUMN'],
    ]);
    expect(res.json().error.message).toMatch(/未导入任何数据/);
    expect(await counts(env)).toEqual(before);
  });

  it('row numbers are the spreadsheet’s: a title row above the header and blank rows between data rows count', async () => {
    const file = await xlsx([['某某州区划导入表'], ['上级区划代码', '类型', '区划代码', '名称'], [communityCode, '网格', 'WG-T1', '甲'], [], [communityCode, '网格', 'WG-T2', '']]);
    const res = await upload(env, admin.token, 'regions', 'title.xlsx', file);
    expect(triples(rowErrors(res))).toEqual([[5, '名称', 'REQUIRED']]);
  });

  it('decodes GBK CSV (Excel on Chinese Windows) and ignores 序号/备注 columns', async () => {
    // 序号,上级区划代码,类型,区划代码,名称,备注 / 1,<code>,网格,WG-GBK,东网格,无 — encoded in GBK
    const gbk = (hex: string) => Buffer.from(hex, 'hex');
    const comma = Buffer.from(',');
    const header = Buffer.concat([gbk('d0f2bac5'), comma, gbk('c9cfbcb6c7f8bbaeb4fac2eb'), comma, gbk('c0e0d0cd'), comma, gbk('c7f8bbaeb4fac2eb'), comma, gbk('c3fbb3c6'), comma, gbk('b1b8d7a2')]);
    const row = Buffer.concat([Buffer.from(`1,${communityCode},`), gbk('cdf8b8f1'), Buffer.from(',WG-GBK,'), gbk('b6abcdf8b8f1'), comma, gbk('cede')]);
    const res = await upload(env, admin.token, 'regions', 'gbk.csv', Buffer.concat([header, Buffer.from('\r\n'), row, Buffer.from('\r\n')]));
    expect(res.statusCode, res.body).toBe(200);
    const grid = await env.db.selectFrom('regions').select(['name', 'kind']).where('tenantId', '=', env.tenantId).where('code', '=', 'WG-GBK').executeTakeFirstOrThrow();
    expect(grid).toEqual({ name: '东网格', kind: 'grid' });
  });
});

describe('GET /imports/templates/:kind', () => {
  it.each(IMPORT_KINDS)('%s: a valid .xlsx with the Chinese headers, an example row and an explanation sheet', async (kind) => {
    const res = await admin.request({ method: 'GET', url: `/api/v1/imports/templates/${kind}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.xlsx"; filename\*=UTF-8''/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['导入数据', '填写说明']);
    const data = workbook.getWorksheet('导入数据')!;
    const headers = (data.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(IMPORT_COLUMNS[kind].map((c) => c.header));
    expect((data.getRow(2).values as unknown[]).slice(1).length).toBeGreaterThan(0);
    const help = workbook.getWorksheet('填写说明')!;
    expect(help.getColumn(1).values.slice(2, 2 + IMPORT_COLUMNS[kind].length)).toEqual(IMPORT_COLUMNS[kind].map((c) => c.header));
  });

  it('an untouched template is refused: its example row must be replaced', async () => {
    const template = await admin.request({ method: 'GET', url: '/api/v1/imports/templates/regions' });
    const res = await upload(env, admin.token, 'regions', 'template.xlsx', template.rawPayload);
    expect(triples(rowErrors(res))).toContainEqual([2, null, 'EXAMPLE_ROW']);
  });

  it('a filled-in template imports (drop-down columns, text-formatted codes)', async () => {
    const template = await admin.request({ method: 'GET', url: '/api/v1/imports/templates/regions' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('导入数据')!;
    sheet.getRow(2).values = [communityCode, '网格', 'WG-TPL', '模板网格', 25.6, 100.2];
    sheet.getRow(3).values = ['WG-TPL', '小区', 'XQ-TPL', '模板小区'];
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(env, admin.token, 'regions', 'filled.xlsx', filled);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'regions', rows: 2, created: 2, dryRun: false });
  });

  it('English headers are accepted too', async () => {
    const res = await upload(env, admin.token, 'regions', 'en.xlsx', await xlsx([['parentCode', 'kind', 'code', 'name', 'latitude', 'longitude'], [communityCode, 'grid', 'WG-EN1', 'English grid', 25.1, 100.1]]));
    expect(res.statusCode, res.body).toBe(200);
  });
});
