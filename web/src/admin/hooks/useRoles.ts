import { useEffect, useState } from 'react';
import { api, call } from '../../api/client.js';
import type { RoleInfo } from '../api-types.js';

let cached: Promise<RoleInfo[]> | null = null;

/** The role catalogue (GET /roles), read once per page load. */
export function useRoles() {
  const [roles, setRoles] = useState<RoleInfo[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    cached ??= call(api.GET('/api/v1/roles')).then((r) => r.items);
    cached.then(setRoles, (e: unknown) => {
      cached = null;
      setError(e);
    });
  }, []);
  return { roles, error };
}
