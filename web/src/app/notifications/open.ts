import type { NavigateFunction } from 'react-router';
import { toastError } from '../lib/errors.js';
import type { Notification } from './api.js';
import { markRead } from './store.js';

/** Tapping a notification: mark it read (optimistically) and follow its in-app link, if any. */
export function openNotification(n: Notification, navigate: NavigateFunction, fallback?: string) {
  markRead(n).catch(toastError);
  const link = n.link ?? undefined;
  if (link && link.startsWith('/') && !link.startsWith('//')) navigate(link);
  else if (link && /^https?:\/\//.test(link)) window.location.assign(link);
  else if (fallback) navigate(fallback);
}
