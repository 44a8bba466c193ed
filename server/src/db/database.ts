import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { PGliteDialect } from './pglite-dialect.js';

export type Database = Kysely<DB>;
export type StoreKind = 'pglite' | 'postgresql';

export interface OpenDatabase {
  db: Database;
  kind: StoreKind;
  /** The PGlite instance when embedded (for dumpDataDir backups); undefined on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… → PostgreSQL through a `pg` pool. */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` or undefined with loadDataDir → in memory. */
  dataDir?: string;
  /** A PGlite dump (tests clone a migrated template from it). */
  loadDataDir?: Blob;
  /** PostgreSQL schema to use as search_path (tests isolate per file). */
  searchPath?: string;
  poolSize?: number;
}

// bigint counts and numerics come back as JS numbers; dates stay 'YYYY-MM-DD' strings (no time-zone shift).
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(NUMERIC, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

/** The one way to open the store: PGlite (embedded, file-backed or in memory) or PostgreSQL via `pg`. */
export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  const plugins = [new CamelCasePlugin()];
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    });
    pool.on('error', () => {}); // idle-client errors surface on the next query instead of crashing the process
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
    await sql`select 1`.execute(db);
    return { db, kind: 'postgresql', close: () => db.destroy() };
  }
  const dataDir = options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v), [DATE]: (v: string) => v },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), plugins });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** Runs fn in a transaction, reusing the caller's transaction when there already is one. */
export async function inTransaction<T>(db: Database, fn: (trx: Database) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}
