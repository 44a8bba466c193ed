import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';

/** The API's error body, `{ error: { code, message, details? } }`. */
export interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}

export class ApiFailure extends Error {
  constructor(readonly status: number, readonly error: ApiError) {
    super(error.message);
  }
}

let locale: 'zh-CN' | 'en' = 'zh-CN';
export const setApiLocale = (l: 'zh-CN' | 'en') => (locale = l);

const headers: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept-language', locale);
    // Every POST carries an Idempotency-Key so that a retried tap never creates twice.
    if (request.method === 'POST' && !request.headers.has('idempotency-key')) request.headers.set('idempotency-key', crypto.randomUUID());
    return request;
  },
};

/** Typed client generated from the server's OpenAPI document; the session is the HttpOnly cookie. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(headers);

/** Unwraps an openapi-fetch result: the data, or throws ApiFailure carrying the server's error. */
export async function call<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await promise;
  if (error !== undefined || !response.ok) {
    const body = (error as { error?: ApiError } | undefined)?.error;
    throw new ApiFailure(response.status, body ?? { code: 'INTERNAL', message: `HTTP ${response.status}` });
  }
  return data as T;
}
