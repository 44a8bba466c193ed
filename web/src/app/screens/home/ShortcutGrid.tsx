import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT, type MessageKey } from '../../../i18n/index.js';
import { ComingSoonSheet } from '../../components/ComingSoonSheet.js';
import { SHORTCUTS, type ShortcutKey } from '../../roles.js';

/** 常用功能: the current role's shortcuts; unbuilt ones open the 即将上线 sheet. */
export function ShortcutGrid({ keys }: { keys: ShortcutKey[] }) {
  const t = useT();
  const navigate = useNavigate();
  const [comingSoon, setComingSoon] = useState<ShortcutKey | null>(null);

  const open = (key: ShortcutKey) => {
    const s = SHORTCUTS[key];
    if (s.to) navigate(s.to);
    else if (s.href) window.location.assign(s.href);
    else setComingSoon(key);
  };

  return (
    <section className="ll-card" aria-labelledby="shortcuts-title" data-testid="shortcuts">
      <div className="ll-card-head">
        <h2 className="ll-card-title" id="shortcuts-title">
          {t('home.shortcutsTitle')}
        </h2>
      </div>
      {keys.length === 0 ? (
        <div className="ll-empty">
          <div className="ll-empty-hint">{t('home.noShortcuts')}</div>
        </div>
      ) : (
        <div className="ll-grid">
          {keys.map((key) => {
            const Icon = SHORTCUTS[key].icon;
            return (
              <button key={key} type="button" className="ll-tile" onClick={() => open(key)} data-testid={`shortcut-${key}`}>
                <span className="ll-tile-icon">
                  <Icon />
                </span>
                <span className="ll-tile-label">{t(`shortcut.${key}` as MessageKey)}</span>
              </button>
            );
          })}
        </div>
      )}
      <ComingSoonSheet shortcut={comingSoon} onClose={() => setComingSoon(null)} />
    </section>
  );
}
