import { Button } from 'antd-mobile';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiFailure, api, call } from '../../../../api/client.js';
import { useT } from '../../../../i18n/index.js';
import { PageSkeleton } from '../../../components/PageSkeleton.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { errorMessage } from '../../../lib/errors.js';
import { useRequest } from '../../../lib/useRequest.js';
import type { ServiceItemDetail, ServiceRecord } from '../api.js';
import { LoadState } from '../components/LoadState.js';
import { canScanQr, QrScanner } from '../components/QrScanner.js';
import { CheckCircleOutline, EnvironmentOutline, ExclamationCircleOutline, ScanCodeOutline } from '../components/icons.js';
import { useAction } from '../lib/action.js';
import { distanceMeters, formatDistance, geoErrorText, getPosition, type Position } from '../lib/geo.js';
import { parseScanned, SHORT_CODE } from '../lib/sitecode.js';
import { formatClock, formatMinutes, formatWindow } from '../lib/time.js';
import { useLocale } from '../../../../i18n/index.js';
import '../volunteer.css';

type Geo = { state: 'locating' } | { state: 'ok'; position: Position; at: number } | { state: 'failed'; message: string };

/**
 * 扫码签到 / 签退 for one service: the device position (the server checks the geofence) and the site code — read
 * from the QR with the camera where the browser can (BarcodeDetector), else the 6-digit code typed from the
 * worker's phone. A code arriving in `?code=` (the QR opened by the phone's own camera) is used as is.
 */
export default function CheckInScreen() {
  const t = useT();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const request = useRequest(() => call(api.GET('/api/v1/service-items/{id}', { params: { path: { id } } })), [id]);
  return (
    <main data-testid="check-in" className="vol-with-bar">
      <PageHeader title={t('vol.checkIn.title')} back parent={`/services/${id}`} />
      <LoadState {...request} skeleton={<PageSkeleton cards={2} />}>
        {(item) => <CheckIn item={item} initialCode={params.get('code')} reload={request.reload} />}
      </LoadState>
    </main>
  );
}

function CheckIn({ item, initialCode, reload }: { item: ServiceItemDetail; initialCode: string | null; reload: () => Promise<void> }) {
  const t = useT();
  const lang = useLocale();
  const navigate = useNavigate();
  const { run, pending } = useAction();
  const scanned = initialCode ? parseScanned(initialCode) : null;
  const [code, setCode] = useState(scanned && (!scanned.itemId || scanned.itemId === item.id) ? scanned.code : '');
  const [typed, setTyped] = useState(scanned?.itemId ? '' : (scanned?.code ?? ''));
  const [geo, setGeo] = useState<Geo>({ state: 'locating' });
  const [problem, setProblem] = useState<string | null>(scanned?.itemId && scanned.itemId !== item.id ? t('vol.scan.otherItem') : null);
  const [done, setDone] = useState<ServiceRecord | null>(null);
  const [scanOk, setScanOk] = useState(false);
  const [scanning, setScanning] = useState(false);
  const busy = useRef(false);

  const mode: 'in' | 'out' | 'none' = item.myRecord?.status === 'open' ? 'out' : !item.myRecord && item.myClaim?.status === 'claimed' ? 'in' : 'none';

  const locate = useCallback(async () => {
    setGeo({ state: 'locating' });
    try {
      const position = await getPosition({ timeoutMs: 15_000, maxAgeMs: 10_000 });
      setGeo({ state: 'ok', position, at: Date.now() });
      return position;
    } catch (error) {
      setGeo({ state: 'failed', message: geoErrorText(t, error) });
      return null;
    }
  }, [t]);

  useEffect(() => {
    void locate();
    void canScanQr().then(setScanOk);
  }, [locate]);

  const onScanned = useCallback(
    (text: string) => {
      setScanning(false);
      const s = parseScanned(text);
      if (!s) return setProblem(t('vol.scan.notOurs'));
      if (s.itemId && s.itemId !== item.id) return setProblem(t('vol.scan.otherItem'));
      setProblem(null);
      if (s.itemId) setCode(s.code);
      else setTyped(s.code);
    },
    [item.id, t],
  );
  const onScanFail = useCallback((message: string) => {
    setScanning(false);
    setScanOk(false);
    setProblem(message);
  }, []);

  const submit = async () => {
    if (busy.current) return;
    const theCode = code || typed;
    if (!theCode) return setProblem(t('vol.checkIn.needCode'));
    busy.current = true;
    try {
      // A fix older than a minute is refreshed: people walk to the site with the page open.
      const position = geo.state === 'ok' && Date.now() - geo.at < 60_000 ? geo.position : await locate();
      if (!position) return setProblem(t('vol.checkIn.needLocation'));
      setProblem(null);
      const body = { code: theCode, lat: Number(position.lat.toFixed(6)), lng: Number(position.lng.toFixed(6)) };
      const record =
        mode === 'out'
          ? await run(`check-out:${item.id}`, body, (headers) => call(api.POST('/api/v1/service-items/{id}/check-out', { params: { path: { id: item.id } }, body, headers })))
          : await run(`check-in:${item.id}`, body, (headers) => call(api.POST('/api/v1/service-items/{id}/check-in', { params: { path: { id: item.id } }, body, headers })));
      setDone(record);
    } catch (error) {
      // The server's words: geofence (with the distance), an expired or wrong code, the time window.
      setProblem(errorMessage(error));
      const reason = error instanceof ApiFailure ? (error.error.details as { reason?: string } | undefined)?.reason : undefined;
      // Out of range: the next try takes a fresh fix (the person is walking to the site).
      if (reason === 'OUT_OF_RANGE') setGeo((g) => (g.state === 'ok' ? { ...g, at: 0 } : g));
      if (reason?.startsWith('CODE_')) {
        setCode('');
        setTyped('');
      }
      if (error instanceof ApiFailure && error.error.code === 'ALREADY_EXISTS') void reload();
    } finally {
      busy.current = false;
    }
  };

  if (done) {
    const out = done.checkOutAt !== null;
    return (
      <section className="ll-card vol-result" role="status" data-testid="check-result">
        <CheckCircleOutline className="vol-result-icon" />
        <h1 className="vol-result-title">{out ? t('vol.checkIn.outDone') : t('vol.checkIn.inDone')}</h1>
        <p className="vol-result-line">
          {out
            ? t('vol.checkIn.outSummary', { actual: formatMinutes(t, done.actualMinutes ?? 0), credited: formatMinutes(t, done.creditedMinutes ?? 0) })
            : t('vol.checkIn.inSummary', { time: formatClock(done.checkInAt) })}
        </p>
        <p className="vol-result-hint">{out ? (done.autoCheckedOut ? t('vol.checkIn.autoFlag') : t('vol.checkIn.outHint')) : t('vol.checkIn.inHint')}</p>
        <Button block color="primary" className="vol-cta" onClick={() => navigate(`/services/${item.id}`, { replace: true })} data-testid="back-to-item">
          {t('vol.checkIn.backToItem')}
        </Button>
      </section>
    );
  }

  const distance = geo.state === 'ok' ? distanceMeters(geo.position, item) : null;
  const inRange = distance !== null && distance <= item.checkinRadiusM;

  return (
    <>
      <section className="ll-card vol-checkin-head">
        <span className={mode === 'out' ? 'vol-tag vol-tag--attended' : 'vol-tag vol-tag--claimed'}>{mode === 'out' ? t('vol.checkIn.out') : t('vol.checkIn.in')}</span>
        <h1 className="vol-hero-title">{item.title}</h1>
        <p className="vol-hero-sub">
          {formatWindow(item.startsAt, item.endsAt, lang, t)} · {item.placeName}
        </p>
        {mode === 'out' && item.myRecord && <p className="vol-mine-note">{t('vol.mine.checkedIn', { time: formatClock(item.myRecord.checkInAt) })}</p>}
      </section>

      {mode === 'none' ? (
        <div className="ll-card ll-empty" data-testid="check-none">
          <div className="ll-empty-title">{item.myRecord ? t('vol.checkIn.alreadyOut') : item.myClaim?.status === 'waitlisted' ? t('vol.checkIn.waitlisted') : t('vol.checkIn.noPlace')}</div>
          <Button fill="outline" color="primary" className="vol-button-sm" onClick={() => navigate(`/services/${item.id}`, { replace: true })}>
            {t('vol.checkIn.backToItem')}
          </Button>
        </div>
      ) : (
        <>
          <section className="ll-card vol-step" aria-label={t('vol.checkIn.location')} data-testid="geo-step">
            <h2 className="vol-step-title">
              <span className="vol-step-no">1</span>
              {t('vol.checkIn.location')}
            </h2>
            {geo.state === 'locating' ? (
              <p className="vol-step-line vol-weak">{t('vol.geo.locating')}</p>
            ) : geo.state === 'failed' ? (
              <div className="vol-step-line">
                <p className="vol-warn-text">{geo.message}</p>
                <Button size="small" fill="outline" className="vol-button-sm" onClick={() => void locate()}>
                  {t('vol.geo.retry')}
                </Button>
              </div>
            ) : (
              <p className={inRange ? 'vol-step-line vol-ok-text' : 'vol-step-line vol-warn-text'} data-testid="geo-distance">
                <EnvironmentOutline /> {t('vol.checkIn.distance', { d: formatDistance(t, distance!), radius: item.checkinRadiusM })}
                {!inRange && <span className="vol-block">{t('vol.checkIn.maybeOut')}</span>}
                <button type="button" className="vol-inline-link" onClick={() => void locate()} data-testid="relocate">
                  {t('vol.geo.retry')}
                </button>
              </p>
            )}
          </section>

          <section className="ll-card vol-step" aria-label={t('vol.checkIn.code')}>
            <h2 className="vol-step-title">
              <span className="vol-step-no">2</span>
              {t('vol.checkIn.code')}
            </h2>
            {code ? (
              <p className="vol-step-line vol-ok-text" data-testid="code-scanned">
                <ScanCodeOutline /> {t('vol.checkIn.scanned')}
                <button type="button" className="vol-inline-link" onClick={() => setCode('')}>
                  {t('vol.checkIn.clear')}
                </button>
              </p>
            ) : (
              <>
                {scanOk && (
                  <Button block color="primary" fill="outline" className="vol-button" onClick={() => setScanning(true)} data-testid="scan">
                    <ScanCodeOutline /> {t('vol.scan.open')}
                  </Button>
                )}
                <label className="vol-code-label" htmlFor="short-code">
                  {scanOk ? t('vol.checkIn.orType') : t('vol.checkIn.type')}
                </label>
                <input
                  id="short-code"
                  className="vol-code-input"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="\d{6}"
                  maxLength={6}
                  placeholder="______"
                  value={typed}
                  onChange={(e) => setTyped(e.target.value.replace(/\D/g, '').slice(0, 6))}
                  onKeyDown={(e) => e.key === 'Enter' && void submit()}
                  aria-describedby="short-code-hint"
                  data-testid="short-code"
                />
                <p id="short-code-hint" className="vol-code-hint">
                  {t('vol.checkIn.typeHint')}
                </p>
              </>
            )}
          </section>

          {problem && (
            <p className="ll-note vol-alert" role="alert" data-testid="check-problem">
              <ExclamationCircleOutline />
              <span className="vol-alert-text">{problem}</span>
            </p>
          )}

          <div className="vol-actionbar">
            <Button
              block
              color="primary"
              className="vol-cta"
              loading={pending !== null}
              disabled={!code && !SHORT_CODE.test(typed)}
              onClick={() => void submit()}
              data-testid="check-submit"
            >
              {mode === 'out' ? t('vol.checkIn.submitOut') : t('vol.checkIn.submitIn')}
            </Button>
          </div>
          <QrScanner visible={scanning} onResult={onScanned} onFail={onScanFail} onClose={() => setScanning(false)} />
        </>
      )}
    </>
  );
}
