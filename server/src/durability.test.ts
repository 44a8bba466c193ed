import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * "An acknowledged write survives a crash": a real server process on a file-backed store acknowledges a write,
 * is killed with SIGKILL, restarts on the same data, and the write is there (the demo is not seeded twice).
 */
const root = new URL('../../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'linli-crash-'));
let databaseUrl: string | undefined;
let child: ChildProcess | undefined;

async function start(port: number): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LINLI_DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl ?? '', LINLI_ENCRYPTION_KEY: databaseUrl ? 'cd'.repeat(32) : '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null) throw new Error(out);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return url;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no start:\n${out}`);
}

async function login(url: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '13800000001', password: 'linli2026' }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

afterAll(async () => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  if (databaseUrl) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${new URL(databaseUrl).pathname.slice(1)} with (force)`);
    await admin.end();
  }
});

describe('crash durability', () => {
  it('a write acknowledged before SIGKILL is there after restart', async () => {
    if (process.env.TEST_DATABASE_URL) {
      const name = `linli_crash_${process.pid}`;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
      await admin.end();
      const u = new URL(process.env.TEST_DATABASE_URL);
      u.pathname = `/${name}`;
      databaseUrl = u.toString();
    }
    const port = 3900 + (process.pid % 90);
    let url = await start(port);
    let token = await login(url);
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const regions = (await (await fetch(`${url}/api/v1/regions`, { headers: auth })).json()) as { items: Array<{ id: string }> };
    const created = await fetch(`${url}/api/v1/regions`, { method: 'POST', headers: auth, body: JSON.stringify({ parentId: regions.items[0]!.id, kind: 'city', code: 'CRASH-1', name: '崩溃测试市' }) });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    child!.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));

    url = await start(port);
    token = await login(url);
    const back = await fetch(`${url}/api/v1/regions/${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(back.status).toBe(200);
    expect(((await back.json()) as { name: string }).name).toBe('崩溃测试市');
    const all = (await (await fetch(`${url}/api/v1/regions`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
    expect(all.items).toHaveLength(1); // one root: the demo was not seeded a second time
    child!.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }, 120_000);
});
