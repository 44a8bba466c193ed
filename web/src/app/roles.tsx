import type { ComponentType, SVGProps } from 'react';
import {
  BillOutline,
  CameraOutline,
  ChatCheckOutline,
  ChatWrongOutline,
  CheckShieldOutline,
  ClockCircleOutline,
  CompassOutline,
  EnvironmentOutline,
  ExclamationCircleOutline,
  FileOutline,
  FillinOutline,
  FlagOutline,
  GiftOutline,
  HeartOutline,
  HistogramOutline,
  AppOutline,
  LaptopOutline,
  ScanCodeOutline,
  SendOutline,
  SmileOutline,
  SoundOutline,
  StarOutline,
  TeamOutline,
  UnorderedListOutline,
  UserAddOutline,
  CheckCircleOutline,
} from './components/icons.js';
import { CalendarOutline } from 'antd-mobile-icons';
import type { MessageKey, Translate } from '../i18n/index.js';
import type { TodoSourceKey } from './features/volunteer/todos.js';

/**
 * What each role sees on 首页. Data, not if-chains: adding a feature means adding a row here.
 * Role codes are the server's (server/src/platform/policy.ts ROLES).
 */
export type RoleCode =
  | 'admin'
  | 'leader'
  | 'dispatcher'
  | 'community_secretary'
  | 'grid_worker'
  | 'street_chief'
  | 'department_handler'
  | 'unit_secretary'
  | 'property_manager'
  | 'member'
  | 'resident';

export type ShortcutKey =
  | 'reportIn' | 'claimService' | 'checkIn' | 'myServices' | 'myPoints'
  | 'reportInReview' | 'publishService' | 'serviceDesk' | 'certifyHours' | 'residentRequests'
  | 'myStreets' | 'patrol' | 'rectification'
  | 'toSign' | 'toHandle' | 'whistle'
  | 'snap' | 'wish' | 'vote'
  | 'unitMembers' | 'feedbackCard'
  | 'overview' | 'adminConsole'
  | 'dispatch' | 'supervise'
  | 'gridEvents' | 'myGrid'
  | 'propertyComplaints' | 'propertyRating';

export interface Shortcut {
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  /**
   * Where it goes: an in-app route, a full page outside the phone app (`href`), or nothing yet — then the
   * 即将上线 sheet explains what the feature will do (i18n `shortcut.<key>.desc`).
   */
  to?: string;
  href?: string;
}

export const SHORTCUTS: Record<ShortcutKey, Shortcut> = {
  reportIn: { icon: UserAddOutline, to: '/report-in' },
  claimService: { icon: HeartOutline, to: '/services' },
  checkIn: { icon: ScanCodeOutline, to: '/check-in' },
  myServices: { icon: CalendarOutline, to: '/me/services' },
  myPoints: { icon: StarOutline, to: '/me/points' },
  reportInReview: { icon: CheckShieldOutline, to: '/report-ins' },
  publishService: { icon: SendOutline, to: '/services/new' },
  serviceDesk: { icon: UnorderedListOutline, to: '/services/manage' },
  certifyHours: { icon: ClockCircleOutline, to: '/certify' },
  residentRequests: { icon: ChatCheckOutline },
  myStreets: { icon: EnvironmentOutline },
  patrol: { icon: CompassOutline },
  rectification: { icon: UnorderedListOutline },
  toSign: { icon: FillinOutline },
  toHandle: { icon: FileOutline },
  whistle: { icon: SoundOutline },
  snap: { icon: CameraOutline, to: '/report' },
  wish: { icon: GiftOutline },
  vote: { icon: CheckCircleOutline },
  unitMembers: { icon: TeamOutline },
  feedbackCard: { icon: BillOutline },
  overview: { icon: HistogramOutline, to: '/overview' },
  adminConsole: { icon: LaptopOutline, href: '/admin/' },
  dispatch: { icon: SendOutline },
  supervise: { icon: ExclamationCircleOutline },
  gridEvents: { icon: FlagOutline },
  myGrid: { icon: AppOutline },
  propertyComplaints: { icon: ChatWrongOutline },
  propertyRating: { icon: SmileOutline },
};

/** The blocks of 首页, top to bottom (see HomeScreen's SECTIONS). */
export type HomeSection = 'todo' | 'shortcuts' | 'overview';

export interface RoleHome {
  shortcuts: ShortcutKey[];
  sections: HomeSection[];
  /** What 今日待办 lists besides unread notifications (features/volunteer/todos.ts). */
  todos?: TodoSourceKey[];
}

const DEFAULT_SECTIONS: HomeSection[] = ['todo', 'shortcuts'];
/** Leaders read figures first. */
const LEADER_SECTIONS: HomeSection[] = ['todo', 'overview', 'shortcuts'];

export const ROLE_HOMES: Record<RoleCode, RoleHome> = {
  member: { shortcuts: ['reportIn', 'claimService', 'checkIn', 'myServices', 'myPoints'], sections: DEFAULT_SECTIONS, todos: ['myServicesToday', 'myReportIn'] },
  resident: { shortcuts: ['snap', 'wish', 'vote'], sections: DEFAULT_SECTIONS },
  community_secretary: {
    shortcuts: ['reportInReview', 'publishService', 'serviceDesk', 'certifyHours', 'residentRequests'],
    sections: DEFAULT_SECTIONS,
    todos: ['reportInsToReview', 'hoursToCertify', 'servicesToday'],
  },
  grid_worker: { shortcuts: ['gridEvents', 'snap', 'myGrid'], sections: DEFAULT_SECTIONS },
  street_chief: { shortcuts: ['myStreets', 'patrol', 'rectification', 'snap'], sections: DEFAULT_SECTIONS },
  department_handler: { shortcuts: ['toSign', 'toHandle', 'whistle'], sections: DEFAULT_SECTIONS },
  unit_secretary: { shortcuts: ['unitMembers', 'feedbackCard'], sections: DEFAULT_SECTIONS },
  property_manager: { shortcuts: ['propertyComplaints', 'propertyRating'], sections: DEFAULT_SECTIONS },
  dispatcher: { shortcuts: ['dispatch', 'supervise', 'overview'], sections: DEFAULT_SECTIONS },
  leader: { shortcuts: ['overview', 'supervise', 'adminConsole'], sections: LEADER_SECTIONS },
  admin: { shortcuts: ['overview', 'adminConsole'], sections: LEADER_SECTIONS },
};

const EMPTY_HOME: RoleHome = { shortcuts: [], sections: DEFAULT_SECTIONS };

export function roleHome(role: string | undefined): RoleHome {
  return (role && ROLE_HOMES[role as RoleCode]) || EMPTY_HOME;
}

/** The role's name in the UI language, falling back to the server's (Chinese) name for a role we don't know. */
export function roleLabel(t: Translate, grant: { role: string; roleName: string }): string {
  return grant.role in ROLE_HOMES ? t(`role.${grant.role}` as MessageKey) : grant.roleName;
}
