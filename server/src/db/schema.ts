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
}
