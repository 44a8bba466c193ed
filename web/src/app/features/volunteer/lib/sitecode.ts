/*
 * Site codes (签到码) as the server issues them: the QR carries "<itemId>.<window>.<mac>", the short code is six
 * digits. The worker's phone renders the QR as a link to this app's check-in page with the code in `?code=`, so
 * a phone's own camera (or WeChat's scanner) lands on the right page; our in-app scanner reads either form.
 */
const QR_CODE = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\.\d{1,12}\.[A-Za-z0-9_-]{22}$/;
export const SHORT_CODE = /^\d{6}$/;

export interface ScannedCode {
  code: string;
  /** The item the code belongs to (QR codes only). */
  itemId: string | null;
}

/** A scanned text → the code to send, or null when it is not a site code of ours. */
export function parseScanned(text: string): ScannedCode | null {
  let raw = text.trim();
  try {
    const url = new URL(raw);
    raw = url.searchParams.get('code')?.trim() ?? '';
  } catch {
    /* not a link: the code itself */
  }
  const m = QR_CODE.exec(raw);
  if (m) return { code: raw, itemId: m[1]!.toLowerCase() };
  if (SHORT_CODE.test(raw)) return { code: raw, itemId: null };
  return null;
}

/** What the worker's QR encodes: a link to the check-in page carrying the code. */
export const checkInLink = (itemId: string, code: string) => `${location.origin}/services/${itemId}/check-in?code=${encodeURIComponent(code)}`;
