import { Button, Popup } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../../i18n/index.js';

/** The Shape Detection API's BarcodeDetector (Chrome on Android, Safari 17+ …); not in TypeScript's DOM types yet. */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}
const Detector = (): BarcodeDetectorClass | undefined => (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;

/** True when this browser can read QR codes from the camera itself; otherwise the person types the short code. */
export async function canScanQr(): Promise<boolean> {
  const D = Detector();
  if (!D || !navigator.mediaDevices?.getUserMedia || !window.isSecureContext) return false;
  try {
    return (await D.getSupportedFormats()).includes('qr_code');
  } catch {
    return false;
  }
}

/**
 * A full-screen camera view reading QR codes with BarcodeDetector, a few times a second. Calls `onResult` with
 * the first text it reads; `onFail` when the camera cannot be used (denied, none, busy) — the caller falls back
 * to typing the code.
 */
export function QrScanner(props: { visible: boolean; onResult: (text: string) => void; onFail: (message: string) => void; onClose: () => void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [starting, setStarting] = useState(true);
  const { visible, onResult, onFail } = props;

  useEffect(() => {
    if (!visible) return;
    const D = Detector();
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    setStarting(true);
    (async () => {
      try {
        if (!D) throw new Error('no detector');
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
        if (stopped) return;
        const v = video.current!;
        v.srcObject = stream;
        await v.play();
        setStarting(false);
        const detector = new D({ formats: ['qr_code'] });
        const tick = async () => {
          if (stopped) return;
          try {
            const found = v.readyState >= 2 ? await detector.detect(v) : [];
            const text = found[0]?.rawValue;
            if (text && !stopped) {
              stopped = true;
              onResult(text);
              return;
            }
          } catch {
            /* a frame that could not be read: try the next */
          }
          timer = window.setTimeout(() => void tick(), 250);
        };
        void tick();
      } catch (error) {
        if (!stopped) onFail((error as { name?: string })?.name === 'NotAllowedError' ? t('vol.scan.denied') : t('vol.scan.failed'));
      }
    })();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [visible, onResult, onFail, t]);

  return (
    <Popup visible={visible} onClose={props.onClose} position="bottom" bodyClassName="vol-scanner" destroyOnClose>
      <div className="vol-scanner-frame" role="dialog" aria-label={t('vol.scan.title')}>
        <video ref={video} className="vol-scanner-video" playsInline muted />
        <div className="vol-scanner-target" aria-hidden />
        <p className="vol-scanner-hint">{starting ? t('vol.scan.starting') : t('vol.scan.hint')}</p>
        <Button className="vol-scanner-close" onClick={props.onClose}>
          {t('vol.scan.typeInstead')}
        </Button>
      </div>
    </Popup>
  );
}
