import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context.js';
import { systemActor } from '../policy.js';

export interface Job {
  name: string;
  /** Seconds between runs. A run that was missed (server down) happens once at the next tick: jobs catch up by
   *  working from `lastRunAt` (or from their own records), never by being replayed once per missed period. */
  everySeconds: number;
  /** Longest a run may take before another server may take over the lease. */
  leaseSeconds?: number;
  run(ctx: Ctx, info: { now: Date; lastRunAt: Date | null }): Promise<void>;
}

/**
 * Runs due jobs for every tenant. Safe with several servers: a run is claimed by one conditional UPDATE of the
 * job's row (due and not leased), so two servers never run the same job for the same tenant at the same time.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  readonly instanceId = `${process.pid}-${randomBytes(4).toString('hex')}`;

  constructor(
    private readonly base: Omit<Ctx, 'tenantId' | 'actor'>,
    private readonly jobs: readonly Job[],
  ) {}

  start(tickMs = 5000): void {
    this.timer = setInterval(() => void this.tick(), tickMs);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass: for each tenant and job, claim it if due and run it. Returns the names of the runs made. */
  async tick(): Promise<string[]> {
    if (this.running) return [];
    const done: string[] = [];
    this.running = (async () => {
      const tenants = await this.base.db.selectFrom('tenants').select('id').execute();
      for (const { id: tenantId } of tenants) {
        for (const job of this.jobs) {
          if (await this.runIfDue(tenantId, job)) done.push(`${tenantId}:${job.name}`);
        }
      }
    })().finally(() => (this.running = undefined));
    await this.running;
    return done;
  }

  private async runIfDue(tenantId: string, job: Job): Promise<boolean> {
    const { db } = this.base;
    const now = this.base.now();
    await db.insertInto('jobRuns').values({ tenantId, name: job.name, nextRunAt: now }).onConflict((oc) => oc.doNothing()).execute();
    const claimed = await db
      .updateTable('jobRuns')
      .set({ lockedUntil: new Date(now.getTime() + (job.leaseSeconds ?? 300) * 1000), lockedBy: this.instanceId })
      .where('tenantId', '=', tenantId)
      .where('name', '=', job.name)
      .where('nextRunAt', '<=', now)
      .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', now)]))
      .returning('lastRunAt as previousRunAt')
      .executeTakeFirst();
    if (!claimed) return false;
    let error: string | null = null;
    try {
      await job.run({ ...this.base, tenantId, actor: systemActor() } as Ctx, { now, lastRunAt: claimed.previousRunAt });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const finished = this.base.now();
    await db
      .updateTable('jobRuns')
      .set((eb) => ({ lockedUntil: null, lockedBy: null, lastRunAt: now, lastFinishedAt: finished, lastError: error, runs: eb('runs', '+', 1), nextRunAt: new Date(now.getTime() + job.everySeconds * 1000) }))
      .where('tenantId', '=', tenantId)
      .where('name', '=', job.name)
      .where('lockedBy', '=', this.instanceId)
      .execute();
    return true;
  }
}
