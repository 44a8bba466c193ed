import { useMe } from '../../session.js';

/** The organisations the user is unit Party secretary of (their grants' scope), for defaults in unit-side pages. */
export function useMyUnits(): { id: string; name: string }[] {
  const me = useMe();
  return me.roles.filter((r) => r.role === 'unit_secretary' && r.orgId).map((r) => ({ id: r.orgId!, name: r.scopeName }));
}
