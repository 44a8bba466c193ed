import { Button, Popup, TextArea } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useT } from '../../../../i18n/index.js';

/**
 * A bottom sheet asking for a reason (cancel a claim, decline hours, return a report-in): a few one-tap presets and
 * free text. `onSubmit` resolves when done (the sheet closes) or throws (the sheet stays, the caller shows why).
 */
export function ReasonSheet(props: {
  visible: boolean;
  title: string;
  hint?: string;
  presets?: string[];
  confirmText: string;
  danger?: boolean;
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (props.visible) setReason('');
  }, [props.visible]);

  const submit = async () => {
    setBusy(true);
    try {
      await props.onSubmit(reason.trim());
      props.onClose();
    } catch {
      /* the caller has shown the message; keep the text for another try */
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popup visible={props.visible} onMaskClick={props.onClose} onClose={props.onClose} bodyClassName="vol-sheet-body" destroyOnClose>
      <div className="ll-sheet" role="dialog" aria-label={props.title} data-testid="reason-sheet">
        <h2 className="ll-sheet-title">
          <label htmlFor="reason-text">{props.title}</label>
        </h2>
        {props.hint && <p className="vol-sheet-hint">{props.hint}</p>}
        {props.presets && props.presets.length > 0 && (
          <div className="vol-chips vol-chips--wrap" role="group" aria-label={t('vol.reason.presets')}>
            {props.presets.map((p) => (
              <button key={p} type="button" className={reason === p ? 'vol-chip vol-chip--on' : 'vol-chip'} aria-pressed={reason === p} onClick={() => setReason(p)}>
                {p}
              </button>
            ))}
          </div>
        )}
        <TextArea
          id="reason-text"
          className="vol-textarea"
          placeholder={t('vol.reason.placeholder')}
          value={reason}
          onChange={setReason}
          maxLength={500}
          rows={3}
          showCount
        />
        <div className="vol-sheet-actions">
          <Button className="vol-button" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button className="vol-button" color={props.danger ? 'danger' : 'primary'} disabled={!reason.trim()} loading={busy} onClick={() => void submit()} data-testid="reason-submit">
            {props.confirmText}
          </Button>
        </div>
      </div>
    </Popup>
  );
}
