import { Divider, Timeline, Typography } from 'antd';
import { api, call } from '../../../api/client.js';
import { RecordTimeline } from '../../components/RecordTimeline.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useCan } from '../../hooks/usePermissions.js';
import { useI18n } from '../../i18n.js';
import { formatTime } from '../../format.js';
import { sourceLabel } from './labels.js';
import type { Roster, ServiceItem } from './types.js';

interface Step {
  at: string;
  text: string;
  note?: string | null;
  color: string;
}

const GREY = '#9ca3af';
const GREEN = '#16a34a';
const AMBER = '#d97706';
const RED = '#C8161D';
const BLUE = '#3b82f6';

/**
 * An item's timeline: its lifecycle as the item records it (created, published, closed, cancelled with the reason,
 * completed) and — for the community's workers — what happened on it, put together from the roster and the
 * records (claims, check-ins and -outs, staff entries, certification); for those who may read the audit log,
 * every audited change as well.
 */
export function ItemLifecycle({ item, roster }: { item: ServiceItem & { canManage: boolean }; roster: Roster | undefined }) {
  const { t, locale } = useI18n();
  const canAudit = useCan('audit.read');
  const records = useLoad(item.canManage ? `records:${item.id}:${item.updatedAt}:${roster?.totals.approved ?? ''}` : null, () =>
    call(api.GET('/api/v1/service-records', { params: { query: { itemId: item.id, limit: 200 } } })).then((p) => p.items),
  );

  const steps: Step[] = [
    { at: item.createdAt, text: t('vol.life.created'), color: GREY },
    ...(item.publishedAt ? [{ at: item.publishedAt, text: t('vol.life.published'), color: GREEN }] : []),
    ...(item.closedAt ? [{ at: item.closedAt, text: t('vol.life.closed'), color: AMBER }] : []),
    ...(item.cancelledAt ? [{ at: item.cancelledAt, text: t('vol.life.cancelled'), note: item.cancelReason, color: RED }] : []),
    ...(item.completedAt ? [{ at: item.completedAt, text: t('vol.life.completed'), color: BLUE }] : []),
  ];
  for (const e of roster?.entries ?? []) {
    if (e.claim) steps.push({ at: e.claim.claimedAt, text: t(e.claim.status === 'waitlisted' ? 'vol.life.waitlisted' : 'vol.life.claimed', { name: e.name }), color: BLUE });
  }
  // Staff entries and approvals made together (one sheet, one batch) show as one step naming the people.
  const groups = new Map<string, { at: string; names: string[]; make: (names: string) => Step }>();
  const group = (key: string, at: string, name: string, make: (names: string) => Step) => {
    const g = groups.get(key) ?? { at, names: [], make };
    g.names.push(name);
    groups.set(key, g);
  };
  for (const r of records.data ?? []) {
    if (r.source === 'qr') {
      steps.push({ at: r.checkInAt, text: t('vol.life.checkedIn', { name: r.userName }), color: BLUE });
      if (r.checkOutAt) steps.push({ at: r.checkOutAt, text: t(r.autoCheckedOut ? 'vol.life.autoCheckedOut' : 'vol.life.checkedOut', { name: r.userName }), color: r.autoCheckedOut ? AMBER : BLUE });
    } else {
      group(`entry|${r.source}|${r.createdAt.slice(0, 16)}|${r.note ?? ''}`, r.createdAt, r.userName, (names) => ({
        at: r.createdAt,
        text: t('vol.life.entered', { name: names, source: sourceLabel(r.source, locale) }),
        note: r.note,
        color: BLUE,
      }));
    }
    if (r.certifiedAt && r.status === 'approved') group(`approved|${r.certifiedAt.slice(0, 16)}`, r.certifiedAt, r.userName, (names) => ({ at: r.certifiedAt!, text: t('vol.life.approved', { name: names }), color: GREEN }));
    if (r.certifiedAt && r.status === 'declined') steps.push({ at: r.certifiedAt, text: t('vol.life.declined', { name: r.userName }), note: r.declineReason, color: RED });
  }
  const list = (names: string[]) => (names.length <= 6 ? names.join('、') : t('vol.life.andMore', { names: names.slice(0, 6).join('、'), n: names.length }));
  for (const g of groups.values()) steps.push(g.make(list(g.names)));
  steps.sort((a, b) => a.at.localeCompare(b.at));

  return (
    <>
      <Timeline
        style={{ marginTop: 8 }}
        data-testid="item-timeline"
        items={steps.map((s, i) => ({
          key: `${s.at}-${i}`,
          color: s.color,
          content: (
            <>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {formatTime(s.at)}
              </Typography.Text>
              <Typography.Text strong>{s.text}</Typography.Text>
              {s.note && (
                <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}>
                  {s.note}
                </Typography.Paragraph>
              )}
            </>
          ),
        }))}
      />
      {canAudit ? (
        <>
          <Divider titlePlacement="start">{t('vol.life.audit')}</Divider>
          <RecordTimeline targetType="service_item" targetId={item.id} />
        </>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('vol.life.auditNote')}
        </Typography.Text>
      )}
    </>
  );
}
