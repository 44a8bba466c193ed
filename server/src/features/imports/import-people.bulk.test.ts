import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../organisations/create-organisation.js';
import { buildCommunity, buildUser, createTestEnv, type TestEnv } from '../../test/harness.js';
import { counts, creditCode, idCardNumber, upload, xlsx } from './imports.test-helper.js';

/** A register of a few hundred people end to end; the timing of 5,000 is measured by bench/import.ts, not here. */
const PEOPLE = 400;

let env: TestEnv;
let admin: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  env = await createTestEnv();
  admin = await buildUser(env, { name: '州管理员', grants: [{ role: 'admin', regionId: env.rootId }] });
});
afterAll(() => env.close());

describe(`importing ${PEOPLE} people`, () => {
  it('validates and writes a whole register through createUser, all rows in one transaction', { timeout: 300_000 }, async () => {
    const communities = await Promise.all([1, 2, 3, 4].map((i) => buildCommunity(env, `批量社区${i}`)));
    const unitCodes = await Promise.all(
      [1, 2, 3].map(async (i) => {
        const code = creditCode(`91532901MA6K0000${i}`);
        await createOrganisation({ ctx: env.sys, input: { kind: 'unit', name: `批量单位${i}`, code, regionId: communities[0]!.community.id } });
        return code;
      }),
    );
    const rows = Array.from({ length: PEOPLE }, (_, i) => [
      `居民${i}`,
      `158${String(i).padStart(8, '0')}`,
      idCardNumber(`532901${1950 + Math.floor(i / 1000)}0101${String(i % 1000).padStart(3, '0')}`),
      communities[i % 4]!.community.code,
      i % 3 === 0 ? '是' : '否',
      i % 2 === 0 ? unitCodes[i % 3]! : '',
      i % 2 === 0 ? '职员' : '',
      i % 5 === 0 ? `Linli${i % 4}2026` : '',
    ]);
    const file = await xlsx([['姓名', '手机号', '身份证号', '所在区划代码', '是否党员', '工作单位', '职务', '初始密码'], ...rows]);
    const before = await counts(env);

    const dry = await upload(env, admin.token, 'people', 'people.xlsx', file, '?dryRun=true');
    expect(dry.statusCode, dry.body.slice(0, 500)).toBe(200);
    expect((await counts(env)).users).toBe(before.users);
    const res = await upload(env, admin.token, 'people', 'people.xlsx', file);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.json()).toMatchObject({ rows: PEOPLE, created: PEOPLE });
    const after = await counts(env);
    expect(after.users - before.users).toBe(PEOPLE);
    expect(after.userUnits - before.userUnits).toBe(Math.ceil(PEOPLE / 2));
  });
});
