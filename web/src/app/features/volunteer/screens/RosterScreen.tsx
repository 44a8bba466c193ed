import { Button, PullToRefresh, Toast } from 'antd-mobile';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, call } from '../../../../api/client.js';
import { useLocale, useT, type MessageKey } from '../../../../i18n/index.js';
import { PageSkeleton } from '../../../components/PageSkeleton.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { toastError } from '../../../lib/errors.js';
import { usePullTexts } from '../../../lib/usePullTexts.js';
import { useRequest } from '../../../lib/useRequest.js';
import { RECORD_STATUS_LABEL, type RosterEntry } from '../api.js';
import { CertifyButtons } from '../components/CertifyButtons.js';
import { LoadState } from '../components/LoadState.js';
import { TeamOutline } from '../components/icons.js';
import { useAction } from '../lib/action.js';
import { formatClock, formatMinutes, formatWindow } from '../lib/time.js';
import '../volunteer.css';

const CHECK_STATE: Record<RosterEntry['checkState'], { label: MessageKey; tone: string }> = {
  not_checked_in: { label: 'roster.state.notIn', tone: 'muted' },
  checked_in: { label: 'roster.state.in', tone: 'attended' },
  checked_out: { label: 'roster.state.out', tone: 'ok' },
  waitlisted: { label: 'roster.state.waitlisted', tone: 'waitlisted' },
  no_show: { label: 'roster.state.noShow', tone: 'no_show' },
};

/** 名单: who claimed, who waits, who is on site and who has left; certify or mark no-shows right here. */
export default function RosterScreen() {
  const t = useT();
  const lang = useLocale();
  const navigate = useNavigate();
  const pull = usePullTexts();
  const { id = '' } = useParams();
  const request = useRequest(() => call(api.GET('/api/v1/service-items/{id}/roster', { params: { path: { id } } })), [id]);
  const { run, pending } = useAction();

  useEffect(() => {
    const timer = window.setInterval(() => void request.reload(), 20_000);
    return () => window.clearInterval(timer);
  }, [request.reload]);

  const noShow = async (claimId: string, name: string) => {
    try {
      await run(`no-show:${claimId}`, null, (headers) => call(api.POST('/api/v1/claims/{id}/no-show', { params: { path: { id: claimId } }, headers })));
      Toast.show({ content: t('roster.noShowDone', { name }) });
      await request.reload();
    } catch (error) {
      toastError(error);
    }
  };

  return (
    <main data-testid="roster">
      <PageHeader title={t('vol.roster.title')} back parent={`/services/${id}`} />
      <PullToRefresh onRefresh={request.reload} {...pull}>
        <LoadState {...request} skeleton={<PageSkeleton cards={2} />}>
          {(r) => {
            const ended = new Date(r.item.endsAt).getTime() <= Date.now();
            return (
              <>
                <section className="ll-card">
                  <h1 className="vol-hero-title">{r.item.title}</h1>
                  <p className="vol-hero-sub">{formatWindow(r.item.startsAt, r.item.endsAt, lang, t)}</p>
                  <div className="vol-totals" data-testid="roster-totals">
                    <Total n={`${r.totals.claimed}/${r.item.capacity}`} label={t('roster.total.claimed')} />
                    <Total n={r.totals.waitlisted} label={t('roster.total.waitlisted')} />
                    <Total n={r.totals.checkedIn} label={t('roster.total.onSite')} />
                    <Total n={r.totals.checkedOut} label={t('roster.total.left')} />
                    <Total n={r.totals.pending} label={t('roster.total.pending')} />
                    <Total n={r.totals.approved} label={t('roster.total.approved')} />
                  </div>
                  {r.item.status !== 'draft' && !ended && (
                    <Button block color="primary" fill="outline" className="vol-button" onClick={() => navigate(`/services/${id}/code`)}>
                      {t('vol.code.title')}
                    </Button>
                  )}
                </section>
                {r.entries.length === 0 ? (
                  <div className="ll-card ll-empty">
                    <TeamOutline className="ll-empty-icon" />
                    <div className="ll-empty-title">{t('roster.empty')}</div>
                  </div>
                ) : (
                  <ul className="vol-rows" data-testid="roster-list">
                    {r.entries.map((e) => {
                      const s = CHECK_STATE[e.checkState];
                      return (
                        <li key={e.userId} className="vol-row vol-row--static vol-roster-row" data-testid="roster-entry">
                          <span className="vol-row-main">
                            <span className="vol-row-title">
                              {e.name} <span className="vol-weak vol-phone">{e.phone}</span>
                            </span>
                            <span className="vol-row-sub">
                              {e.record
                                ? e.record.checkOutAt
                                  ? t('roster.times', { in: formatClock(e.record.checkInAt), out: formatClock(e.record.checkOutAt), credited: formatMinutes(t, e.record.creditedMinutes ?? 0) })
                                  : t('roster.since', { in: formatClock(e.record.checkInAt) })
                                : e.claim?.status === 'waitlisted'
                                  ? t('vol.myServices.position', { n: e.claim.waitlistPosition ?? 1 })
                                  : t('roster.claimedAt', { time: formatClock(e.claim?.claimedAt ?? r.item.startsAt) })}
                              {e.record && e.record.source !== 'qr' ? ` · ${t(e.record.source === 'batch' ? 'roster.source.batch' : 'roster.source.retro')}` : ''}
                            </span>
                            {e.record?.autoCheckedOut && <span className="vol-row-sub vol-warn-text">{t('certify.autoFlag')}</span>}
                            {ended && e.checkState === 'not_checked_in' && e.claim?.status === 'claimed' && (
                              <Button size="small" className="vol-button-sm vol-self-start" loading={pending === `no-show:${e.claim.id}`} onClick={() => void noShow(e.claim!.id, e.name)}>
                                {t('roster.markNoShow')}
                              </Button>
                            )}
                          </span>
                          <span className="vol-row-side">
                            <span className={`vol-tag vol-tag--${s.tone}`}>{t(s.label)}</span>
                            {e.record && e.record.status !== 'open' && <span className={`vol-tag vol-tag--rec-${e.record.status}`}>{t(RECORD_STATUS_LABEL[e.record.status])}</span>}
                            {e.record?.status === 'pending' && <CertifyButtons recordId={e.record.id} name={e.name} onDone={request.reload} />}
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </>
            );
          }}
        </LoadState>
      </PullToRefresh>
    </main>
  );
}

function Total({ n, label }: { n: number | string; label: string }) {
  return (
    <div className="vol-total">
      <span className="vol-total-n">{n}</span>
      <span className="vol-total-label">{label}</span>
    </div>
  );
}
