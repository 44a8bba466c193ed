import { createStore, local, useStore } from './store.js';

/**
 * Device preferences kept in localStorage: elder mode and the chosen role per user.
 * Nothing sensitive is stored (no phone, no token: the session is an HttpOnly cookie).
 */
const ELDER_KEY = 'linli.elder';
const ROLE_KEY = (userId: string) => `linli.role.${userId}`;

const elderStore = createStore<boolean>(local.get(ELDER_KEY) === '1');

/** Elder mode (长辈模式): larger type and simpler screens; the class on <html> drives the CSS. */
export function setElderMode(on: boolean) {
  local.set(ELDER_KEY, on ? '1' : null);
  elderStore.set(on);
}
export const getElderMode = () => elderStore.get();
export const subscribeElderMode = elderStore.subscribe;
export const useElderMode = () => useStore(elderStore);

const roleStore = createStore(0); // bumps when a choice changes

export function getChosenGrant(userId: string): string | null {
  return local.get(ROLE_KEY(userId));
}
export function setChosenGrant(userId: string, grantId: string) {
  local.set(ROLE_KEY(userId), grantId);
  roleStore.set((n) => n + 1);
}
export const useRoleChoiceVersion = () => useStore(roleStore);
