import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiFailure, call } from '../api/client.js';
import type { Me } from './api-types.js';

/** Roles that open the console; residents and members use the phone app only. */
export const CONSOLE_ROLES = ['admin', 'leader', 'dispatcher', 'community_secretary', 'street_chief', 'unit_secretary', 'department_handler'];

interface Session {
  /** undefined while the first GET /me is in flight, null when signed out. */
  me: Me | null | undefined;
  error: ApiFailure | null;
  login(phone: string, password: string): Promise<void>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<ApiFailure | null>(null);

  const refresh = useCallback(async () => {
    try {
      setMe(await call(api.GET('/api/v1/me')));
      setError(null);
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) setMe(null);
      else setError(e instanceof ApiFailure ? e : new ApiFailure(0, { code: 'NETWORK', message: String(e) }));
    }
  }, []);

  useEffect(() => void refresh(), [refresh]);

  const login = useCallback(async (phone: string, password: string) => {
    const { user } = await call(api.POST('/api/v1/auth/login', { body: { phone, password } }));
    setMe(user);
  }, []);

  const logout = useCallback(async () => {
    await call(api.POST('/api/v1/auth/logout'));
    setMe(null);
  }, []);

  const value = useMemo(() => ({ me, error, login, logout, refresh }), [me, error, login, logout, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for components rendered behind the session gate. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}

export const hasConsoleAccess = (me: Me) => me.roles.some((r) => CONSOLE_ROLES.includes(r.role));
export const hasRole = (me: Me, role: string) => me.roles.some((r) => r.role === role);
