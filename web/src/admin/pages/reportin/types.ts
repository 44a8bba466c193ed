import type { paths } from '../../../api/schema.js';

/** The JSON body of an operation's success response (200 or 201). */
type Ok<Op> = Op extends { responses: { 200: { content: { 'application/json': infer T } } } }
  ? T
  : Op extends { responses: { 201: { content: { 'application/json': infer T } } } }
    ? T
    : never;
type Item<L> = L extends { items: Array<infer T> } ? T : never;

export type ReportIn = Item<Ok<paths['/api/v1/report-ins']['get']>>;
export type ReportInDetail = Ok<paths['/api/v1/report-ins/{id}']['get']>;
export type ReportInStatus = ReportIn['status'];
export type ReportInAction = ReportInDetail['actions'][number];
export type ReportInRates = Ok<paths['/api/v1/report-ins/rates']['get']>;
export type CommunityRate = ReportInRates['communities'][number];
export type UnitRate = ReportInRates['units'][number];
export type UnitMemberReportIn = Item<Ok<paths['/api/v1/units/{id}/report-ins']['get']>>;
export type UnitMemberStatus = UnitMemberReportIn['status'];

export type Agreement = Item<Ok<paths['/api/v1/co-building/agreements']['get']>>;
export type AgreementDetail = Ok<paths['/api/v1/co-building/agreements/{id}']['get']>;
export type AgreementStatus = Agreement['status'];
export type AgreementAction = AgreementDetail['actions'][number];
export type Side = AgreementDetail['sides'][number];
export type CoBuildItem = Item<Ok<paths['/api/v1/co-building/items']['get']>>;
export type CoBuildItemDetail = Ok<paths['/api/v1/co-building/items/{id}']['get']>;
export type ListKind = CoBuildItem['list'];
export type CoBuildItemStatus = CoBuildItem['status'];

export const REPORT_IN_STATUSES: readonly ReportInStatus[] = ['submitted', 'returned', 'active', 'transferred', 'inactive'];
export const UNIT_MEMBER_STATUSES: readonly UnitMemberStatus[] = ['none', 'submitted', 'returned', 'active'];
export const AGREEMENT_STATUSES: readonly AgreementStatus[] = ['pending', 'active', 'declined', 'ended'];
export const LISTS: readonly ListKind[] = ['need', 'resource', 'project'];
export const ITEM_STATUSES: readonly CoBuildItemStatus[] = ['open', 'claimed', 'completed'];

/** Which side writes which list (the server's rule in co-building/create-item.ts): needs the community, resources the unit. */
export const LIST_AUTHORS: Record<ListKind, readonly Side[]> = { need: ['community'], resource: ['unit'], project: ['community', 'unit'] };
export const otherSide = (s: Side): Side => (s === 'unit' ? 'community' : 'unit');

/** Tag colours per status, shared by lists and drawers. */
export const REPORT_IN_COLOR: Record<ReportInStatus, string | undefined> = { submitted: 'gold', returned: 'orange', active: 'green', transferred: 'blue', inactive: undefined };
export const AGREEMENT_COLOR: Record<AgreementStatus, string | undefined> = { pending: 'gold', active: 'green', declined: 'red', ended: undefined };
export const ITEM_COLOR: Record<CoBuildItemStatus, string | undefined> = { open: 'blue', claimed: 'gold', completed: 'green' };
