import { Button, Popup } from 'antd-mobile';
import { useRef, type CSSProperties } from 'react';
import { useT, type MessageKey } from '../../i18n/index.js';
import { SHORTCUTS, type ShortcutKey } from '../roles.js';

/** The friendly 即将上线 sheet: what the feature will do, said plainly, and nothing pretended. */
export function ComingSoonSheet({ shortcut, onClose }: { shortcut: ShortcutKey | null; onClose: () => void }) {
  const t = useT();
  const last = useRef<ShortcutKey | null>(null);
  if (shortcut) last.current = shortcut; // keep the content while the sheet slides away
  const key = shortcut ?? last.current;
  const Icon = key ? SHORTCUTS[key].icon : null;
  return (
    <Popup visible={shortcut !== null} onMaskClick={onClose} onClose={onClose} bodyStyle={{ borderTopLeftRadius: 16, borderTopRightRadius: 16 }}>
      {key && Icon && (
        <div className="ll-sheet" role="dialog" aria-label={t(`shortcut.${key}` as MessageKey)} data-testid="coming-soon">
          <div className="ll-sheet-head">
            <span className="ll-tile-icon">
              <Icon />
            </span>
            <div>
              <h2 className="ll-sheet-title">{t(`shortcut.${key}` as MessageKey)}</h2>
              <span className="ll-soon-tag">{t('common.comingSoon')}</span>
            </div>
          </div>
          <p className="ll-sheet-body">{t(`shortcut.${key}.desc` as MessageKey)}</p>
          <p className="ll-sheet-note">{t('comingSoon.body')}</p>
          <Button block color="primary" fill="outline" style={{ minHeight: 44, '--border-radius': '22px' } as CSSProperties} onClick={onClose}>
            {t('common.ok')}
          </Button>
        </div>
      )}
    </Popup>
  );
}
