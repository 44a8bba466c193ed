import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { TestEnv } from '../../test/harness.js';

/** A multipart/form-data body with one file part named `file`, built by hand for app.inject. */
export function multipart(fileName: string, data: Buffer, fields: Record<string, string> = {}) {
  const boundary = `----linli${randomBytes(8).toString('hex')}`;
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const payload = Buffer.concat([
    ...parts,
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** An .xlsx whose first sheet holds `rows` (the first being the header). */
export async function xlsx(rows: unknown[][], sheetName = 'Sheet1'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A UTF-8 CSV (with a BOM unless asked otherwise), quoting fields that need it. */
export function csv(rows: string[][], options: { bom?: boolean; eol?: string } = {}): Buffer {
  const quote = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  const text = rows.map((r) => r.map(quote).join(',')).join(options.eol ?? '\r\n');
  return Buffer.from(`${options.bom === false ? '' : '\uFEFF'}${text}\r\n`, 'utf8');
}

/** Posts a file to the import route as the given user (token). */
export function upload(env: TestEnv, token: string | undefined, kind: string, fileName: string, data: Buffer, query = '') {
  const body = multipart(fileName, data);
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${kind}${query}`,
    payload: body.payload,
    headers: { ...body.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

/** Rows in the tables an import writes to, to prove that a refused import wrote nothing. */
export async function counts(env: TestEnv) {
  const count = async (table: 'regions' | 'organisations' | 'users' | 'userUnits' | 'auditLog') =>
    Number((await env.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('tenantId', '=', env.tenantId).executeTakeFirstOrThrow()).n);
  return { regions: await count('regions'), organisations: await count('organisations'), users: await count('users'), userUnits: await count('userUnits'), auditLog: await count('auditLog') };
}

export type ImportRowError = { row: number; column: string | null; code: string; message: string };

export function rowErrors(res: LightMyRequestResponse): ImportRowError[] {
  const body = res.json() as { error: { code: string; details?: { errors: ImportRowError[] } } };
  if (res.statusCode !== 422 || body.error.code !== 'IMPORT_INVALID') throw new Error(`expected 422 IMPORT_INVALID, got ${res.statusCode} ${res.body}`);
  return body.error.details!.errors;
}

/** Simplifies error lists for comparison: [row, column, code]. */
export const triples = (errors: ImportRowError[]) => errors.map((e) => [e.row, e.column, e.code]);

/** Makes inserting a user with this name fail like a unique violation raced in by someone else. */
export async function refuseUserNamed(env: TestEnv, name: string) {
  await sql
    .raw(
      `create or replace function linli_test_refuse_user() returns trigger language plpgsql as $$
       begin if new.name = '${name}' then raise exception 'raced in' using errcode = '23505'; end if; return new; end $$`,
    )
    .execute(env.db);
  await sql.raw('create trigger linli_test_refuse_user before insert on users for each row execute function linli_test_refuse_user()').execute(env.db);
  return () => sql.raw('drop trigger linli_test_refuse_user on users').execute(env.db);
}

/** A valid 统一社会信用代码 built from 17 characters. */
export function creditCode(base17: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...base17].reduce((acc, c, i) => acc + chars.indexOf(c) * weights[i]!, 0);
  return base17 + chars[(31 - (sum % 31)) % 31];
}

/** A valid 18-digit ID-card number from 17 digits. */
export function idCardNumber(base17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...base17].reduce((acc, d, i) => acc + weights[i]! * Number(d), 0);
  return base17 + '10X98765432'[sum % 11];
}
