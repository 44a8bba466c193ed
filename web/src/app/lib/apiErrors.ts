import { ApiFailure } from '../../api/client.js';
import { translate } from '../../i18n/index.js';

/*
 * Error helpers with no UI dependency, so the shell (session, live inbox) can use them without pulling
 * antd-mobile's Toast and its animation library into the first chunk. `toastError` lives in errors.ts.
 */

/** The message to show for a failed call: the server's own (already localised) message, else a network hint. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiFailure) {
    // The server localises by Accept-Language; a bare "HTTP 502" from a proxy is not worth showing.
    return /^HTTP \d+$/.test(error.error.message) ? translate('common.networkError') : error.error.message;
  }
  return translate('common.networkError');
}

/** True when the route is not deployed yet (a feature still being built answers 404 NOT_FOUND). */
export const isMissingRoute = (error: unknown) => error instanceof ApiFailure && error.status === 404;
