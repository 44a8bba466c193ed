import { api, call } from '../../api/client.js';
import { isMissingRoute } from '../lib/apiErrors.js';
import { createStore, useStore } from '../lib/store.js';
import { NOTIFICATION_STREAM_URL, type Notification } from './api.js';

export interface InboxState {
  /** Unread count for the tab badge; null until known. */
  unread: number | null;
  /** False when the server has no notification routes yet (feature still being built). */
  available: boolean;
  /** Whether the live stream is connected (for diagnostics and tests). */
  live: boolean;
}

export const inboxStore = createStore<InboxState>({ unread: null, available: true, live: false });
export const useInbox = () => useStore(inboxStore);

const arrivalListeners = new Set<(n: Notification) => void>();
/** Called with every notification pushed by the server while the app is open. */
export function onNotification(listener: (n: Notification) => void): () => void {
  arrivalListeners.add(listener);
  return () => arrivalListeners.delete(listener);
}

export async function refreshUnread(): Promise<void> {
  try {
    const { count } = await call(api.GET('/api/v1/notifications/unread-count'));
    inboxStore.set((s) => ({ ...s, unread: count, available: true }));
  } catch (error) {
    if (isMissingRoute(error)) inboxStore.set((s) => ({ ...s, unread: 0, available: false }));
    // other failures (offline): keep the last known count
  }
}

export async function markRead(n: Notification): Promise<void> {
  if (n.readAt) return;
  inboxStore.set((s) => ({ ...s, unread: Math.max(0, (s.unread ?? 1) - 1) }));
  try {
    await call(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id: n.id } } }));
  } catch (error) {
    void refreshUnread();
    throw error;
  }
}

export async function markAllRead(): Promise<void> {
  await call(api.POST('/api/v1/notifications/read-all'));
  inboxStore.set((s) => ({ ...s, unread: 0 }));
}

/**
 * Keeps the unread badge live: loads the count, then listens on the SSE stream. EventSource retries by itself
 * after a dropped connection; when the browser gives up (HTTP error, server restart with a non-stream answer)
 * we reopen with exponential backoff (1 s → 60 s, with jitter), and at once when the network or the tab
 * comes back. On every (re)connect the count is re-read, so nothing missed while offline is lost.
 * Returns a function that stops everything (on logout).
 */
export function startLiveInbox(): () => void {
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let stopped = false;
  const seen = new Set<string>();

  const onMessage = (event: MessageEvent<string>) => {
    let n: Notification;
    try {
      n = JSON.parse(event.data) as Notification;
    } catch {
      return; // keep-alive or malformed
    }
    if (!n || typeof n.id !== 'string' || seen.has(n.id)) return;
    seen.add(n.id);
    if (seen.size > 500) seen.delete(seen.values().next().value!);
    if (!n.readAt) inboxStore.set((s) => ({ ...s, unread: (s.unread ?? 0) + 1 }));
    for (const l of arrivalListeners) l(n);
  };

  const schedule = () => {
    if (stopped || timer) return;
    const delay = Math.min(60_000, 1000 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
    attempt++;
    timer = setTimeout(() => {
      timer = undefined;
      connect();
    }, delay);
  };

  const connect = () => {
    if (stopped || typeof EventSource === 'undefined' || !inboxStore.get().available) return;
    source?.close();
    const es = new EventSource(NOTIFICATION_STREAM_URL, { withCredentials: true });
    source = es;
    es.onopen = () => {
      attempt = 0;
      inboxStore.set((s) => ({ ...s, live: true }));
      void refreshUnread();
    };
    es.onmessage = onMessage;
    es.addEventListener('notification', onMessage as EventListener);
    es.onerror = () => {
      inboxStore.set((s) => ({ ...s, live: false }));
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        if (source === es) source = null;
        schedule();
      }
      // CONNECTING: the browser is already retrying on its own.
    };
  };

  const wake = () => {
    if (stopped || document.visibilityState === 'hidden') return;
    if (!source || source.readyState === EventSource.CLOSED) {
      clearTimeout(timer);
      timer = undefined;
      attempt = 0;
      void refreshUnread().then(connect);
    }
  };

  void refreshUnread().then(connect);
  window.addEventListener('online', wake);
  document.addEventListener('visibilitychange', wake);

  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
    source = null;
    window.removeEventListener('online', wake);
    document.removeEventListener('visibilitychange', wake);
    inboxStore.set({ unread: null, available: true, live: false });
  };
}
