import { api, call } from '../../../api/client.js';
import { useLocale, useT, type Locale, type Translate } from '../../../i18n/index.js';
import { shanghaiParts } from '../../../ui/format.js';
import type { Grant, Me } from '../../lib/session.js';
import { useRequest } from '../../lib/useRequest.js';
import { formatClock, isToday } from './lib/time.js';

/**
 * 今日待办 from the volunteer loop, for 首页. Each source is one or two cheap reads; roles name theirs in
 * roles.tsx (`todos`). A source that fails shows nothing rather than an error on the home page.
 */
export interface Todo {
  key: string;
  title: string;
  /** a time or a count, right-aligned */
  meta?: string;
  to: string;
  urgent?: boolean;
}

interface Env {
  t: Translate;
  locale: Locale;
  me: Me;
  grant: Grant;
}

export type TodoSourceKey = 'myServicesToday' | 'myReportIn' | 'reportInsToReview' | 'hoursToCertify' | 'servicesToday';

const count = (n: number, more: boolean) => (more ? `${n}+` : String(n));

function endOfToday(now = new Date()): Date {
  const p = shanghaiParts(now);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, 23, 59, 59) - 8 * 3_600_000);
}

const SOURCES: Record<TodoSourceKey, (env: Env) => Promise<Todo[]>> = {
  /** Member: today's claimed services (签到), and open check-ins (签退). */
  async myServicesToday({ t }) {
    const { items } = await call(api.GET('/api/v1/me/claims', { params: { query: { view: 'all', limit: 50 } } }));
    const now = Date.now();
    const todos: Todo[] = [];
    for (const r of items) {
      if (r.record?.status === 'open') {
        todos.push({ key: `out:${r.item.id}`, title: t('todo.checkOut', { title: r.item.title }), meta: formatClock(r.item.endsAt), to: `/services/${r.item.id}/check-in`, urgent: true });
      } else if (r.claim.status === 'claimed' && !r.record && isToday(r.item.startsAt) && new Date(r.item.endsAt).getTime() > now && (r.item.status === 'published' || r.item.status === 'closed')) {
        todos.push({ key: `in:${r.item.id}`, title: t('todo.serviceToday', { title: r.item.title }), meta: formatClock(r.item.startsAt), to: `/services/${r.item.id}` });
      }
    }
    return todos.sort((a, b) => (a.meta ?? '').localeCompare(b.meta ?? ''));
  },

  /** Member: not yet reported in, returned, or due for re-confirmation. */
  async myReportIn({ t, me }) {
    const { current } = await call(api.GET('/api/v1/me/report-in'));
    if (!current) return me.isPartyMember ? [{ key: 'report-in', title: t('todo.reportInMissing'), to: '/report-in' }] : [];
    if (current.status === 'returned') return [{ key: 'report-in', title: t('todo.reportInReturned'), to: '/report-in', urgent: true }];
    if (current.status === 'active' && current.reconfirmDue) return [{ key: 'report-in', title: t('todo.reportInReconfirm'), to: '/report-in' }];
    return [];
  },

  /** Community worker: report-ins waiting for confirmation. */
  async reportInsToReview({ t }) {
    const page = await call(api.GET('/api/v1/report-ins', { params: { query: { status: 'submitted', limit: 100 } } }));
    const n = page.items.length;
    return n ? [{ key: 'review', title: t('todo.reportInsToReview'), meta: count(n, !!page.nextCursor), to: '/report-ins', urgent: true }] : [];
  },

  /** Community worker: service records waiting for certification (not their own). */
  async hoursToCertify({ t, me }) {
    const page = await call(api.GET('/api/v1/service-records', { params: { query: { status: 'pending', limit: 100 } } }));
    const n = page.items.filter((r) => r.userId !== me.id).length;
    return n ? [{ key: 'certify', title: t('todo.hoursToCertify'), meta: count(n, !!page.nextCursor), to: '/certify', urgent: true }] : [];
  },

  /** Community worker: the community's services running today (to show the site code). */
  async servicesToday({ t, grant }) {
    if (!grant.regionId) return [];
    const now = new Date();
    const { items } = await call(
      api.GET('/api/v1/service-items', { params: { query: { communityId: grant.regionId, status: 'published', from: now.toISOString(), to: endOfToday(now).toISOString(), limit: 5 } } }),
    );
    return items.map((i) => ({
      key: `item:${i.id}`,
      title: t('todo.runToday', { title: i.title }),
      meta: `${formatClock(i.startsAt)} · ${i.claimedCount}/${i.capacity}`,
      to: `/services/${i.id}`,
    }));
  },
};

/** The to-dos of the given sources, in order; `undefined` while the first answers are on their way. */
export function useFeatureTodos(keys: readonly TodoSourceKey[], me: Me, grant: Grant | null): { todos: Todo[] | undefined; reload: () => Promise<void> } {
  const t = useT();
  const locale = useLocale();
  const { data, reload } = useRequest(
    async () => {
      if (!grant || keys.length === 0) return [];
      const lists = await Promise.all(keys.map((k) => SOURCES[k]({ t, locale, me, grant }).catch(() => [] as Todo[])));
      return lists.flat();
    },
    [grant?.id, keys.join(','), locale],
  );
  return { todos: data, reload };
}
