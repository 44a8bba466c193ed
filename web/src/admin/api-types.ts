import type { paths } from '../api/schema.js';

/** The JSON body of an operation's success response (200 or 201). */
type Ok<Op> = Op extends { responses: { 200: { content: { 'application/json': infer T } } } }
  ? T
  : Op extends { responses: { 201: { content: { 'application/json': infer T } } } }
    ? T
    : never;
type Item<L> = L extends { items: Array<infer T> } ? T : never;

export type Me = Ok<paths['/api/v1/me']['get']>;
export type MyRole = Me['roles'][number];
export type Region = Item<Ok<paths['/api/v1/regions']['get']>>;
export type RegionDetail = Ok<paths['/api/v1/regions/{id}']['get']>;
export type RegionKind = Region['kind'];
export type Overview = Ok<paths['/api/v1/stats/overview']['get']>;

export const REGION_KINDS: readonly RegionKind[] = ['prefecture', 'city', 'subdistrict', 'community', 'grid', 'compound', 'building'];

/** A cursor page as every list endpoint answers it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Organisation = Item<Ok<paths['/api/v1/organisations']['get']>>;
export type OrganisationDetail = Ok<paths['/api/v1/organisations/{id}']['get']>;
export type OrgKind = Organisation['kind'];
export type CommunityLink = Ok<paths['/api/v1/organisations/{id}/communities']['get']>['items'][number];
export type LinkRelation = CommunityLink['relation'];

export type UserSummary = Item<Ok<paths['/api/v1/users']['get']>>;
export type UserDetail = Ok<paths['/api/v1/users/{id}']['get']>;
export type Grant = Ok<paths['/api/v1/users/{id}/grants']['get']>['items'][number];
export type RoleInfo = Ok<paths['/api/v1/roles']['get']>['items'][number];
export type RoleCode = RoleInfo['code'];

export type AuditEntry = Item<Ok<paths['/api/v1/audit-log']['get']>>;

export type CalendarYears = Ok<paths['/api/v1/calendar/years']['get']>;
export type CalendarYear = CalendarYears['items'][number];
export type CalendarYearDays = Ok<paths['/api/v1/calendar/days']['get']>;
export type CalendarDay = CalendarYearDays['items'][number];
export type OfficeHours = Ok<paths['/api/v1/calendar/office-hours']['get']>;
