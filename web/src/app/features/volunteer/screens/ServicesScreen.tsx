import { InfiniteScroll, PullToRefresh, SearchBar, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../../../api/client.js';
import { useT, type MessageKey } from '../../../../i18n/index.js';
import { shanghaiParts } from '../../../../ui/format.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { useCurrentGrant } from '../../../lib/session.js';
import { usePullTexts } from '../../../lib/usePullTexts.js';
import { CATEGORIES, type Category, type ListItemsQuery } from '../api.js';
import { ItemCard } from '../components/ItemCard.js';
import { LoadState } from '../components/LoadState.js';
import { HeartOutline, ScanCodeOutline, SendOutline, StarOutline, UnorderedListOutline } from '../components/icons.js';
import { geoErrorText, getPosition, locationAllowed, type Position } from '../lib/geo.js';
import { usePaged } from '../lib/usePaged.js';
import '../volunteer.css';

type When = 'all' | 'today' | 'week';
type Sort = 'time' | 'distance';
const WHEN: Array<{ key: When; label: MessageKey }> = [
  { key: 'all', label: 'vol.when.all' },
  { key: 'today', label: 'vol.when.today' },
  { key: 'week', label: 'vol.when.week' },
];

/** End of today in Shanghai, as an instant. */
function endOfToday(now = new Date()): Date {
  const p = shanghaiParts(now);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, 23, 59, 59) - 8 * 3_600_000);
}

const PAGE = 20;

/**
 * 服务 tab: published services that have not ended, nearest first when the device location is known (asked for
 * only when the person picks 离我最近 or has already allowed it), else by start time; category, time and search
 * filters; quick ways to 签到, 我的服务, 我的积分 — and for community workers, 发布 and 服务管理.
 */
export default function ServicesScreen() {
  const t = useT();
  const navigate = useNavigate();
  const pull = usePullTexts();
  const { grant } = useCurrentGrant();
  const worker = grant?.role === 'community_secretary';
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<Category | null>(null);
  const [when, setWhen] = useState<When>('all');
  const [sort, setSort] = useState<Sort>('time');
  const [position, setPosition] = useState<Position | null>(null);
  const [locating, setLocating] = useState(false);

  const locate = async (quiet: boolean) => {
    setLocating(true);
    try {
      const p = await getPosition({ timeoutMs: 10_000, maxAgeMs: 120_000 });
      setPosition(p);
      setSort('distance');
    } catch (error) {
      setSort('time');
      if (!quiet) Toast.show({ content: `${geoErrorText(t, error)} ${t('vol.list.byTimeInstead')}`, duration: 3000 });
    } finally {
      setLocating(false);
    }
  };

  useEffect(() => {
    // Nearest first without a prompt when the person has allowed location before.
    void locationAllowed().then((ok) => {
      if (ok) void locate(true);
    });
  }, []);

  const near = sort === 'distance' && position ? `${position.lat.toFixed(5)},${position.lng.toFixed(5)}` : undefined;
  const list = usePaged(
    (cursor) => {
      const now = new Date();
      const query: ListItemsQuery = {
        status: 'published',
        from: now.toISOString(),
        limit: PAGE,
        ...(when === 'today' ? { to: endOfToday(now).toISOString() } : when === 'week' ? { to: new Date(now.getTime() + 7 * 86_400_000).toISOString() } : {}),
        ...(category ? { category } : {}),
        ...(search ? { q: search } : {}),
        ...(near ? { near } : {}),
        ...(cursor ? { cursor } : {}),
      };
      return call(api.GET('/api/v1/service-items', { params: { query } }));
    },
    [category, when, search, near],
  );

  const filtered = !!(category || search || when !== 'all');

  return (
    <main data-testid="services">
      <PageHeader
        title={t('services.title')}
        right={
          worker ? (
            <button type="button" className="ll-nav-action" onClick={() => navigate('/me/services')} data-testid="my-services-link">
              {t('vol.myServices.title')}
            </button>
          ) : undefined
        }
      />
      <PullToRefresh onRefresh={list.reload} {...pull}>
        <nav className="vol-quick" aria-label={t('vol.quick.label')}>
          {worker ? (
            <>
              <QuickLink icon={SendOutline} label={t('shortcut.publishService')} onClick={() => navigate('/services/new')} testid="quick-publish" />
              <QuickLink icon={UnorderedListOutline} label={t('shortcut.serviceDesk')} onClick={() => navigate('/services/manage')} testid="quick-desk" />
              <QuickLink icon={ScanCodeOutline} label={t('shortcut.checkIn')} onClick={() => navigate('/check-in')} testid="quick-checkin" />
            </>
          ) : (
            <>
              <QuickLink icon={ScanCodeOutline} label={t('shortcut.checkIn')} onClick={() => navigate('/check-in')} testid="quick-checkin" />
              <QuickLink icon={HeartOutline} label={t('vol.myServices.title')} onClick={() => navigate('/me/services')} testid="quick-mine" />
              <QuickLink icon={StarOutline} label={t('shortcut.myPoints')} onClick={() => navigate('/me/points')} testid="quick-points" />
            </>
          )}
        </nav>

        <div className="vol-filters">
          <SearchBar
            className="vol-search"
            placeholder={t('vol.list.search')}
            value={q}
            onChange={(v) => {
              setQ(v);
              if (!v) setSearch('');
            }}
            onSearch={(v) => setSearch(v.trim())}
            onClear={() => setSearch('')}
            aria-label={t('vol.list.search')}
          />
          <div className="vol-filter-row">
            <div className="vol-segment" role="radiogroup" aria-label={t('vol.list.sort')}>
              <button type="button" role="radio" aria-checked={sort === 'time'} className={sort === 'time' ? 'vol-seg vol-seg--on' : 'vol-seg'} onClick={() => setSort('time')}>
                {t('vol.list.byTime')}
              </button>
              <button
                type="button"
                role="radio"
                aria-checked={sort === 'distance'}
                className={sort === 'distance' ? 'vol-seg vol-seg--on' : 'vol-seg'}
                onClick={() => (position ? setSort('distance') : void locate(false))}
                disabled={locating}
                data-testid="sort-distance"
              >
                {locating ? t('vol.geo.locating') : t('vol.list.byDistance')}
              </button>
            </div>
            <div className="vol-segment" role="radiogroup" aria-label={t('vol.list.when')}>
              {WHEN.map((w) => (
                <button key={w.key} type="button" role="radio" aria-checked={when === w.key} className={when === w.key ? 'vol-seg vol-seg--on' : 'vol-seg'} onClick={() => setWhen(w.key)}>
                  {t(w.label)}
                </button>
              ))}
            </div>
          </div>
          <div className="vol-chips" role="radiogroup" aria-label={t('vol.list.category')}>
            <button type="button" role="radio" aria-checked={!category} className={!category ? 'vol-chip vol-chip--on' : 'vol-chip'} onClick={() => setCategory(null)}>
              {t('vol.cat.all')}
            </button>
            {CATEGORIES.map((c) => (
              <button key={c.value} type="button" role="radio" aria-checked={category === c.value} className={category === c.value ? 'vol-chip vol-chip--on' : 'vol-chip'} onClick={() => setCategory(c.value)}>
                {t(c.label)}
              </button>
            ))}
          </div>
        </div>

        <LoadState
          data={list.items}
          error={list.error}
          loading={list.loading}
          reload={list.reload}
          isEmpty={(items) => items.length === 0}
          empty={{ icon: HeartOutline, title: filtered ? t('vol.list.noneFiltered') : t('vol.list.none'), hint: filtered ? t('vol.list.noneFilteredHint') : t('vol.list.noneHint') }}
        >
          {(items) => (
            <>
              {sort === 'distance' && position && <p className="vol-list-note">{t('vol.list.nearNote')}</p>}
              <div className="vol-items" role="list">
                {items.map((item) => (
                  <div role="listitem" key={item.id}>
                    <ItemCard item={item} />
                  </div>
                ))}
              </div>
              <InfiniteScroll loadMore={list.loadMore} hasMore={list.hasMore} />
            </>
          )}
        </LoadState>
      </PullToRefresh>
    </main>
  );
}

function QuickLink(props: { icon: typeof HeartOutline; label: string; onClick: () => void; testid: string }) {
  const Icon = props.icon;
  return (
    <button type="button" className="vol-quick-link" onClick={props.onClick} data-testid={props.testid}>
      <Icon className="vol-quick-icon" />
      <span>{props.label}</span>
    </button>
  );
}
