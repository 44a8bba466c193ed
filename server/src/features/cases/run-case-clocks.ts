import type { Ctx } from '../../platform/context.js';
import { withTransaction } from '../../platform/context.js';
import { workingTimeFor } from '../../platform/calendar/index.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { can } from '../../platform/policy.js';
import type { Recipient } from './case-type.js';
import { notifyCase, recipientsOf, type CaseAddress } from './case-notifications.js';
import { ancestorOfKind, regionChain, regionRoleHolders } from './cases.queries.js';
import { escalationLevelAt, lateColumn, timers, warningLevelAt, type ClockEnv } from './clocks.js';
import { presentSettings } from './ensure-case-setup.js';
import type { CaseRow } from './standing.js';

const BATCH = 200;
const CLOCK_NAME = { sign: '签收', handle: '处置', verify: '核查' } as const;

/**
 * The scheduler's pass over case clocks (job `cases.clocks`): sends the 50/80/100 % warnings and escalates overdue
 * cases up the levels. It reads only cases whose stored instant has come (two partial indexes), so a pass after
 * downtime catches up in one go. Each case is updated in its own transaction by a conditional UPDATE
 * (`warned_level < n`, `escalation_level < n`, same running clock), so a level fires exactly once even when
 * several servers run passes at the same time; an escalation that skipped levels during downtime fires each level
 * in order.
 */
export async function runCaseClocks({ ctx, input }: { ctx: Ctx; input: { now: Date } }) {
  if (!can(ctx.actor, 'case.dispatch', { regionPath: '/' })) throw new DomainError('FORBIDDEN');
  const settingsRow = await ctx.db.selectFrom('caseSettings').selectAll().where('tenantId', '=', ctx.tenantId).executeTakeFirst();
  if (!settingsRow) return { warned: 0, escalated: 0 }; // the tenant has never used cases
  const env: ClockEnv = { wt: await workingTimeFor(ctx), now: input.now, escalation: presentSettings(settingsRow).escalation };
  const warned = await sweep(ctx, 'nextWarningAt', input.now, (c) => warn(ctx, env, c));
  const escalated = await sweep(ctx, 'nextEscalationAt', input.now, (c) => escalate(ctx, env, c));
  return { warned, escalated };
}

/** Visits every case whose instant `column` has come, in (instant, id) order, once per pass. */
async function sweep(ctx: Ctx, column: 'nextWarningAt' | 'nextEscalationAt', now: Date, visit: (c: CaseRow) => Promise<number>): Promise<number> {
  let done = 0;
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    const due = await ctx.db
      .selectFrom('cases')
      .selectAll()
      .where('tenantId', '=', ctx.tenantId)
      .where(column, '<=', now)
      .$if(!!after, (q) => q.where((eb) => eb.or([eb(column, '>', after!.at), eb.and([eb(column, '=', after!.at), eb('id', '>', after!.id)])])))
      .orderBy(column)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const c of due) done += await visit(c);
    if (due.length < BATCH) return done;
    const last = due[due.length - 1]!;
    after = { at: last[column]!, id: last.id };
  }
}

async function addressOf(ctx: Ctx, c: CaseRow): Promise<CaseAddress & { regionPath: string }> {
  const [region, lead, responsible] = await Promise.all([
    ctx.db.selectFrom('regions').select('path').where('tenantId', '=', ctx.tenantId).where('id', '=', c.regionId).executeTakeFirstOrThrow(),
    c.leadDepartmentId ? ctx.db.selectFrom('organisations').select('path').where('tenantId', '=', ctx.tenantId).where('id', '=', c.leadDepartmentId).executeTakeFirst() : undefined,
    c.responsibleRegionId ? ctx.db.selectFrom('regions').select('path').where('tenantId', '=', ctx.tenantId).where('id', '=', c.responsibleRegionId).executeTakeFirst() : undefined,
  ]);
  return { id: c.id, reporterId: c.reporterId, regionPath: region.path, leadDepartmentPath: lead?.path ?? null, responsibleRegionPath: responsible?.path ?? null, coHandlerPaths: [] };
}

const running = (c: CaseRow) => ({ start: c.clockStartedAt!, due: c.dueAt!, basis: c.clockBasis! });

async function appendSystemEvent(ctx: Ctx, c: CaseRow, action: 'warn' | 'escalate', data: Record<string, unknown>) {
  await ctx.db
    .insertInto('caseEvents')
    .values({ tenantId: ctx.tenantId, id: newId(), caseId: c.id, action, fromStatus: c.status, toStatus: c.status, actorId: null, at: ctx.now(), note: null, evidence: '[]', data: JSON.stringify(data) })
    .execute();
}

/** Sends the highest warning level reached (levels passed during downtime are not sent late, only recorded). */
async function warn(ctx: Ctx, env: ClockEnv, c: CaseRow): Promise<number> {
  if (!c.clock) return 0;
  const level = Math.max(c.nextWarningLevel ?? 0, warningLevelAt(env, c, env.now));
  const next = timers(env, running(c), level, c.escalationLevel);
  return withTransaction(ctx, async (tx) => {
    const updated = await tx.db
      .updateTable('cases')
      .set({ warnedLevel: level, nextWarningAt: next.nextWarningAt, nextWarningLevel: next.nextWarningLevel, ...(level >= 100 ? { [lateColumn(c.clock!)]: true } : {}) })
      .where('tenantId', '=', tx.tenantId)
      .where('id', '=', c.id)
      .where('clock', '=', c.clock)
      .where('clockStartedAt', '=', c.clockStartedAt)
      .where('warnedLevel', '<', level)
      .returning('id')
      .executeTakeFirst();
    if (!updated) return 0;
    await appendSystemEvent(tx, c, 'warn', { clock: c.clock, level, dueAt: c.dueAt });
    const who: Recipient[] = c.clock === 'verify' ? ['dispatchers'] : level >= 100 ? ['handler', 'dispatchers'] : ['handler'];
    const title = level >= 100 ? `工单${CLOCK_NAME[c.clock!]}已超时` : `工单${CLOCK_NAME[c.clock!]}时限已用 ${level}%`;
    await notifyCase(tx, await addressOf(tx, c), who, { kind: 'case.warning', title, body: c.description.slice(0, 60) });
    return 1;
  });
}

/** Fires every escalation level reached and not yet fired, in order, each by its own conditional UPDATE. */
async function escalate(ctx: Ctx, env: ClockEnv, c: CaseRow): Promise<number> {
  if (!c.clock) return 0;
  const target = Math.max(c.nextEscalationLevel ?? 0, escalationLevelAt(env, c, env.now));
  return withTransaction(ctx, async (tx) => {
    const address = await addressOf(tx, c);
    const chain = await regionChain(tx.db, tx.tenantId, c.regionId);
    let fired = 0;
    for (let n = c.escalationLevel + 1; n <= target; n++) {
      const level = env.escalation.find((e) => e.level === n);
      const region = level ? ancestorOfKind(chain, level.regionKind) ?? chain[0]! : chain[0]!;
      const next = n === target ? timers(env, running(c), c.warnedLevel, n) : {};
      const updated = await tx.db
        .updateTable('cases')
        .set({ escalationLevel: n, escalatedRegionId: region.id, ...(n === target ? { nextEscalationAt: next.nextEscalationAt, nextEscalationLevel: next.nextEscalationLevel } : {}) })
        .where('tenantId', '=', tx.tenantId)
        .where('id', '=', c.id)
        .where('clock', '=', c.clock)
        .where('clockStartedAt', '=', c.clockStartedAt)
        .where('escalationLevel', '<', n)
        .returning('id')
        .executeTakeFirst();
      if (!updated) break; // another server fired it (and the levels after it)
      fired++;
      await appendSystemEvent(tx, c, 'escalate', { level: n, regionId: region.id, regionName: region.name, clock: c.clock, dueAt: c.dueAt });
      const there = await regionRoleHolders(tx.db, tx.tenantId, ['dispatcher', 'leader'], { regionPath: region.path, exactRegionId: region.id });
      const handlers = await recipientsOf(tx, address, ['handler']);
      const userIds = [...new Set([...there, ...handlers])];
      if (userIds.length) await tx.notifier.notify(tx, { userIds, kind: 'case.escalated', title: `超期工单已升级至${region.name}（第 ${n} 级）`, body: c.description.slice(0, 60), link: `/cases/${c.id}` });
    }
    if (target <= c.escalationLevel) {
      // A timer that came early (the calendar changed since it was set): set it again from the clock as stored.
      const next = timers(env, running(c), c.warnedLevel, c.escalationLevel);
      await tx.db.updateTable('cases').set({ nextEscalationAt: next.nextEscalationAt, nextEscalationLevel: next.nextEscalationLevel }).where('tenantId', '=', tx.tenantId).where('id', '=', c.id).where('clockStartedAt', '=', c.clockStartedAt).where('escalationLevel', '=', c.escalationLevel).execute();
    }
    return fired;
  });
}
