import { InfiniteScroll, PullToRefresh, SearchBar, Tabs } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../../../api/client.js';
import { useLocale, useT, type MessageKey } from '../../../../i18n/index.js';
import { formatRelative } from '../../../../ui/format.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { usePullTexts } from '../../../lib/usePullTexts.js';
import { useRelativeWords } from '../../../lib/useRelativeWords.js';
import type { ReportInStatus } from '../api.js';
import { LoadState } from '../components/LoadState.js';
import { ReportInStatusTag, useTeamName } from '../components/ReportInParts.js';
import { CheckShieldOutline } from '../components/icons.js';
import { usePaged } from '../lib/usePaged.js';
import '../volunteer.css';

const TABS: Array<{ key: ReportInStatus; label: MessageKey; empty: MessageKey }> = [
  { key: 'submitted', label: 'review.tab.submitted', empty: 'review.empty.submitted' },
  { key: 'returned', label: 'review.tab.returned', empty: 'review.empty.returned' },
  { key: 'active', label: 'review.tab.active', empty: 'review.empty.active' },
];

/** 报到审核: report-ins of the communities I review — waiting first; search by name or full phone number. */
export default function ReportInReviewScreen() {
  const t = useT();
  const lang = useLocale();
  const words = useRelativeWords();
  const navigate = useNavigate();
  const pull = usePullTexts();
  const team = useTeamName();
  const [params, setParams] = useSearchParams();
  const status = (TABS.find((x) => x.key === params.get('status'))?.key ?? 'submitted') as ReportInStatus;
  const communityId = params.get('communityId') ?? undefined;
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const list = usePaged(
    (cursor) => call(api.GET('/api/v1/report-ins', { params: { query: { status, limit: 30, ...(communityId ? { communityId } : {}), ...(search ? { q: search } : {}), ...(cursor ? { cursor } : {}) } } })),
    [status, communityId, search],
  );
  const empty = TABS.find((x) => x.key === status)!.empty;

  return (
    <main data-testid="report-in-review">
      <PageHeader title={t('review.title')} back parent="/" />
      <Tabs activeKey={status} onChange={(k) => setParams({ status: k, ...(communityId ? { communityId } : {}) }, { replace: true })} className="vol-tabs">
        {TABS.map((x) => (
          <Tabs.Tab key={x.key} title={t(x.label)} />
        ))}
      </Tabs>
      <div className="vol-filters">
        <SearchBar
          className="vol-search"
          placeholder={t('review.search')}
          value={q}
          onChange={(v) => {
            setQ(v);
            if (!v) setSearch('');
          }}
          onSearch={(v) => setSearch(v.trim())}
          onClear={() => setSearch('')}
        />
      </div>
      <PullToRefresh onRefresh={list.reload} {...pull}>
        <LoadState data={list.items} error={list.error} loading={list.loading} reload={list.reload} isEmpty={(rows) => rows.length === 0} empty={{ icon: CheckShieldOutline, title: t(empty) }}>
          {(rows) => (
            <>
              <ul className="vol-rows">
                {rows.map((r) => (
                  <li key={r.id}>
                    <button type="button" className="vol-row" onClick={() => navigate(`/report-ins/${r.id}`)} data-testid="report-in-row">
                      <span className="vol-row-main">
                        <span className="vol-row-title">
                          {r.userName} <span className="vol-weak vol-phone">{r.phone}</span>
                        </span>
                        <span className="vol-row-sub">{r.unitName}</span>
                        <span className="vol-row-sub">
                          {r.status === 'active' && r.gridName ? `${r.gridName} · ${r.serviceTeam ? team(r.serviceTeam) : ''}` : r.intentions.map(team).join(lang === 'en' ? ', ' : '、')}
                        </span>
                      </span>
                      <span className="vol-row-side">
                        {r.reconfirmDue ? <span className="vol-tag vol-tag--rec-pending">{t('review.reconfirmDue')}</span> : <ReportInStatusTag status={r.status} />}
                        <span className="vol-row-time">{formatRelative(r.submittedAt, lang, words)}</span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
              <InfiniteScroll loadMore={list.loadMore} hasMore={list.hasMore} />
            </>
          )}
        </LoadState>
      </PullToRefresh>
    </main>
  );
}
