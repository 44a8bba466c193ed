import { Button, ProgressCircle } from 'antd-mobile';
import { toString as qrSvg } from 'qrcode';
import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, call, ApiFailure } from '../../../../api/client.js';
import { useT } from '../../../../i18n/index.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { errorMessage } from '../../../lib/errors.js';
import { useRequest } from '../../../lib/useRequest.js';
import type { SiteCode } from '../api.js';
import { checkInLink } from '../lib/sitecode.js';
import '../volunteer.css';

/** A code is accepted in its own 60-second window and the one after (server: site-code.ts). */
const WINDOW_MS = 60_000;

interface Shown {
  code: SiteCode;
  qr: string;
  /** device clock − server clock, from the answer's Date header (phones' clocks drift) */
  skewMs: number;
}

/** Server time now, per the last answer; bounded so that a wrong header can never stall the rotation. */
const serverNow = (skewMs: number) => Date.now() - skewMs;

/** Whole seconds until the code rotates, 0…60. */
function secondsLeft(s: Shown): number {
  const ms = new Date(s.code.expiresAt).getTime() - serverNow(s.skewMs);
  return Math.max(0, Math.min(60, Math.ceil(ms / 1000)));
}

async function fetchCode(itemId: string): Promise<Shown> {
  const { data, error, response } = await api.GET('/api/v1/service-items/{id}/site-code', { params: { path: { id: itemId } } });
  const code = await call(Promise.resolve({ data, error, response }));
  const date = Date.parse(response.headers.get('date') ?? '');
  let skewMs = Number.isNaN(date) ? 0 : Date.now() - date;
  if (Math.abs(skewMs) > 2 * WINDOW_MS) skewMs = 0; // an implausible header: trust the device
  const svg = await qrSvg(checkInLink(itemId, code.code), { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#1F2329', light: '#FFFFFF' } });
  return { code, qr: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, skewMs };
}

/**
 * 现场签到码 on the community worker's phone: the rotating QR (a link to the check-in page carrying the code, so
 * any camera app works) and the 6-digit code in large type for typing, fetched anew right after each rotation,
 * with a countdown; the screen is kept awake; a live count of who has checked in.
 */
export default function SiteCodeScreen() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [, setTick] = useState(0);
  const timer = useRef(0);
  const roster = useRequest(() => call(api.GET('/api/v1/service-items/{id}/roster', { params: { path: { id } } })), [id]);

  const load = useCallback(async () => {
    window.clearTimeout(timer.current);
    try {
      const next = await fetchCode(id);
      setShown(next);
      setError(null);
      // Ask again just after the rotation (server time), or within a minute whatever the clocks say.
      const wait = Math.min(WINDOW_MS, Math.max(1000, new Date(next.code.expiresAt).getTime() - serverNow(next.skewMs) + 400));
      timer.current = window.setTimeout(() => void load(), wait);
    } catch (e) {
      setError(e);
      // A refusal (the service ended, not mine) will not change by itself; a network failure will.
      if (!(e instanceof ApiFailure) || e.status >= 500) timer.current = window.setTimeout(() => void load(), 3000);
    }
  }, [id]);

  useEffect(() => {
    void load();
    return () => window.clearTimeout(timer.current);
  }, [load]);

  // The countdown re-renders four times a second; the roster count refreshes every 15 s.
  useEffect(() => {
    const tick = window.setInterval(() => setTick((n) => n + 1), 250);
    return () => window.clearInterval(tick);
  }, []);
  useEffect(() => {
    const r = window.setInterval(() => void roster.reload(), 15_000);
    return () => window.clearInterval(r);
  }, [roster.reload]);

  // Keep the screen on while the code is shown (Screen Wake Lock, where supported).
  useEffect(() => {
    let lock: { release: () => Promise<void> } | null = null;
    const wl = (navigator as unknown as { wakeLock?: { request: (type: 'screen') => Promise<{ release: () => Promise<void> }> } }).wakeLock;
    const acquire = () => void wl?.request('screen').then((l) => (lock = l), () => undefined);
    const onVisible = () => document.visibilityState === 'visible' && acquire();
    acquire();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      void lock?.release().catch(() => undefined);
    };
  }, []);

  // Still valid for up to a minute past its rotation; beyond that, say so rather than show a dead code.
  const stale = shown ? new Date(shown.code.expiresAt).getTime() + WINDOW_MS < serverNow(shown.skewMs) : false;
  const totals = roster.data?.totals;
  const left = shown ? secondsLeft(shown) : 60;

  return (
    <main data-testid="site-code" className="vol-code-page">
      <PageHeader title={t('vol.code.title')} back parent={`/services/${id}`} />
      <section className="vol-code-card" aria-live="polite">
        {roster.data && <h1 className="vol-code-item">{roster.data.item.title}</h1>}
        {shown && !stale ? (
          <>
            <img className="vol-qr" src={shown.qr} alt={t('vol.code.qrAlt')} data-testid="qr" />
            <div className="vol-short-label">{t('vol.code.short')}</div>
            <div className="vol-short" data-testid="short-code" aria-label={shown.code.shortCode.split('').join(' ')}>
              {shown.code.shortCode.slice(0, 3)}
              <span className="vol-short-gap" />
              {shown.code.shortCode.slice(3)}
            </div>
            <div className="vol-countdown">
              <ProgressCircle percent={(left / 60) * 100} style={{ '--size': '28px', '--track-width': '3px' } as CSSProperties} aria-hidden />
              <span data-testid="countdown">{t('vol.code.refreshIn', { n: left })}</span>
            </div>
          </>
        ) : error ? (
          <div className="ll-empty" role="alert">
            <div className="ll-empty-title">{errorMessage(error)}</div>
            <Button fill="outline" color="primary" className="vol-button-sm" onClick={() => void load()}>
              {t('common.retry')}
            </Button>
          </div>
        ) : (
          <div className="vol-qr vol-qr--loading" aria-busy="true">
            {t('common.loading')}
          </div>
        )}
        {error && shown && !stale ? <p className="vol-warn-text">{t('vol.code.offline')}</p> : null}
        <p className="vol-code-hint">{t('vol.code.hint')}</p>
      </section>
      {totals && (
        <button type="button" className="vol-code-totals" onClick={() => navigate(`/services/${id}/roster`)} data-testid="code-totals">
          <span>
            <strong>{totals.checkedIn + totals.checkedOut}</strong> {t('vol.code.checkedIn')}
          </span>
          <span>
            <strong>{totals.checkedOut}</strong> {t('vol.code.checkedOut')}
          </span>
          <span>
            <strong>{totals.claimed}</strong> {t('vol.code.claimed')}
          </span>
          <span className="vol-code-totals-link">{t('vol.roster.title')} ›</span>
        </button>
      )}
    </main>
  );
}
