import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.js';
import { auditOf, Labels, sorted, transfersOf } from '../../test/equivalence.js';
import { balanceOf, ledgerViolations, SOUND } from '../points/points.fixtures.js';
import { buildManyUsers, buildPublishedItem, buildServiceCommunity, HOUR } from '../service-items/service-items.fixtures.js';
import { approveServiceRecord } from './approve-service-record.js';
import { approveServiceRecords } from './approve-service-records.js';
import { declineServiceRecord } from './decline-service-record.js';
import { enterBatchRecords } from './enter-batch-records.js';

const T0 = Date.parse('2026-12-01T09:00:00+08:00');
let clock = T0;
let env: TestEnv;
let a: Awaited<ReturnType<typeof buildServiceCommunity>>;
beforeAll(async () => {
  env = await createTestEnv({ now: () => new Date(clock) });
  a = await buildServiceCommunity(env, '认证批量社区');
});
afterAll(() => env.close());

/** Three items on one day (10–12 at 10 points an hour, 13–17 under the rule, 18–20 at 0.5) and who served on each. */
const DAY = [
  { start: 1, end: 3, rate: 10, people: [0, 1, 2, 3] },
  { start: 4, end: 8, rate: null, people: [0, 1, 3] },
  { start: 9, end: 11, rate: 0.5, people: [0, 2] },
];

/** One side of the twin world: four people, the day's items, their sign-in sheets entered; returns the records. */
async function side() {
  clock = T0;
  const people = await buildManyUsers(env, 4, a.community.id);
  const items = [];
  for (const d of DAY) items.push(await buildPublishedItem(env, a.community.id, { startsAt: new Date(T0 + d.start * HOUR).toISOString(), endsAt: new Date(T0 + d.end * HOUR).toISOString(), capacity: 10, pointsPerHour: d.rate }));
  clock = T0 + 12 * HOUR;
  const records = [];
  for (const [i, d] of DAY.entries()) {
    const entries = d.people.map((k) => ({ userId: people[k]!.id, checkInAt: new Date(T0 + d.start * HOUR).toISOString(), checkOutAt: new Date(T0 + d.end * HOUR - 5 * 60_000).toISOString() }));
    records.push(...(await enterBatchRecords({ ctx: env.sys, input: { itemId: items[i]!.id, entries } })));
  }
  return { people, items, records };
}

const notificationsOf = (userIds: string[]) =>
  env.db.selectFrom('notifications').select(['userId', 'kind', 'title', 'body', 'link']).where('tenantId', '=', env.tenantId).where('userId', 'in', userIds).orderBy('id').execute();

describe('approveServiceRecords (set-based batch approval)', () => {
  it('leaves the rows, ledger, balances, audit and messages that approving one record after another (by id) leaves', async () => {
    const one = await side();
    const two = await side();
    clock = T0 + 30 * HOUR;
    for (const r of [...one.records].sort((x, y) => (x.id < y.id ? -1 : 1))) await approveServiceRecord({ ctx: env.sys, input: { id: r.id } });
    const approved = await approveServiceRecords({ ctx: env.sys, input: { ids: two.records.map((r) => r.id) } });
    expect(approved.map((r) => r.status)).toEqual(two.records.map(() => 'approved'));

    const labels = new Labels();
    one.people.forEach((p, k) => labels.twin(p.id, two.people[k]!.id, `person${k}`));
    one.items.forEach((i, k) => labels.twin(i.id, two.items[k]!.id, `item${k}`));
    one.records.forEach((r, k) => labels.twin(r.id, two.records[k]!.id, `record${k}`));
    const records = async (w: typeof one) =>
      labels.normalise(await env.db.selectFrom('serviceRecords').selectAll().where('id', 'in', w.records.map((r) => r.id)).orderBy('itemId').orderBy('userId').execute(), ['createdAt', 'updatedAt']);
    const rowsOne = (await records(one)) as Array<Record<string, unknown>>;
    const rowsTwo = (await records(two)) as Array<Record<string, unknown>>;
    expect(sorted(rowsTwo)).toEqual(sorted(rowsOne));

    // Points: the 10-an-hour item alone reaches the day cap of 8; later items of the day get what is left.
    const ledger = async (w: typeof one) => labels.normalise(await transfersOf(env.db, env.tenantId, w.people.map((p) => p.id)), ['id']);
    expect(await ledger(two)).toEqual(await ledger(one));
    expect((await transfersOf(env.db, env.tenantId, [one.people[0]!.id])).map((t) => Number(t.basePoints))).toEqual([8, 0, 0]);
    for (const [k, p] of one.people.entries()) {
      for (const book of ['assessment', 'spendable'] as const) expect(await balanceOf(env.db, env.tenantId, two.people[k]!.id, book)).toBe(await balanceOf(env.db, env.tenantId, p.id, book));
    }

    const audit = async (w: typeof one) => sorted(labels.normalise(await auditOf(env.db, env.tenantId, w.records.map((r) => r.id))) as unknown[]);
    expect(await audit(two)).toEqual(await audit(one));
    expect((await auditOf(env.db, env.tenantId, two.records.map((r) => r.id))).filter((r) => r.action === 'service_record.approved')).toHaveLength(two.records.length);
    const messages = async (w: typeof one) => sorted(labels.normalise(await notificationsOf(w.people.map((p) => p.id))) as unknown[]);
    expect(await messages(two)).toEqual(await messages(one));
    expect(await ledgerViolations(env.db, env.tenantId)).toEqual(SOUND);
  });

  it('all or nothing: a record that is not pending, or one’s own, refuses the batch, naming it', async () => {
    const w = await side();
    clock = T0 + 30 * HOUR;
    const [r0, r1, r2] = w.records;
    await declineServiceRecord({ ctx: env.sys, input: { id: r1!.id, reason: '重复' } });
    await expect(approveServiceRecords({ ctx: env.sys, input: { ids: [r0!.id, r1!.id, r2!.id] } })).rejects.toMatchObject({ code: 'INVALID_TRANSITION', details: { recordId: r1!.id } });
    const own = { ...env.sys, actor: { ...env.sys.actor!, userId: r2!.userId } };
    await expect(approveServiceRecords({ ctx: own, input: { ids: [r2!.id] } })).rejects.toMatchObject({ code: 'FORBIDDEN', details: { recordId: r2!.id } });
    const statuses = await env.db.selectFrom('serviceRecords').select('status').where('id', 'in', [r0!.id, r2!.id]).execute();
    expect(statuses.map((s) => s.status)).toEqual(['pending', 'pending']);
    expect(await transfersOf(env.db, env.tenantId, w.people.map((p) => p.id))).toEqual([]);
  });
});
