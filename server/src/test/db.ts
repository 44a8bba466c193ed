import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type OpenDatabase } from '../db/database.js';

/** An isolated, migrated database for one test file: a PGlite copy of the template, or a PostgreSQL database made from it. */
export async function openTestDatabase(): Promise<OpenDatabase & { url?: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `linli_t_${process.ppid}_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('pgTemplateDatabase')}`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 20 });
    return {
      ...database,
      url: target.toString(),
      close: async () => {
        await database.close();
        const again = new pg.Client({ connectionString: url });
        await again.connect();
        await again.query(`drop database if exists ${name} with (force)`);
        await again.end();
      },
    };
  }
  const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
  return openDatabase({ loadDataDir: blob });
}
