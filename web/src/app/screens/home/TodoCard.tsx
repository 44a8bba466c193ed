import { Skeleton } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { api, call } from '../../../api/client.js';
import { useLocale, useT } from '../../../i18n/index.js';
import { formatRelative } from '../../../ui/format.js';
import { CheckCircleOutline, RightOutline } from '../../components/icons.js';
import { errorMessage } from '../../lib/apiErrors.js';
import { useRelativeWords } from '../../lib/useRelativeWords.js';
import { useRequest } from '../../lib/useRequest.js';
import { useCurrentGrant, useMe } from '../../lib/session.js';
import { useFeatureTodos } from '../../features/volunteer/todos.js';
import { roleHome } from '../../roles.js';

import { openNotification } from '../../notifications/open.js';
import { useInbox } from '../../notifications/store.js';

const SHOWN = 3;

/**
 * 今日待办. For now the person's unread notifications; as features land, each adds its own to-dos here
 * (pending confirmations, today's services, cases near their deadline, a patrol due).
 */
export function TodoCard() {
  const t = useT();
  const locale = useLocale();
  const words = useRelativeWords();
  const navigate = useNavigate();
  const { unread, available } = useInbox();
  const me = useMe();
  const { grant } = useCurrentGrant();
  const { todos } = useFeatureTodos(roleHome(grant?.role).todos ?? [], me, grant);

  // The unread count (kept live by the shell) decides whether there is anything to fetch at all.
  const nothing = unread === 0 || !available;
  const { data, error } = useRequest(
    async () => (nothing ? { items: [] } : call(api.GET('/api/v1/notifications', { params: { query: { unread: true, limit: SHOWN } } }))),
    [unread, available],
  );
  const items = nothing ? [] : (data?.items ?? []).filter((n) => !n.readAt);
  const waiting = (!nothing && !data && !error) || todos === undefined;
  const own = todos ?? [];
  const more = (unread ?? 0) - items.length;

  return (
    <section className="ll-card" aria-labelledby="todo-title" data-testid="todo">
      <div className="ll-card-head">
        <h2 className="ll-card-title" id="todo-title">
          {t('home.todoTitle')}
          {!!(unread || own.length) && <span className="ll-count">{(unread ?? 0) + own.length > 99 ? '99+' : (unread ?? 0) + own.length}</span>}
        </h2>
        {items.length > 0 && (
          <button type="button" className="ll-card-link" onClick={() => navigate('/inbox')}>
            {t('common.viewAll')}
            <RightOutline />
          </button>
        )}
      </div>
      {waiting ? (
        <div className="ll-todo-skeleton">
          <Skeleton.Paragraph lineCount={3} animated />
        </div>
      ) : items.length === 0 && own.length === 0 ? (
        <div className="ll-empty">
          <CheckCircleOutline className="ll-empty-icon" />
          <div className="ll-empty-title">{error && !nothing ? errorMessage(error) : available ? t('home.todoEmpty') : t('home.todoUnavailable')}</div>
          <div className="ll-empty-hint">{t('home.todoEmptyHint')}</div>
        </div>
      ) : (
        <ul className="ll-todo-list">
          {own.map((todo) => (
            <li key={todo.key}>
              <button type="button" className="ll-todo-item" onClick={() => navigate(todo.to)} data-testid="todo-item">
                <span className="ll-dot" style={todo.urgent ? undefined : { background: 'var(--ll-color-weak)' }} aria-hidden />
                <span className="ll-todo-title">{todo.title}</span>
                {todo.meta && <span className="ll-todo-time">{todo.meta}</span>}
              </button>
            </li>
          ))}
          {items.map((n) => (
            <li key={n.id}>
              <button type="button" className="ll-todo-item" onClick={() => openNotification(n, navigate, '/inbox')}>
                <span className="ll-dot" aria-label={t('inbox.unread')} />
                <span className="ll-todo-title">{n.title}</span>
                <span className="ll-todo-time">{formatRelative(n.createdAt, locale, words)}</span>
              </button>
            </li>
          ))}
          {more > 0 && (
            <li>
              <button type="button" className="ll-card-link ll-todo-more" onClick={() => navigate('/inbox')}>
                {t('home.todoMore', { n: more })}
              </button>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
