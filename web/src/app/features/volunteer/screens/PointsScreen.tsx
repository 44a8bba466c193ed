import { InfiniteScroll, PullToRefresh, Tabs } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../../../api/client.js';
import { useLocale, useT, type Locale } from '../../../../i18n/index.js';
import { formatDateTime } from '../../../../ui/format.js';
import { PageSkeleton } from '../../../components/PageSkeleton.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { usePullTexts } from '../../../lib/usePullTexts.js';
import { useRequest } from '../../../lib/useRequest.js';
import type { PointMovement } from '../api.js';
import { LoadState } from '../components/LoadState.js';
import { StarOutline } from '../components/icons.js';
import { formatHoursNumber } from '../lib/time.js';
import { usePaged } from '../lib/usePaged.js';
import '../volunteer.css';

type Book = PointMovement['kind'];

/** Points carry two decimals; shown without trailing zeros (12, 12.5, 12.25). */
export const formatPoints = (n: number, locale: Locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n);
const signed = (n: number, locale: Locale) => (n > 0 ? `+${formatPoints(n, locale)}` : formatPoints(n, locale));

/**
 * 我的积分: assessment (考核积分, for the yearly appraisal) and spendable (可兑换积分, for the point shop) balances,
 * certified hours, this year's figures, and every movement of each book with the rule that produced it.
 */
export default function PointsScreen() {
  const t = useT();
  const lang = useLocale();
  const pull = usePullTexts();
  const navigate = useNavigate();
  const [book, setBook] = useState<Book>('assessment');
  const summary = useRequest(() => call(api.GET('/api/v1/me/points')));
  const history = usePaged((cursor) => call(api.GET('/api/v1/me/points/history', { params: { query: { kind: book, limit: 30, ...(cursor ? { cursor } : {}) } } })), [book]);

  const refresh = async () => {
    await Promise.all([summary.reload(), history.reload()]);
  };

  return (
    <main data-testid="points">
      <PageHeader title={t('vol.points.title')} back parent="/me" />
      <PullToRefresh onRefresh={refresh} {...pull}>
        <LoadState {...summary} skeleton={<PageSkeleton cards={1} />}>
          {(s) => (
            <section className="vol-points-hero" aria-label={t('vol.points.title')}>
              <div className="vol-balances">
                <div className="vol-balance">
                  <span className="vol-balance-value" data-testid="assessment-balance">
                    {formatPoints(s.assessment, lang)}
                  </span>
                  <span className="vol-balance-label">{t('vol.points.assessment')}</span>
                </div>
                <div className="vol-balance">
                  <span className="vol-balance-value" data-testid="spendable-balance">
                    {formatPoints(s.spendable, lang)}
                  </span>
                  <span className="vol-balance-label">{t('vol.points.spendable')}</span>
                </div>
                <div className="vol-balance">
                  <span className="vol-balance-value" data-testid="certified-hours">
                    {formatHoursNumber(s.certifiedMinutes)}
                  </span>
                  <span className="vol-balance-label">{t('vol.points.hours')}</span>
                </div>
              </div>
              <p className="vol-points-year">
                {t('vol.points.year', { year: s.year.year, assessment: formatPoints(s.year.assessment, lang), hours: formatHoursNumber(s.year.certifiedMinutes) })}
              </p>
              <p className="vol-points-note">{t('vol.points.note')}</p>
            </section>
          )}
        </LoadState>

        <Tabs activeKey={book} onChange={(k) => setBook(k as Book)} className="vol-tabs">
          <Tabs.Tab key="assessment" title={t('vol.points.assessmentHistory')} />
          <Tabs.Tab key="spendable" title={t('vol.points.spendableHistory')} />
        </Tabs>
        <LoadState
          data={history.items}
          error={history.error}
          loading={history.loading}
          reload={history.reload}
          isEmpty={(rows) => rows.length === 0}
          empty={{ icon: StarOutline, title: t('vol.points.none'), hint: t('vol.points.noneHint'), action: <button type="button" className="vol-inline-link vol-inline-link--block" onClick={() => navigate('/services')}>{t('vol.checkIn.browse')}</button> }}
        >
          {(rows) => (
            <>
              <ul className="vol-rows" data-testid="points-history">
                {rows.map((m) => (
                  <li key={m.id} className="vol-row vol-row--static">
                    <span className="vol-row-main">
                      <span className="vol-row-title">{m.reason}</span>
                      <span className="vol-row-sub">
                        {formatDateTime(m.occurredAt, lang)}
                        {m.correctsId ? ` · ${t('vol.points.correction')}` : ''}
                      </span>
                      <span className="vol-row-sub vol-weak">{t('vol.points.rule', { code: m.ruleCode, version: m.ruleVersion ?? '—' })}</span>
                    </span>
                    <span className={m.amount >= 0 ? 'vol-amount vol-amount--in' : 'vol-amount vol-amount--out'}>{signed(m.amount, lang)}</span>
                  </li>
                ))}
              </ul>
              <InfiniteScroll loadMore={history.loadMore} hasMore={history.hasMore} />
            </>
          )}
        </LoadState>
      </PullToRefresh>
    </main>
  );
}
