import { Button, Dialog, ProgressBar, PullToRefresh, Toast } from 'antd-mobile';
import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, call } from '../../../../api/client.js';
import { useLocale, useT, type Locale, type Translate } from '../../../../i18n/index.js';
import { PageSkeleton } from '../../../components/PageSkeleton.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { errorMessage, toastError } from '../../../lib/errors.js';
import { usePullTexts } from '../../../lib/usePullTexts.js';
import { useRequest } from '../../../lib/useRequest.js';
import { CLAIM_STATUS_LABEL, categoryLabel, ITEM_STATUS_LABEL, RECORD_STATUS_LABEL, type Eligibility, type RecordStatus, type ServiceItemDetail } from '../api.js';
import { placesText } from '../components/ItemCard.js';
import { LoadState } from '../components/LoadState.js';
import { ReasonSheet } from '../components/ReasonSheet.js';
import { ClockCircleOutline, EnvironmentOutline, StarOutline, TeamOutline, UserContactOutline, ExclamationCircleOutline } from '../components/icons.js';
import { useAction } from '../lib/action.js';
import { distanceMeters, formatDistance, getPosition, locationAllowed, type Position } from '../lib/geo.js';
import { formatClock, formatMinutes, formatWindow } from '../lib/time.js';
import '../volunteer.css';

export function eligibilityText(t: Translate, e: Eligibility, lang: Locale): string {
  if (e.kind === 'party_members') return t('vol.eligibility.partyMembers');
  if (e.kind === 'units') return t('vol.eligibility.units', { n: e.unitIds?.length ?? 0 });
  if (e.kind === 'skills') return t('vol.eligibility.skills', { skills: (e.skills ?? []).join(lang === 'en' ? ', ' : '、') });
  return t('vol.eligibility.all');
}

/** 开始前 2 小时 · 开始前 30 分钟 · 开始前均可 */
export function deadlineText(t: Translate, minutes: number): string {
  if (minutes <= 0) return t('vol.deadline.untilStart');
  if (minutes % 60 === 0) return t('vol.deadline.hours', { n: minutes / 60 });
  return t('vol.deadline.minutes', { n: minutes });
}

const CANCEL_PRESETS = ['vol.cancel.preset1', 'vol.cancel.preset2', 'vol.cancel.preset3'] as const;

/**
 * 服务详情: place, time, places left, eligibility and rules; my claim, check-in and certification; one-tap 认领
 * (the waitlist said honestly when full), 取消认领 with a reason before the deadline; 签到/签退. Community workers
 * of the item also get 发布 (drafts), 现场签到码 and 名单.
 */
export default function ServiceDetailScreen() {
  const t = useT();
  const lang = useLocale();
  const navigate = useNavigate();
  const pull = usePullTexts();
  const { id = '' } = useParams();
  const request = useRequest(() => call(api.GET('/api/v1/service-items/{id}', { params: { path: { id } } })), [id]);
  const { run, pending } = useAction();
  const [cancelling, setCancelling] = useState(false);
  const [claimError, setClaimError] = useState<string | null>(null);
  const [position, setPosition] = useState<Position | null>(null);

  useEffect(() => {
    void locationAllowed().then((ok) => {
      if (ok) getPosition({ timeoutMs: 8000, maxAgeMs: 120_000 }).then(setPosition, () => undefined);
    });
  }, []);

  const claim = async (item: ServiceItemDetail) => {
    setClaimError(null);
    const full = item.remaining <= 0;
    if (full) {
      const ok = await Dialog.confirm({
        title: t('vol.claim.waitlistTitle'),
        content: item.waitlistedCount > 0 ? t('vol.claim.waitlistBody', { n: item.waitlistedCount, position: item.waitlistedCount + 1 }) : t('vol.claim.waitlistBodyFirst'),
        confirmText: t('vol.claim.joinWaitlist'),
        cancelText: t('common.cancel'),
      });
      if (!ok) return;
    }
    try {
      const c = await run(`claim:${item.id}`, null, (headers) => call(api.POST('/api/v1/service-items/{id}/claims', { params: { path: { id: item.id } }, headers })));
      if (c.status === 'waitlisted') {
        Toast.show({ content: full ? t('vol.claim.joined', { n: c.waitlistPosition ?? 1 }) : t('vol.claim.raceWaitlisted', { n: c.waitlistPosition ?? 1 }), duration: 3000 });
      } else {
        Toast.show({ icon: 'success', content: t('vol.claim.done') });
      }
      await request.reload();
    } catch (error) {
      // Eligibility, a started service, a duplicate: the server's own words, kept on screen.
      setClaimError(errorMessage(error));
      await request.reload();
    }
  };

  const cancel = async (item: ServiceItemDetail, reason: string) => {
    const claimId = item.myClaim!.id;
    try {
      await run(`cancel:${claimId}`, { reason }, (headers) => call(api.POST('/api/v1/claims/{id}/cancel', { params: { path: { id: claimId } }, body: { reason }, headers })));
      Toast.show({ icon: 'success', content: t('vol.cancel.done') });
      await request.reload();
    } catch (error) {
      toastError(error);
      throw error;
    }
  };

  const publish = async (item: ServiceItemDetail) => {
    try {
      await run(`publish:${item.id}`, null, (headers) => call(api.POST('/api/v1/service-items/{id}/publish', { params: { path: { id: item.id } }, headers })));
      Toast.show({ icon: 'success', content: t('vol.publish.done') });
      await request.reload();
    } catch (error) {
      toastError(error);
    }
  };

  return (
    <main data-testid="service-detail" className="vol-with-bar">
      <PageHeader title={t('vol.detail.title')} back parent="/services" />
      <PullToRefresh onRefresh={request.reload} {...pull}>
        <LoadState {...request} skeleton={<PageSkeleton cards={3} />}>
          {(item) => {
            const now = Date.now();
            const live = item.status === 'published' || item.status === 'closed';
            const ended = new Date(item.endsAt).getTime() <= now;
            const mine = item.myClaim;
            const record = item.myRecord;
            const distance = position ? distanceMeters(position, item) : null;
            const canCheckIn = live && !ended && mine?.status === 'claimed' && !record;
            const canCheckOut = record?.status === 'open' && item.status !== 'cancelled';
            return (
              <>
                <section className="ll-card vol-hero">
                  <div className="vol-item-top">
                    <span className="vol-tag vol-tag--cat">{t(categoryLabel(item.category))}</span>
                    <span className={item.status === 'published' ? 'vol-tag vol-tag--ok' : 'vol-tag vol-tag--muted'} data-testid="item-status">
                      {t(ITEM_STATUS_LABEL[item.status])}
                    </span>
                  </div>
                  <h1 className="vol-hero-title">{item.title}</h1>
                  <p className="vol-hero-sub">{item.communityName}</p>
                  {item.status === 'cancelled' && item.cancelReason && <p className="ll-note vol-note-in-card">{t('vol.detail.cancelledBecause', { reason: item.cancelReason })}</p>}
                </section>

                {item.canManage && (
                  <section className="ll-card" aria-label={t('vol.manage.title')} data-testid="manage">
                    <h2 className="ll-card-title vol-card-title">{t('vol.manage.title')}</h2>
                    <div className="vol-manage-actions">
                      {item.status === 'draft' && (
                        <Button color="primary" className="vol-button" loading={pending === `publish:${item.id}`} onClick={() => void publish(item)} data-testid="publish-draft">
                          {t('vol.publish.submit')}
                        </Button>
                      )}
                      {live && (
                        <Button color="primary" fill="outline" className="vol-button" onClick={() => navigate(`/services/${item.id}/code`)} data-testid="open-code">
                          {t('vol.code.title')}
                        </Button>
                      )}
                      <Button fill="outline" className="vol-button" onClick={() => navigate(`/services/${item.id}/roster`)} data-testid="open-roster">
                        {t('vol.roster.title')}
                      </Button>
                    </div>
                  </section>
                )}

                <section className="ll-card vol-facts" aria-label={t('vol.detail.facts')}>
                  <Fact icon={ClockCircleOutline} label={t('vol.detail.time')}>
                    {formatWindow(item.startsAt, item.endsAt, lang, t)}
                    <span className="vol-weak vol-block">{t('vol.detail.planned', { time: formatMinutes(t, item.plannedMinutes) })}</span>
                  </Fact>
                  <Fact icon={EnvironmentOutline} label={t('vol.detail.place')}>
                    {item.placeName}
                    <span className="vol-weak vol-block">
                      {distance !== null ? t('vol.detail.distance', { d: formatDistance(t, distance) }) + ' · ' : ''}
                      {t('vol.detail.radius', { n: item.checkinRadiusM })}
                    </span>
                  </Fact>
                  <Fact icon={TeamOutline} label={t('vol.detail.places')}>
                    <span data-testid="places">{placesText(t, item)}</span>
                    <ProgressBar className="vol-progress" percent={Math.min(100, (item.claimedCount / Math.max(1, item.capacity)) * 100)} aria-hidden />
                    <span className="vol-weak vol-block">{t('vol.detail.placesCount', { claimed: item.claimedCount, capacity: item.capacity, waiting: item.waitlistedCount })}</span>
                  </Fact>
                  <Fact icon={UserContactOutline} label={t('vol.detail.eligibility')}>
                    {eligibilityText(t, item.eligibility, lang)}
                  </Fact>
                  <Fact icon={StarOutline} label={t('vol.detail.points')}>
                    {item.pointsPerHour === null ? t('vol.detail.pointsByRule') : t('vol.detail.pointsPerHour', { n: item.pointsPerHour })}
                    <span className="vol-weak vol-block">{t('vol.detail.cancelRule', { deadline: deadlineText(t, item.cancelDeadlineMinutes) })}</span>
                  </Fact>
                </section>

                {item.description && (
                  <section className="ll-card">
                    <h2 className="ll-card-title vol-card-title">{t('vol.detail.description')}</h2>
                    <p className="vol-description">{item.description}</p>
                  </section>
                )}

                {(mine || record) && (
                  <section className="ll-card vol-mine" aria-label={t('vol.detail.mine')} data-testid="my-status">
                    <h2 className="ll-card-title vol-card-title">{t('vol.detail.mine')}</h2>
                    <MyStatus item={item} />
                    {mine && (mine.status === 'claimed' || mine.status === 'waitlisted') && !record && (
                      <>
                        {mine.canCancel ? (
                          <Button className="vol-button vol-button--ghost" block onClick={() => setCancelling(true)} data-testid="cancel-claim">
                            {mine.status === 'waitlisted' ? t('vol.cancel.waitlist') : t('vol.cancel.claim')}
                          </Button>
                        ) : (
                          <p className="vol-mine-note">{t('vol.cancel.tooLate', { deadline: deadlineText(t, item.cancelDeadlineMinutes) })}</p>
                        )}
                      </>
                    )}
                  </section>
                )}

                {claimError && (
                  <p className="ll-note vol-alert" role="alert" data-testid="claim-error">
                    <ExclamationCircleOutline />
                    <span className="vol-alert-text">{claimError}</span>
                  </p>
                )}

                <ActionBar>
                  {canCheckOut ? (
                    <Button block color="primary" className="vol-cta" onClick={() => navigate(`/services/${item.id}/check-in`)} data-testid="go-check-out">
                      {t('vol.checkIn.out')}
                    </Button>
                  ) : canCheckIn ? (
                    <Button block color="primary" className="vol-cta" onClick={() => navigate(`/services/${item.id}/check-in`)} data-testid="go-check-in">
                      {t('vol.checkIn.in')}
                    </Button>
                  ) : item.canClaim ? (
                    <Button block color="primary" className="vol-cta" loading={pending === `claim:${item.id}`} onClick={() => void claim(item)} data-testid="claim">
                      {item.remaining > 0 ? t('vol.claim.submit') : item.waitlistedCount > 0 ? t('vol.claim.joinWaitlistCount', { n: item.waitlistedCount }) : t('vol.claim.fullJoin')}
                    </Button>
                  ) : !mine && !record ? (
                    <p className="vol-bar-note">
                      {item.status === 'draft'
                        ? t('vol.claim.notPublished')
                        : item.status === 'cancelled'
                          ? t('vol.claim.cancelledItem')
                          : ended || item.status === 'completed'
                            ? t('vol.claim.over')
                            : item.status === 'closed'
                              ? t('vol.claim.closedItem')
                              : t('vol.claim.started')}
                    </p>
                  ) : null}
                </ActionBar>

                <ReasonSheet
                  visible={cancelling}
                  title={mine?.status === 'waitlisted' ? t('vol.cancel.waitlist') : t('vol.cancel.claim')}
                  hint={mine?.status === 'claimed' ? t('vol.cancel.hint') : undefined}
                  presets={CANCEL_PRESETS.map((k) => t(k))}
                  confirmText={t('vol.cancel.confirm')}
                  danger
                  onSubmit={(reason) => cancel(item, reason)}
                  onClose={() => setCancelling(false)}
                />
              </>
            );
          }}
        </LoadState>
      </PullToRefresh>
    </main>
  );
}

function Fact(props: { icon: typeof ClockCircleOutline; label: string; children: ReactNode }) {
  const Icon = props.icon;
  return (
    <div className="vol-fact">
      <Icon className="vol-fact-icon" />
      <div className="vol-fact-main">
        <div className="vol-fact-label">{props.label}</div>
        <div className="vol-fact-value">{props.children}</div>
      </div>
    </div>
  );
}

/** A bar pinned to the bottom of a pushed page, within thumb reach; renders nothing when empty. */
export function ActionBar({ children }: { children: ReactNode }) {
  if (!children) return null;
  return <div className="vol-actionbar">{children}</div>;
}

/** What I have with this service, in one or two sentences. */
function MyStatus({ item }: { item: ServiceItemDetail }) {
  const t = useT();
  const navigate = useNavigate();
  const mine = item.myClaim;
  const record = item.myRecord;
  if (record) {
    const line =
      record.status === 'open'
        ? t('vol.mine.checkedIn', { time: formatClock(record.checkInAt) })
        : record.status === 'pending'
          ? t('vol.mine.pending', { time: formatMinutes(t, record.creditedMinutes ?? 0) })
          : record.status === 'approved'
            ? t('vol.mine.approved', { time: formatMinutes(t, record.creditedMinutes ?? 0) })
            : t('vol.record.declined');
    return (
      <div className="vol-mine-body">
        <span className={`vol-tag vol-tag--rec-${record.status}`}>{t(RECORD_STATUS_LABEL[record.status as RecordStatus])}</span>
        <p className="vol-mine-line" data-testid="my-status-line">
          {line}
        </p>
        {record.checkOutAt && (
          <p className="vol-mine-note">
            {t('vol.mine.times', { in: formatClock(record.checkInAt), out: formatClock(record.checkOutAt) })}
          </p>
        )}
        {record.status === 'approved' && (
          <Button size="small" fill="none" color="primary" className="vol-link-button" onClick={() => navigate('/me/points')}>
            {t('vol.mine.seePoints')}
          </Button>
        )}
      </div>
    );
  }
  if (!mine) return null;
  const line =
    mine.status === 'waitlisted'
      ? t('vol.mine.waitlisted', { n: mine.waitlistPosition ?? 1 })
      : mine.status === 'claimed'
        ? t('vol.mine.claimed')
        : mine.status === 'no_show'
          ? t('vol.mine.noShow')
          : t('vol.mine.attended');
  return (
    <div className="vol-mine-body">
      <span className={`vol-tag vol-tag--${mine.status}`}>{t(CLAIM_STATUS_LABEL[mine.status])}</span>
      <p className="vol-mine-line" data-testid="my-status-line">
        {line}
      </p>
    </div>
  );
}
