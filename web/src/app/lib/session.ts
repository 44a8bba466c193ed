import { useMemo } from 'react';
import { api, call, ApiFailure } from '../../api/client.js';
import type { paths } from '../../api/schema.js';
import { getLocale, setLocale } from '../../i18n/index.js';
import { createStore, useStore } from './store.js';
import { getChosenGrant, setChosenGrant, useRoleChoiceVersion } from './preferences.js';

export type Me = paths['/api/v1/me']['get']['responses'][200]['content']['application/json'];
export type Grant = Me['roles'][number];

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired?: boolean; loggedOut?: boolean }
  | { status: 'offline'; error: unknown }
  | { status: 'signedIn'; me: Me };

/** The signed-in person, or why there is none. The session itself is the HttpOnly cookie. */
export const sessionStore = createStore<SessionState>({ status: 'loading' });
export const useSession = () => useStore(sessionStore);

/** Asks the server who we are (on start, and on "retry" after a network failure). */
export async function loadSession(): Promise<void> {
  sessionStore.set({ status: 'loading' });
  try {
    const me = await call(api.GET('/api/v1/me'));
    if (me.locale !== getLocale()) await setLocale(me.locale); // the account's saved language wins on start
    sessionStore.set({ status: 'signedIn', me });
  } catch (error) {
    sessionStore.set(error instanceof ApiFailure && error.status === 401 ? { status: 'anonymous' } : { status: 'offline', error });
  }
}

export async function login(phone: string, password: string): Promise<Me> {
  const { user } = await call(api.POST('/api/v1/auth/login', { body: { phone, password } }));
  let me: Me = user;
  // A language picked on the login screen is an explicit choice: save it to the account.
  if (user.locale !== getLocale()) {
    me = await call(api.PATCH('/api/v1/me', { body: { locale: getLocale() } })).catch(() => user);
  }
  sessionStore.set({ status: 'signedIn', me });
  return me;
}

export async function logout(): Promise<void> {
  try {
    await call(api.POST('/api/v1/auth/logout'));
  } finally {
    sessionStore.set({ status: 'anonymous', loggedOut: true });
  }
}

export function setMe(me: Me) {
  sessionStore.set({ status: 'signedIn', me });
}

/** Any 401 outside the login call means the cookie is gone (expired, revoked elsewhere, password changed). */
export function installSessionGuard() {
  api.use({
    onResponse({ request, response }) {
      if (response.status === 401 && !new URL(request.url, location.href).pathname.endsWith('/auth/login')) {
        if (sessionStore.get().status === 'signedIn') sessionStore.set({ status: 'anonymous', expired: true });
      }
      return response;
    },
  });
}

/** The signed-in person; only for screens under the authenticated shell. */
export function useMe(): Me {
  const s = useSession();
  if (s.status !== 'signedIn') throw new Error('useMe() outside the signed-in shell');
  return s.me;
}

/**
 * The role grant the person is acting as. A person holding several roles switches without logging out;
 * the choice is remembered per user on this device and falls back to the first grant when no longer held.
 */
export function useCurrentGrant(): { grant: Grant | null; grants: Grant[]; choose: (grantId: string) => void } {
  const me = useMe();
  const version = useRoleChoiceVersion();
  return useMemo(() => {
    const chosen = getChosenGrant(me.id);
    const grant = me.roles.find((g) => g.id === chosen) ?? me.roles[0] ?? null;
    return { grant, grants: me.roles, choose: (grantId: string) => setChosenGrant(me.id, grantId) };
  }, [me, version]); // `version` changes when a choice is stored
}
