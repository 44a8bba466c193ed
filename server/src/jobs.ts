import type { Job } from './platform/scheduler/scheduler.js';
import { flagReconfirmationsDue } from './features/report-ins/flag-reconfirmations-due.js';
import { runCaseClocks } from './features/cases/run-case-clocks.js';
import { closeForgottenCheckouts } from './features/attendance/close-forgotten-checkouts.js';

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

/** Case clocks: 50/80/100 % warnings and escalation of overdue cases up the levels (once per level, catching up). */
const caseClocks: Job = {
  name: 'cases.clocks',
  everySeconds: 60,
  leaseSeconds: 600,
  async run(ctx, { now }) {
    await runCaseClocks({ ctx, input: { now } });
  },
};

/** Forgotten check-outs: closes open attendance records some hours after the item ended, flagged for review. */
const forgottenCheckouts: Job = {
  name: 'attendance.close-forgotten',
  everySeconds: 600,
  async run(ctx, { now }) {
    for (let more = true; more; ) more = (await closeForgottenCheckouts({ ctx, input: { now } })).more;
  },
};

/** Every background job, in one list (as app.ts lists every route). */
export const JOBS: readonly Job[] = [housekeeping, reportInReconfirmation, forgottenCheckouts, caseClocks];
