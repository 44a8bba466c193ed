import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../i18n/index.js';
import { CameraOutline, HomeOutline, MessageOutline, ServiceOutline, UserOutline } from './components/icons.js';

/**
 * The phone app's route table. Every screen is its own lazy chunk so the first load carries only the shell.
 * A route with `tab` shows the bottom tab bar; the others are pushed pages with a back button.
 */
export type TabKey = 'home' | 'services' | 'report' | 'inbox' | 'me';

interface Screen {
  path: string;
  load: () => Promise<{ default: ComponentType }>;
  tab?: TabKey;
}

const SCREENS: Screen[] = [
  { path: '/', tab: 'home', load: () => import('./screens/home/HomeScreen.js') },
  { path: '/services', tab: 'services', load: () => import('./features/volunteer/screens/ServicesScreen.js') },
  { path: '/report', tab: 'report', load: () => import('./screens/ReportScreen.js') },
  { path: '/inbox', tab: 'inbox', load: () => import('./screens/InboxScreen.js') },
  { path: '/me', tab: 'me', load: () => import('./screens/profile/ProfileScreen.js') },
  { path: '/me/password', load: () => import('./screens/profile/ChangePasswordScreen.js') },
  { path: '/me/sessions', load: () => import('./screens/profile/SessionsScreen.js') },
  { path: '/overview', load: () => import('./screens/OverviewScreen.js') },
  // the volunteer loop (features/volunteer): member
  { path: '/services/:id', load: () => import('./features/volunteer/screens/ServiceDetailScreen.js') },
  { path: '/services/:id/check-in', load: () => import('./features/volunteer/screens/CheckInScreen.js') },
  { path: '/check-in', load: () => import('./features/volunteer/screens/CheckInPickScreen.js') },
  { path: '/me/services', load: () => import('./features/volunteer/screens/MyServicesScreen.js') },
  { path: '/me/points', load: () => import('./features/volunteer/screens/PointsScreen.js') },
  { path: '/report-in', load: () => import('./features/volunteer/screens/ReportInScreen.js') },
  // community worker
  { path: '/services/new', load: () => import('./features/volunteer/screens/PublishScreen.js') },
  { path: '/services/manage', load: () => import('./features/volunteer/screens/ManageServicesScreen.js') },
  { path: '/services/:id/code', load: () => import('./features/volunteer/screens/SiteCodeScreen.js') },
  { path: '/services/:id/roster', load: () => import('./features/volunteer/screens/RosterScreen.js') },
  { path: '/certify', load: () => import('./features/volunteer/screens/CertifyScreen.js') },
  { path: '/report-ins', load: () => import('./features/volunteer/screens/ReportInReviewScreen.js') },
  { path: '/report-ins/:id', load: () => import('./features/volunteer/screens/ReportInReviewDetailScreen.js') },
];

export interface AppRoute extends Screen {
  Component: LazyExoticComponent<ComponentType>;
}

export const ROUTES: AppRoute[] = SCREENS.map((s) => ({ ...s, Component: lazy(s.load) }));

export const loadLogin = () => import('./screens/LoginScreen.js');
export const LoginScreen = lazy(loadLogin);
export const NotFoundScreen = lazy(() => import('./screens/NotFoundScreen.js'));

/** The bottom tab bar, left to right; 随手拍 is the raised centre button. */
export interface Tab {
  key: TabKey;
  path: string;
  label: MessageKey;
  icon: ComponentType<{ className?: string }>;
  raised?: boolean;
}

export const TABS: Tab[] = [
  { key: 'home', path: '/', label: 'tab.home', icon: HomeOutline },
  { key: 'services', path: '/services', label: 'tab.services', icon: ServiceOutline },
  { key: 'report', path: '/report', label: 'tab.report', icon: CameraOutline, raised: true },
  { key: 'inbox', path: '/inbox', label: 'tab.inbox', icon: MessageOutline },
  { key: 'me', path: '/me', label: 'tab.me', icon: UserOutline },
];

/** Warms the tab screens' chunks once the shell is idle, so switching tabs never waits on the network. */
export function preloadTabs() {
  const run = () => SCREENS.filter((s) => s.tab).forEach((s) => void s.load().catch(() => undefined));
  if ('requestIdleCallback' in window) window.requestIdleCallback(run, { timeout: 3000 });
  else setTimeout(run, 1500);
}
