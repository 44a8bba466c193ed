import type { paths } from '../../../api/schema.js';
import type { MessageKey } from '../../../i18n/index.js';

/*
 * Types of the volunteer loop's API answers (双报到, service items, claims, attendance, points), taken from the
 * generated schema so that a server change shows up here as a type error.
 */
type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer J } } }
    ? J
    : R extends { 201: { content: { 'application/json': infer J } } }
      ? J
      : never
  : never;

export type ServiceItem = Json<'/api/v1/service-items', 'get'>['items'][number];
export type ServiceItemDetail = Json<'/api/v1/service-items/{id}', 'get'>;
export type ListItemsQuery = NonNullable<paths['/api/v1/service-items']['get']['parameters']['query']>;
export type CreateItemBody = paths['/api/v1/service-items']['post']['requestBody']['content']['application/json'];
export type Category = ServiceItem['category'];
export type Eligibility = ServiceItem['eligibility'];
export type ItemStatus = ServiceItem['status'];
export type ClaimStatus = NonNullable<ServiceItem['myClaimStatus']>;
export type MyClaimRow = Json<'/api/v1/me/claims', 'get'>['items'][number];
export type MyClaimsView = NonNullable<NonNullable<paths['/api/v1/me/claims']['get']['parameters']['query']>['view']>;
export type ServiceRecord = Json<'/api/v1/service-records', 'get'>['items'][number];
export type RecordStatus = ServiceRecord['status'];
export type Roster = Json<'/api/v1/service-items/{id}/roster', 'get'>;
export type RosterEntry = Roster['entries'][number];
export type SiteCode = Json<'/api/v1/service-items/{id}/site-code', 'get'>;
export type ReportIn = Json<'/api/v1/report-ins', 'get'>['items'][number];
export type ReportInDetail = Json<'/api/v1/report-ins/{id}', 'get'>;
export type ReportInStatus = ReportIn['status'];
export type MyReportIn = Json<'/api/v1/me/report-in', 'get'>;
export type SubmitReportInBody = paths['/api/v1/report-ins']['post']['requestBody']['content']['application/json'];
export type Region = Json<'/api/v1/regions', 'get'>['items'][number];
export type PointsSummary = Json<'/api/v1/me/points', 'get'>;
export type PointMovement = Json<'/api/v1/me/points/history', 'get'>['items'][number];

/** The server's 8 categories (中文 values on the wire) with their UI label keys, in the server's order. */
export const CATEGORIES: ReadonlyArray<{ value: Category; label: MessageKey }> = [
  { value: '组织建设', label: 'vol.cat.organisation' },
  { value: '法律咨询与援助', label: 'vol.cat.legal' },
  { value: '助困扶残与就业援助', label: 'vol.cat.relief' },
  { value: '社区治理', label: 'vol.cat.governance' },
  { value: '健康医疗', label: 'vol.cat.health' },
  { value: '文化体育', label: 'vol.cat.culture' },
  { value: '安全宣传与治安巡逻', label: 'vol.cat.safety' },
  { value: '其他', label: 'vol.cat.other' },
];

export const categoryLabel = (c: string): MessageKey => CATEGORIES.find((x) => x.value === c)?.label ?? 'vol.cat.other';

/** The community service teams (服务队); service intentions name the same teams (GET /report-ins/service-teams). */
const TEAM_LABELS: Record<string, MessageKey> = {
  安全巡查: 'vol.team.patrol',
  环境美化: 'vol.team.environment',
  矛盾调解: 'vol.team.mediation',
  爱心陪护: 'vol.team.care',
  政策宣传: 'vol.team.policy',
  党课宣讲: 'vol.team.partyClass',
  医疗卫生: 'vol.team.medical',
  教育辅导: 'vol.team.tutoring',
  法律援助: 'vol.team.legal',
  文体: 'vol.team.culture',
};

/** A team's label key, or null for a team this build does not know (then show the server's name). */
export const teamLabel = (team: string): MessageKey | null => TEAM_LABELS[team] ?? null;

export const CLAIM_STATUS_LABEL: Record<ClaimStatus, MessageKey> = {
  claimed: 'vol.claim.claimed',
  waitlisted: 'vol.claim.waitlisted',
  cancelled: 'vol.claim.cancelled',
  no_show: 'vol.claim.noShow',
  attended: 'vol.claim.attended',
};

export const RECORD_STATUS_LABEL: Record<RecordStatus, MessageKey> = {
  open: 'vol.record.open',
  pending: 'vol.record.pending',
  approved: 'vol.record.approved',
  declined: 'vol.record.declined',
};

export const ITEM_STATUS_LABEL: Record<ItemStatus, MessageKey> = {
  draft: 'vol.item.draft',
  published: 'vol.item.published',
  closed: 'vol.item.closed',
  cancelled: 'vol.item.cancelled',
  completed: 'vol.item.completed',
};

export const REPORT_IN_STATUS_LABEL: Record<ReportInStatus, MessageKey> = {
  submitted: 'reportIn.status.submitted',
  returned: 'reportIn.status.returned',
  active: 'reportIn.status.active',
  transferred: 'reportIn.status.transferred',
  inactive: 'reportIn.status.inactive',
};

export type ConfirmReportInBody = paths['/api/v1/report-ins/{id}/confirm']['post']['requestBody']['content']['application/json'];
export type ServiceTeam = ConfirmReportInBody['serviceTeam'];
