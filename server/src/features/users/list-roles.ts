import type { Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { PERMISSIONS, ROLE_NAMES, ROLES, type Permission } from '../../platform/policy.js';

/** The role catalogue (platform/policy.ts): code, Chinese name, what a grant is scoped to, and the permissions it carries. */
export function listRoles({ ctx }: { ctx: Ctx }) {
  requireActor(ctx);
  return ROLE_NAMES.map((code) => ({
    code,
    name: ROLES[code].zh,
    scope: ROLES[code].scope,
    permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) => (PERMISSIONS[p] as readonly string[]).includes(code)),
  }));
}
