import { Button, DotLoading } from 'antd-mobile';
import { Suspense, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useT } from '../../i18n/index.js';
import { loadSession, useSession } from '../lib/session.js';
import { PageSkeleton } from '../components/PageSkeleton.js';

function Splash() {
  const t = useT();
  return (
    <div className="ll-splash" aria-busy="true">
      <span className="ll-logo" aria-hidden>
        {t('app.mark')}
      </span>
      <DotLoading color="primary" aria-label={t('common.loading')} />
    </div>
  );
}

function Offline() {
  const t = useT();
  return (
    <div className="ll-splash">
      <div className="ll-empty" role="alert">
        <div className="ll-empty-title">{t('session.loadFailed')}</div>
        <div className="ll-empty-hint">{t('session.loadFailedHint')}</div>
      </div>
      <Button color="primary" fill="outline" style={{ minWidth: 120, minHeight: 44 }} onClick={() => void loadSession()}>
        {t('common.retry')}
      </Button>
    </div>
  );
}

/** Renders the signed-in app, or sends the visitor to 登录 (remembering where they were going). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <Splash />;
  if (session.status === 'offline') return <Offline />;
  if (session.status === 'anonymous') {
    // After a deliberate logout the next person starts at 首页; otherwise come back to where we were.
    const state = session.loggedOut ? null : { from: location.pathname + location.search, expired: session.expired ?? false };
    return <Navigate to="/login" replace state={state} />;
  }
  return <>{children}</>;
}

/** The login screen, only for visitors who are not signed in. */
export function PublicOnly({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <Splash />;
  if (session.status === 'signedIn') {
    const from = (location.state as { from?: unknown } | null)?.from;
    return <Navigate to={typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/'} replace />;
  }
  return <Suspense fallback={<PageSkeleton />}>{children}</Suspense>;
}
