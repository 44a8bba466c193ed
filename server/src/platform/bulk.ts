import { sql } from 'kysely';
import type { Database } from '../db/database.js';

/**
 * Helpers for set-based (batch) domain verbs: one multi-row statement per chunk instead of one per record.
 * PostgreSQL takes at most 65,535 bind parameters per statement; chunks stay well under it (and keep PGlite's
 * messages small).
 */
const MAX_PARAMETERS = 30_000;

/** Rows per INSERT for a table of `columns` columns: at most `max`, and under the parameter limit. */
export const rowsPerInsert = (columns: number, max = 1000): number => Math.max(1, Math.min(max, Math.floor(MAX_PARAMETERS / columns)));

/** Splits `rows` into consecutive chunks of at most `size`. */
export function chunked<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** The first duplicate of `key` in `rows`, as [index of the repeat, key], or undefined. */
export function firstDuplicate<T>(rows: readonly T[], key: (row: T) => string | null | undefined): [number, string] | undefined {
  const seen = new Set<string>();
  for (const [index, row] of rows.entries()) {
    const k = key(row);
    if (k == null) continue;
    if (seen.has(k)) return [index, k];
    seen.add(k);
  }
  return undefined;
}

const columnTypes = new Map<string, Map<string, string>>();
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

async function typesOf(db: Database, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (!types) {
    const { rows } = await sql<{ name: string; type: string }>`
      select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
       where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`.execute(db);
    types = new Map(rows.map((r) => [r.name, r.type]));
    columnTypes.set(table, types); // the schema is the same in every database the process opens (migrations)
  }
  return types;
}

/**
 * Inserts many rows as `INSERT … SELECT … FROM jsonb_to_recordset($1)`: one parameter per chunk instead of one per
 * value — on PGlite the per-parameter cost dominates a multi-row VALUES of thousands of rows (about twice as fast
 * here), and PostgreSQL's 65,535-parameter limit never applies. Rows are objects with camelCase keys (the same keys
 * in every row); jsonb columns take JS values (objects, arrays), not JSON strings; Dates go as ISO instants.
 * `returning` names camelCase columns to return (in row order); `onConflict` is appended as written
 * (e.g. `on conflict do nothing`).
 */
export async function insertRows<R = Record<string, unknown>>(
  db: Database,
  table: string,
  rows: readonly Record<string, unknown>[],
  options: { returning?: readonly string[]; onConflict?: string; chunk?: number } = {},
): Promise<R[]> {
  if (rows.length === 0) return [];
  const types = await typesOf(db, table);
  const keys = Object.keys(rows[0]!);
  const columns = keys.map(snake);
  for (const c of columns) if (!types.has(c)) throw new Error(`insertRows: ${table} has no column ${c}`);
  const list = sql.raw(columns.join(', '));
  const record = sql.raw(columns.map((c) => `${c} ${types.get(c)}`).join(', '));
  const tail = sql.raw(`${options.onConflict ?? ''}${options.returning?.length ? ` returning ${options.returning.map(snake).join(', ')}` : ''}`);
  const out: R[] = [];
  for (const part of chunked(rows, options.chunk ?? 2000)) {
    const json = JSON.stringify(part.map((row) => Object.fromEntries(keys.map((k, i) => [columns[i], row[k] === undefined ? null : row[k]]))));
    const { rows: returned } = await sql<R>`insert into ${sql.raw(table)} (${list}) select ${list} from jsonb_to_recordset(${json}::jsonb) as x (${record}) ${tail}`.execute(db);
    out.push(...returned);
  }
  return out;
}
