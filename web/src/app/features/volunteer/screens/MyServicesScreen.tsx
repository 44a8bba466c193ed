import { InfiniteScroll, PullToRefresh, Tabs } from 'antd-mobile';
import { useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../../../api/client.js';
import { useLocale, useT, type MessageKey, type Translate } from '../../../../i18n/index.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { usePullTexts } from '../../../lib/usePullTexts.js';
import { CLAIM_STATUS_LABEL, RECORD_STATUS_LABEL, type MyClaimRow, type MyClaimsView, type RecordStatus } from '../api.js';
import { LoadState } from '../components/LoadState.js';
import { HeartOutline } from '../components/icons.js';
import { formatMinutes, formatWindow } from '../lib/time.js';
import { usePaged } from '../lib/usePaged.js';
import '../volunteer.css';

const VIEWS: Array<{ key: Exclude<MyClaimsView, 'all'>; label: MessageKey; empty: MessageKey }> = [
  { key: 'upcoming', label: 'vol.myServices.upcoming', empty: 'vol.myServices.noneUpcoming' },
  { key: 'waitlisted', label: 'vol.myServices.waitlisted', empty: 'vol.myServices.noneWaitlisted' },
  { key: 'done', label: 'vol.myServices.done', empty: 'vol.myServices.noneDone' },
];

/** The state that matters for a row: certification when there is a record, else the claim. */
function rowState(t: Translate, r: MyClaimRow): { text: string; tone: string } {
  if (r.record) {
    const minutes = r.record.creditedMinutes ?? 0;
    if (r.record.status === 'approved') return { text: t('vol.myServices.approved', { time: formatMinutes(t, minutes) }), tone: 'rec-approved' };
    if (r.record.status === 'pending') return { text: t('vol.myServices.pending', { time: formatMinutes(t, minutes) }), tone: 'rec-pending' };
    return { text: t(RECORD_STATUS_LABEL[r.record.status as RecordStatus]), tone: `rec-${r.record.status}` };
  }
  if (r.claim.status === 'waitlisted') return { text: t('vol.myServices.position', { n: r.claim.waitlistPosition ?? 1 }), tone: 'waitlisted' };
  if (r.claim.status === 'claimed' && new Date(r.item.endsAt).getTime() <= Date.now()) return { text: t('vol.myServices.missed'), tone: 'no_show' };
  if (r.item.status === 'cancelled') return { text: t('vol.item.cancelled'), tone: 'no_show' };
  return { text: t(CLAIM_STATUS_LABEL[r.claim.status]), tone: r.claim.status };
}

/** 我的服务: upcoming, waitlisted and done, each done one with its certification state. */
export default function MyServicesScreen() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const view = (VIEWS.find((v) => v.key === params.get('view'))?.key ?? 'upcoming') as Exclude<MyClaimsView, 'all'>;
  return (
    <main data-testid="my-services">
      <PageHeader title={t('vol.myServices.title')} back parent="/services" />
      <Tabs activeKey={view} onChange={(k) => setParams({ view: k }, { replace: true })} className="vol-tabs">
        {VIEWS.map((v) => (
          <Tabs.Tab key={v.key} title={t(v.label)} />
        ))}
      </Tabs>
      <ClaimList key={view} view={view} />
    </main>
  );
}

function ClaimList({ view }: { view: Exclude<MyClaimsView, 'all'> }) {
  const t = useT();
  const lang = useLocale();
  const navigate = useNavigate();
  const pull = usePullTexts();
  const list = usePaged((cursor) => call(api.GET('/api/v1/me/claims', { params: { query: { view, limit: 20, ...(cursor ? { cursor } : {}) } } })), [view]);
  const empty = VIEWS.find((v) => v.key === view)!.empty;
  return (
    <PullToRefresh onRefresh={list.reload} {...pull}>
      <LoadState
        data={list.items}
        error={list.error}
        loading={list.loading}
        reload={list.reload}
        isEmpty={(rows) => rows.length === 0}
        empty={{ icon: HeartOutline, title: t(empty), hint: t('vol.myServices.emptyHint') }}
      >
        {(rows) => (
          <>
            <ul className="vol-rows" data-testid={`my-${view}`}>
              {rows.map((r) => {
                const s = rowState(t, r);
                return (
                  <li key={r.claim.id}>
                    <button type="button" className="vol-row" onClick={() => navigate(`/services/${r.item.id}`)} data-testid="my-claim">
                      <span className="vol-row-main">
                        <span className="vol-row-title">{r.item.title}</span>
                        <span className="vol-row-sub">{formatWindow(r.item.startsAt, r.item.endsAt, lang, t)}</span>
                        <span className="vol-row-sub">
                          {r.item.placeName} · {r.item.communityName}
                        </span>
                      </span>
                      <span className={`vol-tag vol-tag--${s.tone}`}>{s.text}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
            <InfiniteScroll loadMore={list.loadMore} hasMore={list.hasMore} />
          </>
        )}
      </LoadState>
    </PullToRefresh>
  );
}
