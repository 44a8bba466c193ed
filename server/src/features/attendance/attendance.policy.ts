import type { ServiceRecordStatus } from '../../db/schema.js';
import { DomainError } from '../../platform/errors.js';
import { registerFileAccess } from '../../platform/files/file-access.js';
import { canManageServices } from '../service-items/service-items.policy.js';
import { selectRecords } from './attendance.queries.js';

/** Record lifecycle: open (checked in) → pending (checked out or entered by staff) → approved | declined. */
export const RECORD_TRANSITIONS = {
  checkOut: { from: ['open'], to: 'pending' },
  autoCheckOut: { from: ['open'], to: 'pending' },
  approve: { from: ['pending'], to: 'approved' },
  decline: { from: ['pending'], to: 'declined' },
} as const satisfies Record<string, { from: readonly ServiceRecordStatus[]; to: ServiceRecordStatus }>;
export type RecordAction = keyof typeof RECORD_TRANSITIONS;

const STATUS_ZH: Record<ServiceRecordStatus, string> = { open: '未签退', pending: '待认证', approved: '已认证', declined: '未通过' };
const ACTION_ZH: Record<RecordAction, string> = { checkOut: '签退', autoCheckOut: '自动签退', approve: '认证', decline: '驳回' };

export function recordTransition(action: RecordAction, from: ServiceRecordStatus): ServiceRecordStatus {
  const t = RECORD_TRANSITIONS[action];
  if (!(t.from as readonly string[]).includes(from)) {
    throw new DomainError('INVALID_TRANSITION', { 'zh-CN': `服务记录${STATUS_ZH[from]}，不能${ACTION_ZH[action]}`, en: `Cannot ${action} a ${from} record` }, { action, status: from });
  }
  return t.to;
}

// Evidence files of a record (补录材料) are readable by the record's person and the community's workers.
registerFileAccess('service_record', async (ctx, recordId) => {
  if (!ctx.actor) return false;
  const r = await selectRecords(ctx.db, ctx.tenantId).where('r.id', '=', recordId).executeTakeFirst();
  return !!r && (r.userId === ctx.actor.userId || canManageServices(ctx.actor, r.communityPath));
});
