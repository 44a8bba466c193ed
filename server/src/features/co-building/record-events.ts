import type { Ctx } from '../../platform/context.js';
import { auditMany } from '../../platform/audit.js';
import { insertRows } from '../../platform/bulk.js';
import { newId } from '../../platform/ids.js';
import { notifyEach, type NewNotification } from '../../platform/notifications/notifier.js';
import { holdersOfMany } from '../report-ins/report-ins.queries.js';
import type { Parties, Side } from './co-building.machine.js';

export type TimelineEvent = { agreementId: string; itemId?: string; action: string; fromStatus: string | null; toStatus: string; note?: string | null; regionId: string; before?: unknown; after?: unknown };

/** recordEvent for many events (batch verbs): the timeline rows and their audit rows, a few statements in all. */
export async function recordEvents(tx: Ctx, events: TimelineEvent[]) {
  const rows = events.map((e) => ({ tenantId: tx.tenantId, id: newId(), agreementId: e.agreementId, itemId: e.itemId ?? null, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, actorId: tx.actor?.userId ?? null, note: e.note ?? null, at: tx.now() }));
  await insertRows(tx.db, 'co_build_events', rows);
  await auditMany(
    tx,
    events.map((e) => ({ action: `co_building.${e.action}`, targetType: e.itemId ? 'co_build_item' : 'co_build_agreement', targetId: e.itemId ?? e.agreementId, regionId: e.regionId, before: e.before, after: e.after })),
  );
}

/** notifyParties for many agreements: the secretaries of every unit and community looked up once. */
export async function notifyPartiesMany(tx: Ctx, list: Array<{ parties: Parties; notification: Omit<NewNotification, 'userIds'>; only?: Side }>) {
  const [units, communities] = await Promise.all([
    holdersOfMany(tx.db, tx.tenantId, 'unit_secretary', 'org', [...new Set(list.filter((n) => n.only !== 'community').map((n) => n.parties.unit.path))]),
    holdersOfMany(tx.db, tx.tenantId, 'community_secretary', 'region', [...new Set(list.filter((n) => n.only !== 'unit').map((n) => n.parties.community.path))]),
  ]);
  const out: NewNotification[] = [];
  for (const n of list) {
    const unitSide = n.only === 'community' ? [] : units.get(n.parties.unit.path)!;
    const communitySide = n.only === 'unit' ? [] : communities.get(n.parties.community.path)!;
    const userIds = [...new Set([...unitSide, ...communitySide])].filter((id) => id !== tx.actor?.userId);
    if (userIds.length) out.push({ ...n.notification, userIds });
  }
  await notifyEach(tx, out);
}
