import type { Job } from './platform/scheduler/scheduler.js';

/** Housekeeping: expired idempotency keys and long-expired sessions. */
const housekeeping: Job = {
  name: 'housekeeping',
  everySeconds: 3600,
  async run(ctx, { now }) {
    await ctx.db.deleteFrom('idempotencyKeys').where('tenantId', '=', ctx.tenantId).where('expiresAt', '<', now).execute();
    const monthAgo = new Date(now.getTime() - 30 * 86400_000);
    await ctx.db.deleteFrom('sessions').where('tenantId', '=', ctx.tenantId).where('expiresAt', '<', monthAgo).execute();
  },
};

/** Every background job, in one list (as app.ts lists every route). */
export const JOBS: readonly Job[] = [housekeeping];
