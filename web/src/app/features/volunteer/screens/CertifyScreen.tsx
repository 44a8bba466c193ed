import { Button, Dialog, InfiniteScroll, PullToRefresh, Toast } from 'antd-mobile';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../../../api/client.js';
import { useLocale, useT } from '../../../../i18n/index.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { toastError } from '../../../lib/errors.js';
import { useMe } from '../../../lib/session.js';
import { usePullTexts } from '../../../lib/usePullTexts.js';
import { useRequest } from '../../../lib/useRequest.js';
import type { ServiceRecord } from '../api.js';
import { CertifyButtons } from '../components/CertifyButtons.js';
import { LoadState } from '../components/LoadState.js';
import { ClockCircleOutline } from '../components/icons.js';
import { useAction } from '../lib/action.js';
import { formatClock, formatDay, formatMinutes } from '../lib/time.js';
import { usePaged } from '../lib/usePaged.js';
import '../volunteer.css';

/**
 * 认证时长: records waiting for certification in the communities I run, grouped by service, oldest service first.
 * Each shows check-in/out, actual and credited time (after the rounding rule and daily cap) and the automatic
 * check-out flag; approve one or all of a service, or decline with a reason. One's own records are left out (the
 * server refuses them).
 */
export default function CertifyScreen() {
  const t = useT();
  const lang = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const pull = usePullTexts();
  const { run, pending } = useAction();
  const list = usePaged((cursor) => call(api.GET('/api/v1/service-records', { params: { query: { status: 'pending', limit: 100, ...(cursor ? { cursor } : {}) } } })), []);
  const records = useMemo(() => (list.items ? list.items.filter((r) => r.userId !== me.id) : undefined), [list.items, me.id]);
  const itemIds = useMemo(() => [...new Set((records ?? []).map((r) => r.itemId))].sort(), [records]);
  // Records carry no title: one read per distinct service on the page (API gap: RecordView lacks itemTitle).
  const items = useRequest(
    async () => new Map((await Promise.all(itemIds.map((id) => call(api.GET('/api/v1/service-items/{id}', { params: { path: { id } } })).catch(() => null)))).filter((x) => x !== null).map((x) => [x.id, x])),
    [itemIds.join(',')],
  );

  const groups = useMemo(() => {
    const by = new Map<string, ServiceRecord[]>();
    for (const r of records ?? []) by.set(r.itemId, [...(by.get(r.itemId) ?? []), r]);
    return [...by.entries()].sort(([a], [b]) => (items.data?.get(a)?.startsAt ?? '').localeCompare(items.data?.get(b)?.startsAt ?? ''));
  }, [records, items.data]);

  const approveAll = async (itemId: string, rows: ServiceRecord[]) => {
    const ok = await Dialog.confirm({ content: t('certify.approveAllConfirm', { n: rows.length }), confirmText: t('certify.approveAll', { n: rows.length }), cancelText: t('common.cancel') });
    if (!ok) return;
    const body = { ids: rows.map((r) => r.id) };
    try {
      await run(`approve-all:${itemId}`, body, (headers) => call(api.POST('/api/v1/service-records/batch-approve', { body, headers })));
      Toast.show({ icon: 'success', content: t('certify.approvedAll', { n: rows.length }) });
      await list.reload();
    } catch (error) {
      toastError(error);
    }
  };

  return (
    <main data-testid="certify">
      <PageHeader title={t('shortcut.certifyHours')} back parent="/" />
      <p className="ll-note ll-note--info">{t('certify.intro')}</p>
      <PullToRefresh onRefresh={list.reload} {...pull}>
        <LoadState data={records} error={list.error} loading={list.loading} reload={list.reload} isEmpty={(rows) => rows.length === 0} empty={{ icon: ClockCircleOutline, title: t('certify.none'), hint: t('certify.noneHint') }}>
          {() => (
            <>
              {groups.map(([itemId, rows]) => {
                const item = items.data?.get(itemId);
                return (
                  <section key={itemId} className="ll-card ll-card--flush vol-certify-group" data-testid="certify-group">
                    <div className="vol-certify-head">
                      <button type="button" className="vol-certify-title" onClick={() => navigate(`/services/${itemId}/roster`)}>
                        <span className="vol-row-title">{item?.title ?? t('common.loading')}</span>
                        {item && <span className="vol-row-sub">{formatDay(item.startsAt, lang, t)} {formatClock(item.startsAt)}–{formatClock(item.endsAt)}</span>}
                      </button>
                      {rows.length > 1 && (
                        <Button size="small" fill="outline" color="primary" className="vol-button-sm" loading={pending === `approve-all:${itemId}`} onClick={() => void approveAll(itemId, rows)}>
                          {t('certify.approveAll', { n: rows.length })}
                        </Button>
                      )}
                    </div>
                    <ul className="vol-rows vol-rows--inset">
                      {rows.map((r) => (
                        <li key={r.id} className="vol-row vol-row--static vol-row--top" data-testid="pending-record">
                          <span className="vol-row-main">
                            <span className="vol-row-title">{r.userName}</span>
                            <span className="vol-row-sub">
                              {t('certify.times', { in: formatClock(r.checkInAt), out: r.checkOutAt ? formatClock(r.checkOutAt) : '—' })}
                            </span>
                            <span className="vol-row-sub">
                              {t('certify.minutes', { actual: formatMinutes(t, r.actualMinutes ?? 0), credited: formatMinutes(t, r.creditedMinutes ?? 0) })}
                            </span>
                            {r.autoCheckedOut && <span className="vol-row-sub vol-warn-text">{t('certify.autoFlag')}</span>}
                            {r.note && <span className="vol-row-sub vol-weak">{r.note}</span>}
                          </span>
                          <CertifyButtons recordId={r.id} name={r.userName} onDone={list.reload} />
                        </li>
                      ))}
                    </ul>
                  </section>
                );
              })}
              <InfiniteScroll loadMore={list.loadMore} hasMore={list.hasMore} />
            </>
          )}
        </LoadState>
      </PullToRefresh>
    </main>
  );
}
