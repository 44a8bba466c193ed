import { useCallback, useRef, useState } from 'react';
import { ApiFailure } from '../../../../api/client.js';

export type KeyHeader = { 'idempotency-key': string };

/** A v4 UUID; crypto.randomUUID exists only on secure origins, getRandomValues everywhere. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Whether a failed attempt may be retried under the same key: no answer came (the fetch threw, a gateway or the
 * server failed with 5xx, which releases the key) or the first attempt is still running (409 IDEMPOTENCY_IN_PROGRESS).
 * Any other answer is stored by the server under the key and would replay as is.
 */
export function keepsKey(error: unknown): boolean {
  if (!(error instanceof ApiFailure)) return true;
  return error.status >= 500 || error.error.code === 'IDEMPOTENCY_IN_PROGRESS';
}

/**
 * Stable Idempotency-Keys per intent. The same intent (a name such as `claim:<id>` plus the exact body) reuses
 * its key until it gets an answer, so 重试 after a lost answer replays the first result instead of acting twice.
 * An answer retires the key — success, and refusals too: a refused check-in stored under the key would otherwise
 * replay after the person walked into range. A changed body is a new intent with a new key.
 */
export class IntentKeys {
  private readonly keys = new Map<string, string>();

  async run<T>(intent: string, body: unknown, send: (headers: KeyHeader) => Promise<T>): Promise<T> {
    const id = `${intent}\n${JSON.stringify(body ?? null)}`;
    let key = this.keys.get(id);
    if (!key) this.keys.set(id, (key = newKey()));
    try {
      const result = await send({ 'idempotency-key': key });
      this.keys.delete(id);
      return result;
    } catch (error) {
      if (!keepsKey(error)) this.keys.delete(id);
      throw error;
    }
  }
}

/** A screen's POSTs through IntentKeys; `pending` names the intent in flight (for the button's loading state). */
export function useAction() {
  const keys = useRef(new IntentKeys());
  const [pending, setPending] = useState<string | null>(null);

  const run = useCallback(async <T>(intent: string, body: unknown, send: (headers: KeyHeader) => Promise<T>): Promise<T> => {
    setPending(intent);
    try {
      return await keys.current.run(intent, body, send);
    } finally {
      setPending(null);
    }
  }, []);

  return { run, pending };
}
