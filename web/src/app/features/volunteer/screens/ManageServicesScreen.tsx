import { Button, InfiniteScroll, PullToRefresh, Tabs } from 'antd-mobile';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../../../api/client.js';
import { useT, type MessageKey } from '../../../../i18n/index.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { useCurrentGrant } from '../../../lib/session.js';
import { usePullTexts } from '../../../lib/usePullTexts.js';
import type { ListItemsQuery } from '../api.js';
import { ItemCard } from '../components/ItemCard.js';
import { LoadState } from '../components/LoadState.js';
import { SendOutline } from '../components/icons.js';
import { usePaged } from '../lib/usePaged.js';
import '../volunteer.css';

type View = 'upcoming' | 'draft' | 'started';
const VIEWS: Array<{ key: View; label: MessageKey; empty: MessageKey }> = [
  { key: 'upcoming', label: 'desk.tab.upcoming', empty: 'desk.empty.upcoming' },
  { key: 'started', label: 'desk.tab.started', empty: 'desk.empty.started' },
  { key: 'draft', label: 'desk.tab.draft', empty: 'desk.empty.draft' },
];

/** 服务管理 (community workers): the community's services — upcoming, started or ended, drafts — each with 签到码 and 名单. */
export default function ManageServicesScreen() {
  const t = useT();
  const navigate = useNavigate();
  const pull = usePullTexts();
  const { grant, grants } = useCurrentGrant();
  const community = useMemo(() => {
    const g = grant?.role === 'community_secretary' ? grant : grants.find((x) => x.role === 'community_secretary');
    return g?.regionId ?? null;
  }, [grant, grants]);
  const [params, setParams] = useSearchParams();
  const view = (VIEWS.find((v) => v.key === params.get('view'))?.key ?? 'upcoming') as View;
  const list = usePaged(
    (cursor) => {
      const now = new Date().toISOString();
      const query: ListItemsQuery = {
        limit: 30,
        ...(community ? { communityId: community } : {}),
        // The list API orders by start time ascending only: "started" takes the last 60 days and shows them newest first.
        ...(view === 'draft' ? { status: 'draft' } : view === 'upcoming' ? { from: now } : { from: new Date(Date.now() - 60 * 86_400_000).toISOString(), to: now, limit: 100 }),
        ...(cursor ? { cursor } : {}),
      };
      return call(api.GET('/api/v1/service-items', { params: { query } }));
    },
    [view, community],
  );
  // Newest first for what has started.
  const items = view === 'started' && list.items ? [...list.items].reverse() : list.items;

  return (
    <main data-testid="service-desk">
      <PageHeader title={t('shortcut.serviceDesk')} back parent="/" />
      <div className="vol-desk-top">
        <Button block color="primary" className="vol-cta" onClick={() => navigate('/services/new')} data-testid="new-service">
          <SendOutline /> {t('shortcut.publishService')}
        </Button>
      </div>
      <Tabs activeKey={view} onChange={(k) => setParams({ view: k }, { replace: true })} className="vol-tabs">
        {VIEWS.map((v) => (
          <Tabs.Tab key={v.key} title={t(v.label)} />
        ))}
      </Tabs>
      <PullToRefresh onRefresh={list.reload} {...pull}>
        <LoadState data={items} error={list.error} loading={list.loading} reload={list.reload} isEmpty={(rows) => rows.length === 0} empty={{ icon: SendOutline, title: t(VIEWS.find((v) => v.key === view)!.empty) }}>
          {(rows) => (
            <>
              <div className="vol-items" role="list">
                {rows.map((item) => {
                  const live = item.status === 'published' || item.status === 'closed';
                  return (
                    <div role="listitem" key={item.id} className="vol-desk-item">
                      <ItemCard item={item} showStatus />
                      {(live || item.claimedCount > 0) && (
                        <div className="vol-desk-actions">
                          {live && (
                            <button type="button" className="vol-desk-action" onClick={() => navigate(`/services/${item.id}/code`)} data-testid="desk-code">
                              {t('vol.code.title')}
                            </button>
                          )}
                          <button type="button" className="vol-desk-action" onClick={() => navigate(`/services/${item.id}/roster`)} data-testid="desk-roster">
                            {t('vol.roster.title')}
                          </button>
                        </div>
                      )}
                    </div>
                  );
                })}
              </div>
              <InfiniteScroll loadMore={list.loadMore} hasMore={list.hasMore} />
            </>
          )}
        </LoadState>
      </PullToRefresh>
    </main>
  );
}
