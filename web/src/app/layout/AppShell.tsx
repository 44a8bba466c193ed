import { Suspense, useEffect } from 'react';
import { Outlet, useLocation } from 'react-router';
import { startLiveInbox } from '../notifications/store.js';
import { ROUTES, preloadTabs } from '../routes.js';
import { PageSkeleton } from '../components/PageSkeleton.js';
import { TabBar } from './TabBar.js';

/** The signed-in frame: the current screen, and the tab bar on tab screens. Owns the live inbox stream. */
export function AppShell() {
  const { pathname } = useLocation();
  const tab = ROUTES.find((r) => r.path === pathname)?.tab;

  useEffect(() => {
    const stop = startLiveInbox();
    preloadTabs();
    return stop;
  }, []);

  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <>
      <div className={tab ? 'll-page ll-page--tabbed' : 'll-page'}>
        <Suspense fallback={<PageSkeleton />}>
          <Outlet />
        </Suspense>
      </div>
      {tab && <TabBar active={tab} />}
    </>
  );
}
