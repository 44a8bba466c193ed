import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  BankOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FlagOutlined,
  HeartOutlined,
  NotificationOutlined,
  ProfileOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { MsgKey } from '../i18n.js';

/** A console page. `ready: false` pages show a placeholder naming the part of PRODUCT.md that brings them. */
export interface NavItem {
  path: string;
  label: MsgKey;
  ready: boolean;
  /** The permission (as GET /roles names it) without which the page is left out of the menu; a list means any of them. */
  needs?: string | readonly string[];
  /** Roles of which the user must hold one (for capabilities the role catalogue names no permission for yet). */
  roles?: readonly string[];
}

export interface NavGroup {
  key: string;
  label: MsgKey;
  icon: ReactNode;
  /** The PRODUCT.md section (and work item) that delivers the group's unbuilt pages. */
  brings: string;
  items: NavItem[];
}

const soon = (path: string, label: MsgKey): NavItem => ({ path, label, ready: false });
const page = (path: string, label: MsgKey, needs?: string | readonly string[], roles?: readonly string[]): NavItem => ({ path, label, ready: true, needs, roles });

/** The left menu, grouped by capability as in PRODUCT §6. */
export const NAV: NavGroup[] = [
  {
    key: 'org', label: 'nav.org', icon: <ApartmentOutlined />, brings: '§3.1',
    items: [
      page('/org/regions', 'nav.regions'),
      page('/org/organisations', 'nav.organisations', 'org.read'),
      page('/org/people', 'nav.people', 'user.read'),
      page('/org/grants', 'nav.grants', 'grant.write'),
      page('/org/imports', 'nav.imports', 'import.run'),
    ],
  },
  {
    key: 'report-in', label: 'nav.reportIn', icon: <FlagOutlined />, brings: '§3.2',
    items: [
      page('/report-in/review', 'nav.reportInReview', 'reportin.review'),
      page('/report-in/unit-members', 'nav.unitMembers', 'reportin.unit'),
      page('/report-in/rates', 'nav.reportInRates', 'stats.read'),
      page('/report-in/co-building', 'nav.coBuilding', ['cobuild.unit', 'cobuild.community']),
    ],
  },
  {
    key: 'volunteer', label: 'nav.volunteer', icon: <HeartOutlined />, brings: '§3.3',
    items: [page('/volunteer/items', 'nav.serviceItems'), page('/volunteer/hours', 'nav.serviceHours', undefined, ['admin', 'community_secretary'])],
  },
  { key: 'points', label: 'nav.points', icon: <TrophyOutlined />, brings: '§3.4', items: [soon('/points/rules', 'nav.pointRules'), soon('/points/ledger', 'nav.pointLedger'), soon('/points/appraisal', 'nav.appraisal'), soon('/points/shop', 'nav.pointShop')] },
  { key: 'cases', label: 'nav.cases', icon: <ProfileOutlined />, brings: '§3.5', items: [soon('/cases/list', 'nav.caseList'), soon('/cases/categories', 'nav.categories'), soon('/cases/duty-matrix', 'nav.dutyMatrix')] },
  { key: 'streets', label: 'nav.streets', icon: <EnvironmentOutlined />, brings: '§3.6', items: [soon('/streets/list', 'nav.streetList'), soon('/streets/patrols', 'nav.patrols'), soon('/streets/rectification', 'nav.rectification')] },
  { key: 'whistles', label: 'nav.whistles', icon: <NotificationOutlined />, brings: '§3.7', items: [soon('/whistles/list', 'nav.whistleList')] },
  { key: 'co-governance', label: 'nav.coGovernance', icon: <TeamOutlined />, brings: '§3.8', items: [soon('/co-governance/wishes', 'nav.wishes'), soon('/co-governance/renovation', 'nav.renovation'), soon('/co-governance/deliberation', 'nav.deliberation'), soon('/co-governance/alliances', 'nav.alliances'), soon('/co-governance/property', 'nav.property')] },
  { key: 'positions', label: 'nav.positions', icon: <BankOutlined />, brings: '§3.9', items: [soon('/positions/centers', 'nav.centers'), soon('/positions/bookings', 'nav.bookings')] },
  { key: 'dashboard', label: 'nav.dashboard', icon: <DashboardOutlined />, brings: '§3.10', items: [page('/dashboard/overview', 'nav.overview', 'stats.read'), soon('/dashboard/reports', 'nav.reports')] },
  { key: 'system', label: 'nav.system', icon: <SettingOutlined />, brings: '§3.1', items: [page('/system/audit', 'nav.audit', 'audit.read'), page('/system/calendar', 'nav.calendar')] },
];

/** Whether the menu offers an item: its permission (any of a list) and role, when named, are held. Unknown permissions (catalogue loading) show it. */
export function navVisible(item: NavItem, permissions: ReadonlySet<string> | null, roles: readonly string[]): boolean {
  if (item.roles && !item.roles.some((r) => roles.includes(r))) return false;
  if (!item.needs || !permissions) return true;
  return typeof item.needs === 'string' ? permissions.has(item.needs) : item.needs.some((n) => permissions.has(n));
}

export function findNav(pathname: string): { group: NavGroup; item: NavItem } | undefined {
  for (const group of NAV) {
    const item = group.items.find((i) => pathname === i.path || pathname.startsWith(`${i.path}/`));
    if (item) return { group, item };
  }
  return undefined;
}
