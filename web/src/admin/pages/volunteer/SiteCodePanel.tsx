import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Progress, Space, Spin, Typography } from 'antd';
import { FullscreenOutlined, ReloadOutlined } from '@ant-design/icons';
import { toString as qrSvg } from 'qrcode';
import { api, ApiFailure, call } from '../../../api/client.js';
import { checkInLink } from '../../../app/features/volunteer/lib/sitecode.js';
import { errorText } from '../../hooks/errors.js';
import { useI18n } from '../../i18n.js';
import type { SiteCode } from './types.js';

const WINDOW_MS = 60_000;

interface Shown {
  code: SiteCode;
  qr: string;
  /** browser clock − server clock, from the answer's Date header */
  skewMs: number;
}

async function fetchCode(itemId: string): Promise<Shown> {
  const { data, error, response } = await api.GET('/api/v1/service-items/{id}/site-code', { params: { path: { id: itemId } } });
  const code = await call(Promise.resolve({ data, error, response }));
  const date = Date.parse(response.headers.get('date') ?? '');
  let skewMs = Number.isNaN(date) ? 0 : Date.now() - date;
  if (Math.abs(skewMs) > 2 * WINDOW_MS) skewMs = 0;
  // The same link the worker's phone shows, so a phone camera lands on the app's check-in page.
  const svg = await qrSvg(checkInLink(itemId, code.code), { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#1F2329', light: '#FFFFFF' } });
  return { code, qr: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, skewMs };
}

/**
 * 现场签到码: the rotating signed QR of a running item (about 60 s, the previous one still accepted) and the 6-digit
 * code for typing, fetched again just after each rotation, with a countdown — for a screen at the venue.
 */
export function SiteCodePanel({ itemId, title }: { itemId: string; title: string }) {
  const { t } = useI18n();
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [left, setLeft] = useState(60);
  const timer = useRef(0);
  const box = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    window.clearTimeout(timer.current);
    try {
      const next = await fetchCode(itemId);
      setShown(next);
      setError(null);
      const wait = Math.min(WINDOW_MS, Math.max(1000, new Date(next.code.expiresAt).getTime() - (Date.now() - next.skewMs) + 400));
      timer.current = window.setTimeout(() => void load(), wait);
    } catch (e) {
      setError(e);
      if (!(e instanceof ApiFailure) || e.status >= 500) timer.current = window.setTimeout(() => void load(), 3000);
    }
  }, [itemId]);

  useEffect(() => {
    void load();
    return () => window.clearTimeout(timer.current);
  }, [load]);
  useEffect(() => {
    const tick = window.setInterval(() => {
      if (shown) setLeft(Math.max(0, Math.min(60, Math.ceil((new Date(shown.code.expiresAt).getTime() - (Date.now() - shown.skewMs)) / 1000))));
    }, 250);
    return () => window.clearInterval(tick);
  }, [shown]);

  const stale = shown ? new Date(shown.code.expiresAt).getTime() + WINDOW_MS < Date.now() - shown.skewMs : false;
  if (!shown && error) return <Alert type="warning" showIcon title={errorText(error, t)} action={<Button size="small" onClick={() => void load()}>{t('common.retry')}</Button>} />;
  if (!shown) return <Spin style={{ display: 'block', margin: '48px auto' }} />;

  return (
    <div ref={box} className="linli-sitecode" data-testid="site-code-panel">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {stale ? (
        <Alert type="warning" showIcon title={t('vol.code.stale')} style={{ margin: '24px 0' }} />
      ) : (
        <>
          <img src={shown.qr} alt={t('vol.code.qrAlt')} className="linli-sitecode-qr" data-testid="site-code-qr" />
          <Typography.Text type="secondary">{t('vol.code.short')}</Typography.Text>
          <div className="linli-sitecode-short" data-testid="site-code-short" aria-label={shown.code.shortCode.split('').join(' ')}>
            {shown.code.shortCode.slice(0, 3)} {shown.code.shortCode.slice(3)}
          </div>
          <Space>
            <Progress type="circle" size={24} percent={(left / 60) * 100} showInfo={false} />
            <Typography.Text type="secondary">{t('vol.code.refreshIn', { n: left })}</Typography.Text>
          </Space>
        </>
      )}
      {error != null && !stale && <Typography.Text type="warning">{t('vol.code.offline')}</Typography.Text>}
      <Typography.Paragraph type="secondary" style={{ maxWidth: 460, textAlign: 'center', margin: '8px 0 0' }}>
        {t('vol.code.hint')}
      </Typography.Paragraph>
      <Space className="linli-sitecode-tools">
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('common.refresh')}
        </Button>
        <Button icon={<FullscreenOutlined />} onClick={() => void box.current?.requestFullscreen?.().catch(() => undefined)}>
          {t('vol.code.fullscreen')}
        </Button>
      </Space>
    </div>
  );
}
