import { Button, PullToRefresh } from 'antd-mobile';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../../../api/client.js';
import { useLocale, useT } from '../../../../i18n/index.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { usePullTexts } from '../../../lib/usePullTexts.js';
import { useRequest } from '../../../lib/useRequest.js';
import type { MyClaimRow } from '../api.js';
import { LoadState } from '../components/LoadState.js';
import { canScanQr, QrScanner } from '../components/QrScanner.js';
import { ScanCodeOutline } from '../components/icons.js';
import { parseScanned } from '../lib/sitecode.js';
import { formatWindow } from '../lib/time.js';
import '../volunteer.css';

/** Claims one can check in or out of now-ish: placed and not ended (today or within a day), or checked in. */
function checkable(rows: MyClaimRow[], now = Date.now()): MyClaimRow[] {
  return rows
    .filter((r) => {
      if (r.record?.status === 'open') return true;
      if (r.claim.status !== 'claimed' || r.record) return false;
      const live = r.item.status === 'published' || r.item.status === 'closed';
      return live && new Date(r.item.endsAt).getTime() > now && new Date(r.item.startsAt).getTime() - now < 24 * 3_600_000;
    })
    .sort((a, b) => a.item.startsAt.localeCompare(b.item.startsAt));
}

/**
 * 签到 from the home shortcut: scan the site QR (it names the service), or pick one of today's services and type
 * the 6-digit code there.
 */
export default function CheckInPickScreen() {
  const t = useT();
  const lang = useLocale();
  const navigate = useNavigate();
  const pull = usePullTexts();
  const [scanOk, setScanOk] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const request = useRequest(async () => checkable((await call(api.GET('/api/v1/me/claims', { params: { query: { view: 'all', limit: 100 } } }))).items));

  useEffect(() => {
    void canScanQr().then(setScanOk);
  }, []);

  const onScanned = useCallback(
    (text: string) => {
      setScanning(false);
      const s = parseScanned(text);
      if (s?.itemId) navigate(`/services/${s.itemId}/check-in?code=${encodeURIComponent(s.code)}`);
      else setProblem(s ? t('vol.scan.pickFirst') : t('vol.scan.notOurs'));
    },
    [navigate, t],
  );
  const onScanFail = useCallback((message: string) => {
    setScanning(false);
    setScanOk(false);
    setProblem(message);
  }, []);

  return (
    <main data-testid="check-in-pick">
      <PageHeader title={t('vol.checkIn.title')} back parent="/" />
      <PullToRefresh onRefresh={request.reload} {...pull}>
        {scanOk && (
          <section className="ll-card vol-scan-card">
            <Button block color="primary" className="vol-cta" onClick={() => setScanning(true)} data-testid="scan">
              <ScanCodeOutline /> {t('vol.scan.open')}
            </Button>
            <p className="vol-code-hint">{t('vol.scan.cardHint')}</p>
          </section>
        )}
        {problem && (
          <p className="ll-note vol-alert" role="alert">
            {problem}
          </p>
        )}
        <h2 className="ll-section-title">{t('vol.checkIn.today')}</h2>
        <LoadState
          {...request}
          isEmpty={(rows) => rows.length === 0}
          empty={{
            icon: ScanCodeOutline,
            title: t('vol.checkIn.nothing'),
            hint: t('vol.checkIn.nothingHint'),
            action: (
              <Button fill="outline" color="primary" className="vol-button-sm" onClick={() => navigate('/services')}>
                {t('vol.checkIn.browse')}
              </Button>
            ),
          }}
        >
          {(rows) => (
            <ul className="vol-rows">
              {rows.map((r) => {
                const out = r.record?.status === 'open';
                return (
                  <li key={r.claim.id}>
                    <button type="button" className="vol-row" onClick={() => navigate(`/services/${r.item.id}/check-in`)} data-testid="checkable">
                      <span className="vol-row-main">
                        <span className="vol-row-title">{r.item.title}</span>
                        <span className="vol-row-sub">
                          {formatWindow(r.item.startsAt, r.item.endsAt, lang, t)} · {r.item.placeName}
                        </span>
                      </span>
                      <span className={out ? 'vol-row-action vol-row-action--out' : 'vol-row-action'}>{out ? t('vol.checkIn.out') : t('vol.checkIn.in')}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </LoadState>
        {!scanOk && <p className="vol-list-note">{t('vol.scan.unsupported')}</p>}
      </PullToRefresh>
      <QrScanner visible={scanning} onResult={onScanned} onFail={onScanFail} onClose={() => setScanning(false)} />
    </main>
  );
}
