import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Ctx } from '../../platform/context.js';

/**
 * Rotating site codes (签到码) shown on the worker's phone or printed: an HMAC-SHA256 over (item, 60-second
 * window) under a per-tenant key derived from the vault key — HMAC(vaultKey, "idcard:site-code-key/v1/<tenant>")
 * through PiiVault.digest; that input is never a valid ID-card number, so it cannot collide with a stored digest,
 * and the key never sits in the database. A code is accepted in its own window and the previous one (60–120 s).
 * `code` = "<itemId>.<window>.<mac>" for QR; `shortCode` = 6 digits from a separate MAC, for typing.
 */
export const WINDOW_MS = 60_000;

export const siteKey = (ctx: Ctx): Buffer => Buffer.from(ctx.vault.digest(`site-code-key/v1/${ctx.tenantId}`), 'hex');
const windowOf = (t: Date) => Math.floor(t.getTime() / WINDOW_MS);

const mac = (key: Buffer, itemId: string, window: number) => createHmac('sha256', key).update(`code:${itemId}:${window}`).digest('base64url').slice(0, 22);

function shortMac(key: Buffer, itemId: string, window: number): string {
  const digest = createHmac('sha256', key).update(`short:${itemId}:${window}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export function issueSiteCode(key: Buffer, itemId: string, now: Date) {
  const w = windowOf(now);
  return { code: `${itemId}.${w}.${mac(key, itemId, w)}`, shortCode: shortMac(key, itemId, w), expiresAt: new Date((w + 1) * WINDOW_MS) };
}

export type SiteCodeCheck = 'ok' | 'expired' | 'invalid' | 'other_item';

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Checks a QR code or a short code for `itemId` at `now`. */
export function verifySiteCode(key: Buffer, itemId: string, code: string, now: Date): SiteCodeCheck {
  const current = windowOf(now);
  if (/^\d{6}$/.test(code)) {
    return same(code, shortMac(key, itemId, current)) || same(code, shortMac(key, itemId, current - 1)) ? 'ok' : 'invalid';
  }
  const m = /^([0-9a-fA-F-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(code);
  if (!m) return 'invalid';
  const [, codeItem, w, sig] = m as unknown as [string, string, string, string];
  const window = Number(w);
  if (!same(sig, mac(key, codeItem, window)) || window > current) return 'invalid';
  if (codeItem.toLowerCase() !== itemId.toLowerCase()) return 'other_item';
  return window >= current - 1 ? 'ok' : 'expired';
}
