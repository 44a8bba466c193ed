import type { Selectable } from 'kysely';
import type { CaseTable } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { can, grantsFor } from '../../platform/policy.js';
import type { CaseTypeDef, Guard, Party, TransitionDef } from './case-type.js';

export type CaseRow = Selectable<CaseTable>;

/** Where a case sits, as far as who may act on it is concerned. */
export interface CasePlaces {
  regionPath: string;
  reporterId: string;
  leadDepartmentPath: string | null;
  /** 属地兜底: the subdistrict the case was dispatched to when no department was responsible. */
  responsibleRegionPath: string | null;
  coHandlerPaths: string[];
}

/** The actor's relation to one case: each party of the type vocabulary, plus reading and direct filing. */
export type Standing = Record<Party, boolean> & { reader: boolean; filer: boolean };

/**
 * Parties are judged on the case's place: region roles over its region, department roles over the lead (or a
 * co-handling) department. A case dispatched to a subdistrict (属地兜底) is handled by the dispatch desk of that
 * subdistrict: holders of `case.dispatch` whose grant lies within the subdistrict and covers the case's region.
 */
export function standingOf(actor: Actor, c: CasePlaces): Standing {
  const region = { regionPath: c.regionPath };
  const territorial =
    !c.leadDepartmentPath &&
    !!c.responsibleRegionPath &&
    grantsFor(actor, 'case.dispatch').some((g) => !!g.regionId && g.scopePath.startsWith(c.responsibleRegionPath!) && c.regionPath.startsWith(g.scopePath));
  return {
    dispatcher: can(actor, 'case.dispatch', region),
    supervisor: can(actor, 'case.supervise', region),
    verifier: can(actor, 'case.verify', region),
    handler: (!!c.leadDepartmentPath && can(actor, 'case.handle', { orgPath: c.leadDepartmentPath })) || territorial,
    co_handler: c.coHandlerPaths.some((orgPath) => can(actor, 'case.handle', { orgPath })),
    reporter: actor.userId === c.reporterId,
    reader: can(actor, 'case.read', region),
    filer: can(actor, 'case.file', region),
  };
}

export const canSeeCase = (s: Standing): boolean => s.reader || s.dispatcher || s.supervisor || s.verifier || s.handler || s.co_handler || s.reporter;

export const GUARD_CHECKS: Record<Guard, (c: CaseRow) => boolean> = {
  extensionPending: (c) => c.extensionRequestedUntil !== null,
  noExtensionPending: (c) => c.extensionRequestedUntil === null,
  hasLeadDepartment: (c) => c.leadDepartmentId !== null,
  notRated: (c) => c.ratedAt === null,
  appealPending: (c) => c.appealStatus === 'pending',
  noAppeal: (c) => c.appealStatus === null,
};

export const mayFire = (t: TransitionDef, s: Standing): boolean => t.by.some((p) => s[p]);

/** The transitions this actor may take on the case now (clients offer only these). */
export function allowedTransitions(type: CaseTypeDef, c: CaseRow, s: Standing): TransitionDef[] {
  return type.transitions.filter((t) => t.from.includes(c.status) && mayFire(t, s) && (!t.guard || GUARD_CHECKS[t.guard](c)));
}
