/**
 * Table types as Kysely sees them (camelCase; the CamelCasePlugin maps to snake_case SQL).
 * Each feature adds its tables here next to the migration that creates them.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export type RegionKind = 'prefecture' | 'city' | 'subdistrict' | 'community' | 'grid' | 'compound' | 'building';
export type OrgKind = 'party_org' | 'unit' | 'department';

export interface TenantTable {
  id: string;
  code: string;
  name: string;
  settings: Json<Record<string, unknown>>;
  createdAt: CreatedAt;
}

export interface RegionTable {
  tenantId: string;
  id: string;
  parentId: string | null;
  kind: RegionKind;
  code: string;
  name: string;
  path: string;
  depth: number;
  lat: number | null;
  lng: number | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface OrganisationTable {
  tenantId: string;
  id: string;
  kind: OrgKind;
  subtype: string | null;
  name: string;
  code: string | null;
  regionId: string;
  parentId: string | null;
  path: string;
  depth: number;
  contactName: string | null;
  contactPhone: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface UserTable {
  tenantId: string;
  id: string;
  phone: string;
  name: string;
  passwordHash: string | null;
  idCardCipher: string | null;
  idCardDigest: string | null;
  regionId: string | null;
  isPartyMember: Generated<boolean>;
  locale: Generated<'zh-CN' | 'en'>;
  status: Generated<'active' | 'disabled'>;
  passwordChangedAt: Timestamp | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface UserUnitTable {
  tenantId: string;
  userId: string;
  unitId: string;
  position: string | null;
  createdAt: CreatedAt;
}

export interface UserCommunityTable {
  tenantId: string;
  userId: string;
  communityId: string;
  relation: 'resident' | 'registered';
  createdAt: CreatedAt;
}

export interface UnitCommunityTable {
  tenantId: string;
  unitId: string;
  communityId: string;
  relation: Generated<'co_building' | 'stationed' | 'linked'>;
  since: string | null;
  createdAt: CreatedAt;
}

export interface RoleGrantTable {
  tenantId: string;
  id: string;
  userId: string;
  role: string;
  regionId: string | null;
  orgId: string | null;
  scopePath: string;
  grantedBy: string | null;
  createdAt: CreatedAt;
  revokedAt: Timestamp | null;
  revokedBy: string | null;
}

export interface SessionTable {
  tenantId: string;
  id: string;
  userId: string;
  tokenHash: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: CreatedAt;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  revokedAt: Timestamp | null;
}

export interface LoginThrottleTable {
  tenantId: string;
  key: string;
  failures: number;
  windowStartedAt: Timestamp;
  lockedUntil: Timestamp | null;
}

export interface AuditLogTable {
  tenantId: string;
  id: string;
  at: CreatedAt;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  regionId: string | null;
  before: Json | null;
  after: Json | null;
  ip: string | null;
  requestId: string | null;
}

export interface IdempotencyKeyTable {
  tenantId: string;
  actorKey: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  statusCode: number | null;
  response: Json | null;
  createdAt: CreatedAt;
  expiresAt: Timestamp;
}

export interface FileTable {
  tenantId: string;
  id: string;
  sha256: string;
  mime: string;
  size: number;
  originalName: string | null;
  uploadedBy: string;
  exifTakenAt: Date | null;
  exifLat: number | null;
  exifLng: number | null;
  regionId: string | null;
  ownerType: string;
  ownerId: string;
  createdAt: CreatedAt;
}

export interface NotificationTable {
  tenantId: string;
  id: string;
  userId: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: CreatedAt;
  readAt: Timestamp | null;
}

export interface CalendarYearTable {
  tenantId: string;
  year: number;
  /** The State Council notice the year's days come from (title and 发文字号); null until entered. */
  notice: string | null;
  createdAt: CreatedAt;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

export interface CalendarDayTable {
  tenantId: string;
  /** 'YYYY-MM-DD' (dates are read as strings; see db/database.ts). */
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
  source: 'notice' | 'manual';
  updatedBy: string | null;
  updatedAt: Timestamp;
}

export interface CalendarSettingsTable {
  tenantId: string;
  officeHours: Json<{ periods: Array<{ start: string; end: string }> }>;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

export interface JobRunTable {
  tenantId: string;
  name: string;
  nextRunAt: Timestamp;
  lastRunAt: Timestamp | null;
  lastFinishedAt: Timestamp | null;
  lastError: string | null;
  runs: Generated<number>;
  lockedUntil: Timestamp | null;
  lockedBy: string | null;
}

export type ServiceItemStatus = 'draft' | 'published' | 'closed' | 'cancelled' | 'completed';
export type ServiceClaimStatus = 'claimed' | 'waitlisted' | 'cancelled' | 'no_show' | 'attended';
export type ServiceRecordStatus = 'open' | 'pending' | 'approved' | 'declined';
export interface ServiceEligibility {
  kind: 'all' | 'party_members' | 'units' | 'skills';
  unitIds?: string[];
  skills?: string[];
}

export interface ServiceItemTable {
  tenantId: string;
  id: string;
  communityId: string;
  title: string;
  category: string;
  description: string;
  startsAt: Timestamp;
  endsAt: Timestamp;
  placeName: string;
  /** WGS84 */
  lat: number;
  lng: number;
  checkinRadiusM: number;
  capacity: number;
  claimedCount: Generated<number>;
  waitlistedCount: Generated<number>;
  eligibility: Json<ServiceEligibility>;
  plannedMinutes: number;
  pointsPerHour: number | null;
  cancelDeadlineMinutes: number;
  status: Generated<ServiceItemStatus>;
  createdBy: string;
  publishedAt: Timestamp | null;
  closedAt: Timestamp | null;
  cancelledAt: Timestamp | null;
  cancelReason: string | null;
  completedAt: Timestamp | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface ServiceClaimTable {
  tenantId: string;
  id: string;
  itemId: string;
  userId: string;
  status: ServiceClaimStatus;
  claimedAt: Timestamp;
  queuedAt: Timestamp | null;
  promotedAt: Timestamp | null;
  cancelledAt: Timestamp | null;
  cancelledBy: string | null;
  cancelReason: string | null;
  noShowAt: Timestamp | null;
  attendedAt: Timestamp | null;
  updatedAt: Timestamp;
}

export interface ServiceRecordTable {
  tenantId: string;
  id: string;
  itemId: string;
  claimId: string | null;
  userId: string;
  source: 'qr' | 'batch' | 'retro';
  checkInAt: Timestamp;
  checkInLat: number | null;
  checkInLng: number | null;
  checkOutAt: Timestamp | null;
  checkOutLat: number | null;
  checkOutLng: number | null;
  /** 'YYYY-MM-DD', Asia/Shanghai date of the check-in. */
  serviceDay: string;
  plannedMinutes: number;
  actualMinutes: number | null;
  creditedMinutes: number | null;
  autoCheckedOut: Generated<boolean>;
  enteredBy: string | null;
  note: string | null;
  status: ServiceRecordStatus;
  certifiedBy: string | null;
  certifiedAt: Timestamp | null;
  declineReason: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface ServiceRatingTable {
  tenantId: string;
  id: string;
  itemId: string;
  userId: string;
  score: number;
  comment: string | null;
  createdAt: CreatedAt;
}

export type PointBook = 'assessment' | 'spendable';
export type PointOwnerType = 'user' | 'unit' | 'community' | 'tenant';
/** numeric columns: read as numbers (db/database.ts), written as exact decimal strings. */
type Numeric = ColumnType<number, number | string, never>;

export interface PointRuleTable {
  tenantId: string;
  code: string;
  version: number;
  name: string;
  eventType: string;
  pointsFixed: Numeric;
  pointsPerHour: Numeric;
  assessmentFactor: Numeric;
  spendableFactor: Numeric;
  capPerDay: ColumnType<number | null, number | string | null, never>;
  capPerYear: ColumnType<number | null, number | string | null, never>;
  effectiveFrom: ColumnType<Date, Date | string, never>;
  note: string | null;
  createdBy: string;
  createdAt: CreatedAt;
}

export interface PointAccountTable {
  tenantId: string;
  id: string;
  ownerType: PointOwnerType;
  ownerId: string;
  book: PointBook;
  /** The book for owner accounts; `<book>_issued` / `<book>_redeemed` for the tenant's system accounts. */
  kind: string;
  /** Maintained by the ledger trigger for owner accounts; null for system accounts. */
  balance: ColumnType<number | null, number | string | null, never>;
  createdAt: CreatedAt;
}

export interface LedgerTransferTable {
  tenantId: string;
  id: string;
  ruleCode: string;
  ruleVersion: number | null;
  reason: string;
  sourceType: string;
  sourceId: string;
  occurredAt: ColumnType<Date, Date | string, never>;
  ownerType: PointOwnerType | null;
  ownerId: string | null;
  communityId: string | null;
  certifiedMinutes: ColumnType<number, number | undefined, never>;
  basePoints: ColumnType<number, number | string | undefined, never>;
  correctsId: string | null;
  metadata: Json<Record<string, unknown>>;
  createdBy: string;
  createdAt: CreatedAt;
}

export interface LedgerMovementTable {
  tenantId: string;
  id: string;
  transferId: string;
  accountId: string;
  amount: Numeric;
}

export type ReportInStatus = 'submitted' | 'returned' | 'active' | 'transferred' | 'inactive';

export interface ReportInTable {
  tenantId: string;
  id: string;
  userId: string;
  communityId: string;
  unitId: string;
  skills: Json<string[]>;
  intentions: Json<string[]>;
  note: string | null;
  status: ReportInStatus;
  gridId: string | null;
  serviceTeam: string | null;
  returnReason: string | null;
  endReason: string | null;
  submittedAt: Timestamp;
  confirmedAt: Timestamp | null;
  confirmedBy: string | null;
  reconfirmedAt: Timestamp | null;
  reconfirmDueAt: Timestamp | null;
  reconfirmNotifiedAt: Timestamp | null;
  endedAt: Timestamp | null;
  memberGrantId: string | null;
  transferredFromId: string | null;
  transferredToId: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface ReportInEventTable {
  tenantId: string;
  id: string;
  reportInId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  note: string | null;
  data: Json | null;
  at: Timestamp;
}

export type CoBuildAgreementStatus = 'pending' | 'active' | 'declined' | 'ended';
export type CoBuildList = 'need' | 'resource' | 'project';
export type CoBuildSide = 'unit' | 'community';
export type CoBuildItemStatus = 'open' | 'claimed' | 'completed';

export interface CoBuildAgreementTable {
  tenantId: string;
  id: string;
  unitId: string;
  communityId: string;
  /** 'YYYY-MM-DD' */
  signedOn: string;
  termMonths: number;
  /** Last day the agreement is in force, 'YYYY-MM-DD'. */
  endsOn: string;
  content: string;
  status: CoBuildAgreementStatus;
  createdBy: string;
  confirmedBy: string | null;
  confirmedAt: Timestamp | null;
  closedBy: string | null;
  closedAt: Timestamp | null;
  closeReason: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface CoBuildItemTable {
  tenantId: string;
  id: string;
  agreementId: string;
  list: CoBuildList;
  side: CoBuildSide;
  title: string;
  description: string;
  quantity: number | null;
  dueOn: string | null;
  status: CoBuildItemStatus;
  createdBy: string;
  claimedBy: string | null;
  claimedAt: Timestamp | null;
  completedBy: string | null;
  completedAt: Timestamp | null;
  completionNote: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface CoBuildEventTable {
  tenantId: string;
  id: string;
  agreementId: string;
  itemId: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  note: string | null;
  at: Timestamp;
}

// Case engine (features/cases, features/case-catalog; migrations 2026-11-28T1030…1045).
export type CaseClockName = 'sign' | 'handle' | 'verify';
export type CaseCloseReason = 'resolved' | 'not_responsible' | 'duplicate' | 'unable' | 'withdrawn';
export type CaseChannel = 'resident' | 'grid' | 'staff' | 'signboard' | 'import' | 'open311';
export type CaseDispatchBasis = 'matrix' | 'owner' | 'territorial' | 'manual';
export type WorkingAmountJson = { minutes: number } | { workingHours: number } | { workingDays: number };
export type CaseLimitsJson = Partial<Record<CaseClockName, WorkingAmountJson>>;

export interface CaseTypeTable {
  tenantId: string;
  code: string;
  version: number;
  name: string;
  states: Json<unknown[]>;
  transitions: Json<unknown[]>;
  intake: Json<Record<string, unknown>>;
  createdBy: string;
  createdAt: CreatedAt;
}

export interface CaseSettingsTable {
  tenantId: string;
  weights: Json<{ response: number; resolution: number; satisfaction: number }>;
  satisfactionAlpha: ColumnType<number, number | string, number | string>;
  escalation: Json<Array<{ level: number; regionKind: RegionKind; at: number }>>;
  defaultLimits: Json<CaseLimitsJson>;
  minRankingSample: number;
  seededAt: Timestamp;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

export interface CaseTable {
  tenantId: string;
  id: string;
  typeCode: string;
  typeVersion: number;
  categoryId: string;
  regionId: string;
  communityId: string | null;
  subdistrictId: string | null;
  streetId: string | null;
  channel: CaseChannel;
  description: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  urgency: Generated<'normal' | 'urgent'>;
  assetOwnerId: string | null;
  reporterId: string;
  status: string;
  closeReason: CaseCloseReason | null;
  leadDepartmentId: string | null;
  responsibleRegionId: string | null;
  dispatchBasis: CaseDispatchBasis | null;
  dispatchCount: Generated<number>;
  firstDispatchWrong: Generated<boolean>;
  returnCount: Generated<number>;
  reworkCount: Generated<number>;
  extensionCount: Generated<number>;
  remindCount: Generated<number>;
  superviseCount: Generated<number>;
  extensionRequestedUntil: Timestamp | null;
  appealStatus: 'pending' | 'upheld' | 'dismissed' | null;
  excluded: Generated<boolean>;
  clock: CaseClockName | null;
  clockBasis: 'natural' | 'working' | null;
  clockStartedAt: Timestamp | null;
  dueAt: Timestamp | null;
  pausedClock: Json<{ clock: CaseClockName; basis: 'natural' | 'working'; remainingMinutes: number; warnedLevel: number }> | null;
  warnedLevel: Generated<number>;
  nextWarningAt: Timestamp | null;
  nextWarningLevel: number | null;
  escalationLevel: Generated<number>;
  escalatedRegionId: string | null;
  nextEscalationAt: Timestamp | null;
  nextEscalationLevel: number | null;
  signDueAt: Timestamp | null;
  handleDueAt: Timestamp | null;
  verifyDueAt: Timestamp | null;
  signLate: Generated<boolean>;
  handleLate: Generated<boolean>;
  verifyLate: Generated<boolean>;
  filedAt: Timestamp | null;
  firstDispatchedAt: Timestamp | null;
  dispatchedAt: Timestamp | null;
  signedAt: Timestamp | null;
  handledAt: Timestamp | null;
  closedAt: Timestamp | null;
  ratingSolved: boolean | null;
  ratingSatisfaction: number | null;
  ratedAt: Timestamp | null;
  handlingMinutes: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface CaseEventTable {
  tenantId: string;
  id: string;
  caseId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  at: Timestamp;
  note: string | null;
  evidence: Json<string[]>;
  data: Json | null;
}

export interface CaseCoHandlerTable {
  tenantId: string;
  caseId: string;
  departmentId: string;
  addedBy: string | null;
  addedAt: Timestamp;
}

export interface CaseCategoryTable {
  tenantId: string;
  id: string;
  code: string;
  parentId: string | null;
  path: string;
  depth: number;
  kind: 'component' | 'event';
  name: string;
  filingCondition: string | null;
  closingCondition: string | null;
  urgency: Generated<'normal' | 'urgent'>;
  limits: Json<CaseLimitsJson>;
  ownerDepartmentId: string | null;
  active: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface DutyMatrixTable {
  tenantId: string;
  id: string;
  categoryId: string;
  regionId: string;
  assetOwnerId: string | null;
  departmentId: string;
  note: string | null;
  createdBy: string;
  createdAt: CreatedAt;
}

/** The counters of case_metrics(c) (see the 1045 migration), summed per key. */
export interface CaseCounters {
  received: number;
  excluded: number;
  rejected: number;
  withdrawn: number;
  duplicate: number;
  scored: number;
  dispatchedRight: number;
  responseDue: number;
  respondedOnTime: number;
  handled: number;
  reworked: number;
  extended: number;
  closed: number;
  resolved: number;
  closedOnTime: number;
  firstTimeRight: number;
  overdueOpen: number;
  suspended: number;
  escalated: number;
  rated: number;
  verySatisfied: number;
  satisfied: number;
  fairlySatisfied: number;
  dissatisfied: number;
  veryDissatisfied: number;
  handlingMinutes: number;
}

/** Per tenant, month, subdistrict (or the case's own region above subdistrict level), lead department, category. */
export interface CaseStatsTable extends CaseCounters {
  tenantId: string;
  month: string;
  regionId: string;
  departmentId: string;
  categoryId: string;
}

/** Per tenant, month and area: the community, or the case's own region when it lies above community level. */
export interface CaseStatsAreaTable extends CaseCounters {
  tenantId: string;
  month: string;
  areaId: string;
}

export interface DB {
  jobRuns: JobRunTable;
  tenants: TenantTable;
  regions: RegionTable;
  organisations: OrganisationTable;
  users: UserTable;
  userUnits: UserUnitTable;
  userCommunities: UserCommunityTable;
  unitCommunities: UnitCommunityTable;
  roleGrants: RoleGrantTable;
  sessions: SessionTable;
  loginThrottle: LoginThrottleTable;
  auditLog: AuditLogTable;
  idempotencyKeys: IdempotencyKeyTable;
  calendarYears: CalendarYearTable;
  calendarDays: CalendarDayTable;
  calendarSettings: CalendarSettingsTable;
  files: FileTable;
  notifications: NotificationTable;
  serviceItems: ServiceItemTable;
  serviceClaims: ServiceClaimTable;
  serviceRecords: ServiceRecordTable;
  serviceRatings: ServiceRatingTable;
  pointRules: PointRuleTable;
  pointAccounts: PointAccountTable;
  ledgerTransfers: LedgerTransferTable;
  ledgerMovements: LedgerMovementTable;
  reportIns: ReportInTable;
  reportInEvents: ReportInEventTable;
  coBuildAgreements: CoBuildAgreementTable;
  coBuildItems: CoBuildItemTable;
  coBuildEvents: CoBuildEventTable;
  caseTypes: CaseTypeTable;
  caseSettings: CaseSettingsTable;
  cases: CaseTable;
  caseEvents: CaseEventTable;
  caseCoHandlers: CaseCoHandlerTable;
  caseCategories: CaseCategoryTable;
  dutyMatrix: DutyMatrixTable;
  caseStats: CaseStatsTable;
  caseStatsRecount: CaseStatsTable;
  caseStatsArea: CaseStatsAreaTable;
  caseStatsAreaRecount: CaseStatsAreaTable;
}
