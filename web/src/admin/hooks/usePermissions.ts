import { useMemo } from 'react';
import { useMe } from '../session.js';
import { useRoles } from './useRoles.js';

/**
 * What the signed-in user may do anywhere in their scope: the union of their roles' permissions as the server's
 * role catalogue states them. Null until the catalogue has loaded. The server still checks every request.
 */
export function usePermissions(): ReadonlySet<string> | null {
  const me = useMe();
  const { roles } = useRoles();
  return useMemo(() => {
    if (roles.length === 0) return null;
    const held = new Set(me.roles.map((r) => r.role));
    return new Set(roles.filter((r) => held.has(r.code)).flatMap((r) => r.permissions));
  }, [me, roles]);
}

/** Whether to offer an action: false until the catalogue has loaded, so buttons never flash in and out. */
export function useCan(permission: string): boolean {
  return usePermissions()?.has(permission) ?? false;
}
