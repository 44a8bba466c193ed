import type { Job } from './platform/scheduler/scheduler.js';
import { flagReconfirmationsDue } from './features/report-ins/flag-reconfirmations-due.js';

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

/** 报到 re-confirmation: notifies members and secretaries of active report-ins past their six-month due date (once each). */
const reportInReconfirmation: Job = {
  name: 'report-ins.reconfirm-due',
  everySeconds: 3600,
  async run(ctx, { now }) {
    await flagReconfirmationsDue({ ctx, input: { now } });
  },
};

/** Every background job, in one list (as app.ts lists every route). */
export const JOBS: readonly Job[] = [housekeeping, reportInReconfirmation];
