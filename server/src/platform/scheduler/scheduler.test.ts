import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { Scheduler, type Job } from './scheduler.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('Scheduler', () => {
  it('runs a due job once per tenant even when several servers tick at the same moment', async () => {
    let runs = 0;
    const job: Job = {
      name: 'count-once',
      everySeconds: 3600,
      run: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 20));
      },
    };
    const servers = Array.from({ length: 5 }, () => new Scheduler(env.sys, [job]));
    await Promise.all(servers.map((s) => s.tick()));
    expect(runs).toBe(1);
    await Promise.all(servers.map((s) => s.tick()));
    expect(runs).toBe(1); // not due again for an hour
    const row = await env.db.selectFrom('jobRuns').selectAll().where('name', '=', 'count-once').executeTakeFirstOrThrow();
    expect(row.runs).toBe(1);
    expect(row.lockedBy).toBeNull();
  });

  it('catches up after downtime with one run that knows when it last ran', async () => {
    let clock = new Date('2026-11-01T00:00:00+08:00');
    const seen: Array<Date | null> = [];
    const job: Job = { name: 'catch-up', everySeconds: 60, run: async (_ctx, info) => void seen.push(info.lastRunAt) };
    const scheduler = new Scheduler({ ...env.sys, now: () => clock }, [job]);
    await scheduler.tick();
    clock = new Date(clock.getTime() + 3 * 3600_000); // three hours down
    await scheduler.tick();
    await scheduler.tick();
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBeNull();
    expect(seen[1]!.toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });

  it('records a failing run and releases the lease so the next tick can retry when due', async () => {
    let clock = new Date('2026-11-02T00:00:00+08:00');
    let attempts = 0;
    const job: Job = {
      name: 'flaky',
      everySeconds: 60,
      run: async () => {
        attempts++;
        if (attempts === 1) throw new Error('boom');
      },
    };
    const scheduler = new Scheduler({ ...env.sys, now: () => clock }, [job]);
    await scheduler.tick();
    const failed = await env.db.selectFrom('jobRuns').selectAll().where('name', '=', 'flaky').executeTakeFirstOrThrow();
    expect(failed.lastError).toBe('boom');
    expect(failed.lockedUntil).toBeNull();
    clock = new Date(clock.getTime() + 61_000);
    await scheduler.tick();
    expect(attempts).toBe(2);
    expect((await env.db.selectFrom('jobRuns').select('lastError').where('name', '=', 'flaky').executeTakeFirstOrThrow()).lastError).toBeNull();
  });
});
