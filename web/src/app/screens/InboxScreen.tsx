import { InfiniteScroll, PullToRefresh, Toast } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../api/client.js';
import { useLocale, useT } from '../../i18n/index.js';
import { formatRelative } from '../../ui/format.js';
import { BellOutline } from '../components/icons.js';
import { ListSkeleton } from '../components/PageSkeleton.js';
import { PageHeader } from '../components/PageHeader.js';
import { isMissingRoute, toastError } from '../lib/errors.js';
import { usePullTexts } from '../lib/usePullTexts.js';
import { useRelativeWords } from '../lib/useRelativeWords.js';
import type { Notification } from '../notifications/api.js';
import { openNotification } from '../notifications/open.js';
import { markAllRead, onNotification, refreshUnread, useInbox } from '../notifications/store.js';

const PAGE = 20;
const fetchPage = (cursor?: string) => call(api.GET('/api/v1/notifications', { params: { query: { limit: PAGE, ...(cursor ? { cursor } : {}) } } }));

/** 消息: the inbox, newest first — pull to refresh, endless scroll by cursor, live arrivals on top. */
export default function InboxScreen() {
  const t = useT();
  const locale = useLocale();
  const words = useRelativeWords();
  const pull = usePullTexts();
  const navigate = useNavigate();
  const { unread } = useInbox();
  const [items, setItems] = useState<Notification[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [unavailable, setUnavailable] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const page = await fetchPage();
      setItems(page.items);
      setCursor(page.nextCursor ?? null);
      setUnavailable(false);
      void refreshUnread();
    } catch (error) {
      if (isMissingRoute(error)) setUnavailable(true);
      else toastError(error);
    } finally {
      setLoaded(true);
    }
  }, []);

  useEffect(() => {
    void refresh();
    return onNotification((n) => setItems((prev) => (prev.some((x) => x.id === n.id) ? prev : [n, ...prev])));
  }, [refresh]);

  const loadMore = async () => {
    const page = await fetchPage(cursor ?? undefined); // throws → InfiniteScroll offers a retry
    setItems((prev) => {
      const seen = new Set(prev.map((n) => n.id));
      return [...prev, ...page.items.filter((n) => !seen.has(n.id))];
    });
    setCursor(page.nextCursor ?? null);
  };

  const open = (n: Notification) => {
    if (!n.readAt) setItems((prev) => prev.map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x)));
    openNotification(n, navigate);
  };

  const readAll = async () => {
    try {
      await markAllRead();
      const now = new Date().toISOString();
      setItems((prev) => prev.map((x) => (x.readAt ? x : { ...x, readAt: now })));
      Toast.show({ icon: 'success', content: t('inbox.readAllDone') });
    } catch (error) {
      toastError(error);
    }
  };

  const hasUnread = (unread ?? 0) > 0 || items.some((n) => !n.readAt);

  return (
    <main data-testid="inbox">
      <PageHeader
        title={t('inbox.title')}
        right={
          <button type="button" className="ll-nav-action" disabled={!hasUnread || unavailable} onClick={() => void readAll()} data-testid="read-all">
            {t('inbox.readAll')}
          </button>
        }
      />
      <PullToRefresh onRefresh={refresh} {...pull}>
        {!loaded ? (
          <ListSkeleton />
        ) : items.length === 0 ? (
          <div className="ll-card ll-empty" style={{ paddingTop: 40, paddingBottom: 40 }} data-testid="inbox-empty">
            <BellOutline className="ll-empty-icon" />
            <div className="ll-empty-title">{unavailable ? t('inbox.unavailable') : t('inbox.empty')}</div>
            <div className="ll-empty-hint">{unavailable ? t('inbox.unavailableHint') : t('inbox.emptyHint')}</div>
          </div>
        ) : (
          <>
            <div role="list">
              {items.map((n) => (
                <button
                  key={n.id}
                  type="button"
                  role="listitem"
                  className={n.readAt ? 'll-msg' : 'll-msg ll-msg--unread'}
                  onClick={() => open(n)}
                  aria-label={n.readAt ? n.title : `${t('inbox.unread')} ${n.title}`}
                >
                  <span className="ll-msg-icon">
                    <BellOutline />
                  </span>
                  <span className="ll-msg-main">
                    <span className="ll-msg-top">
                      <span className="ll-msg-title">{n.title}</span>
                      <span className="ll-msg-time">{formatRelative(n.createdAt, locale, words)}</span>
                    </span>
                    {n.body && <span className="ll-msg-body">{n.body}</span>}
                  </span>
                </button>
              ))}
            </div>
            <InfiniteScroll loadMore={loadMore} hasMore={cursor !== null} />
          </>
        )}
      </PullToRefresh>
    </main>
  );
}
