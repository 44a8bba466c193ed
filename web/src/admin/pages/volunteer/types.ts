import type { paths } from '../../../api/schema.js';

type Ok<Op> = Op extends { responses: { 200: { content: { 'application/json': infer T } } } }
  ? T
  : Op extends { responses: { 201: { content: { 'application/json': infer T } } } }
    ? T
    : never;
type Item<L> = L extends { items: Array<infer T> } ? T : never;

export type ServiceItem = Item<Ok<paths['/api/v1/service-items']['get']>>;
export type ServiceItemDetail = Ok<paths['/api/v1/service-items/{id}']['get']>;
export type ServiceItemStatus = ServiceItem['status'];
export type Category = ServiceItem['category'];
export type Eligibility = ServiceItem['eligibility'];
export type CreateServiceItemBody = NonNullable<paths['/api/v1/service-items']['post']['requestBody']>['content']['application/json'];
export type UpdateServiceItemBody = NonNullable<paths['/api/v1/service-items/{id}']['patch']['requestBody']>['content']['application/json'];
export type Roster = Ok<paths['/api/v1/service-items/{id}/roster']['get']>;
export type RosterEntry = Roster['entries'][number];
export type CheckState = RosterEntry['checkState'];
export type ClaimStatus = NonNullable<RosterEntry['claim']>['status'];
export type ServiceRecord = Item<Ok<paths['/api/v1/service-records']['get']>>;
export type RecordStatus = ServiceRecord['status'];
export type RecordSource = ServiceRecord['source'];
export type RatingSummary = Ok<paths['/api/v1/service-items/{id}/ratings']['get']>;
export type SiteCode = Ok<paths['/api/v1/service-items/{id}/site-code']['get']>;
export type PointRule = Ok<paths['/api/v1/points/rules']['get']>['items'][number];
export type PointsSummary = Ok<paths['/api/v1/users/{id}/points']['get']>;
export type UploadedFile = Ok<paths['/api/v1/files']['post']>['items'][number];

/** The 8 categories of the server (service-items.schemas.ts SERVICE_CATEGORIES); Chinese names are the values. */
export const CATEGORIES: readonly Category[] = ['组织建设', '法律咨询与援助', '助困扶残与就业援助', '社区治理', '健康医疗', '文化体育', '安全宣传与治安巡逻', '其他'];
export const ITEM_STATUSES: readonly ServiceItemStatus[] = ['draft', 'published', 'closed', 'cancelled', 'completed'];
export const RECORD_STATUSES: readonly RecordStatus[] = ['open', 'pending', 'approved', 'declined'];
export const ELIGIBILITY_KINDS: readonly Eligibility['kind'][] = ['all', 'party_members', 'units', 'skills'];

export const ITEM_COLOR: Record<ServiceItemStatus, string | undefined> = { draft: undefined, published: 'green', closed: 'gold', cancelled: 'red', completed: 'blue' };
export const RECORD_COLOR: Record<RecordStatus, string | undefined> = { open: 'blue', pending: 'gold', approved: 'green', declined: 'red' };
export const CLAIM_COLOR: Record<ClaimStatus, string | undefined> = { claimed: 'blue', waitlisted: 'gold', cancelled: undefined, no_show: 'red', attended: 'green' };
export const CHECK_COLOR: Record<CheckState, string | undefined> = { not_checked_in: undefined, checked_in: 'blue', checked_out: 'green', waitlisted: 'gold', no_show: 'red' };

/** Roles that run volunteer services (server: service-items.policy.ts SERVICE_MANAGER_ROLES; no permission name yet). */
export const SERVICE_MANAGER_ROLES = ['admin', 'community_secretary'];

/** Minutes as hours to one decimal, e.g. 90 → "1.5". */
export const hours = (minutes: number | null | undefined) => (minutes == null ? '—' : String(Math.round((minutes / 60) * 10) / 10));
