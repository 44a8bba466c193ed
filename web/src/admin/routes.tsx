import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { Button, Result, Spin } from 'antd';
import { useI18n } from './i18n.js';
import { AdminLayout } from './layout/AdminLayout.js';
import { NAV } from './layout/nav.js';
import { hasConsoleAccess, useSession } from './session.js';

const LoginPage = lazy(() => import('./pages/LoginPage.js'));
const NoAccessPage = lazy(() => import('./pages/NoAccessPage.js'));
const ComingSoonPage = lazy(() => import('./pages/ComingSoonPage.js'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.js'));

/** Built pages, one lazy chunk each, keyed by their menu path. */
const PAGES: Record<string, LazyExoticComponent<ComponentType>> = {
  '/org/regions': lazy(() => import('./pages/org/RegionTreePage.js')),
  '/org/organisations': lazy(() => import('./pages/org/OrganisationsPage.js')),
  '/org/people': lazy(() => import('./pages/org/PeoplePage.js')),
  '/org/grants': lazy(() => import('./pages/org/GrantsPage.js')),
  '/org/imports': lazy(() => import('./pages/org/ImportPage.js')),
  '/report-in/review': lazy(() => import('./pages/reportin/ReportInReviewPage.js')),
  '/report-in/unit-members': lazy(() => import('./pages/reportin/UnitMembersPage.js')),
  '/report-in/rates': lazy(() => import('./pages/reportin/ReportInRatesPage.js')),
  '/report-in/co-building': lazy(() => import('./pages/reportin/CoBuildingPage.js')),
  '/volunteer/items': lazy(() => import('./pages/volunteer/ServiceItemsPage.js')),
  '/volunteer/hours': lazy(() => import('./pages/volunteer/ServiceHoursPage.js')),
  '/dashboard/overview': lazy(() => import('./pages/dashboard/OverviewPage.js')),
  '/system/audit': lazy(() => import('./pages/system/AuditLogPage.js')),
  '/system/calendar': lazy(() => import('./pages/system/CalendarPage.js')),
};

const Loading = () => <Spin size="large" style={{ display: 'block', margin: '120px auto' }} />;

export function AppRoutes() {
  const { me, error, refresh } = useSession();
  const { t } = useI18n();
  if (me === undefined) {
    if (!error) return <Loading />;
    return <Result status="warning" title={t('session.unavailable')} subTitle={error.message} extra={<Button onClick={() => void refresh()}>{t('common.retry')}</Button>} />;
  }
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={me ? <Navigate to="/" replace /> : <LoginPage />} />
        <Route element={<ConsoleGate />}>
          <Route element={<AdminLayout />}>
            <Route index element={<Navigate to="/org/regions" replace />} />
            {NAV.flatMap((group) =>
              group.items.map((item) => {
                const Page = item.ready ? PAGES[item.path] : undefined;
                return <Route key={item.path} path={`${item.path.slice(1)}/*`} element={Page ? <Page /> : <ComingSoonPage />} />;
              }),
            )}
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}

/** Signed-out visitors go to the login page; signed-in users without a console role see a polite refusal. */
function ConsoleGate() {
  const { me } = useSession();
  const location = useLocation();
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (!hasConsoleAccess(me)) return <NoAccessPage />;
  return <Outlet />;
}
