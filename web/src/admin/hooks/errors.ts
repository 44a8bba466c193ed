import { ApiFailure } from '../../api/client.js';
import type { Translate } from '../i18n.js';

/** The server's localised message, or a plain sentence for network failures. */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiFailure) return error.error.message || t('error.http', { status: error.status });
  if (error instanceof TypeError) return t('error.network');
  return error instanceof Error ? error.message : String(error);
}

export const isForbidden = (error: unknown) => error instanceof ApiFailure && error.status === 403;
