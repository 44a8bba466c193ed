import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createTestEnv, errorCode, type TestEnv } from '../../test/harness.js';
import { multipart } from './files.fixtures.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ config: { maxUploadBytes: 1024 } });
});
afterAll(() => env.close());

const jpegOf = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 0x20)]);

describe('upload size limit (config.maxUploadBytes)', () => {
  it('413 past the limit, keeping nothing; at the limit is fine', async () => {
    const user = await buildUser(env);
    const big = multipart([{ filename: 'big.jpg', type: 'image/jpeg', data: jpegOf(4096) }]);
    const res = await user.request({ method: 'POST', url: '/api/v1/files', payload: big.payload, headers: big.headers });
    expect(res.statusCode).toBe(413);
    expect(errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
    const rows = await env.db.selectFrom('files').select('id').where('tenantId', '=', env.tenantId).execute();
    expect(rows).toEqual([]);
    const staging = join(env.config.fileDir, '.staging');
    expect(existsSync(staging) ? readdirSync(staging) : []).toEqual([]);

    const fits = multipart([{ filename: 'ok.jpg', type: 'image/jpeg', data: jpegOf(1024) }]);
    const ok = await user.request({ method: 'POST', url: '/api/v1/files', payload: fits.payload, headers: fits.headers });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().items[0].size).toBe(1024);
  });
});
