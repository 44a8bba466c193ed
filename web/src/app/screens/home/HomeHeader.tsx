import { ActionSheet, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useLocale, useT } from '../../../i18n/index.js';
import { dayPart, formatToday } from '../../../ui/format.js';
import { useCurrentGrant, useMe } from '../../lib/session.js';
import { roleLabel } from '../../roles.js';

/** Greeting, the role being acted as, and (for people holding several roles) the role switcher. */
export function HomeHeader() {
  const t = useT();
  const locale = useLocale();
  const me = useMe();
  const { grant, grants, choose } = useCurrentGrant();
  const [switching, setSwitching] = useState(false);
  const greeting = t(`home.greeting.${dayPart()}`);

  return (
    <header className="ll-home-head">
      <div className="ll-brand-row">
        <span className="ll-brand-mark" aria-hidden>
          {t('app.mark')}
        </span>
        <span className="ll-brand-name">{t('app.name')}</span>
        <span className="ll-brand-date">{formatToday(locale)}</span>
      </div>
      <h1 className="ll-greeting" data-testid="greeting">
        {t('home.greetingLine', { name: me.name, greeting })}
      </h1>
      <div className="ll-role-row">
        <span className="ll-role-tag" data-testid="current-role">
          {grant ? roleLabel(t, grant) : t('role.none')}
        </span>
        {grant && <span className="ll-role-scope">{grant.scopeName}</span>}
        {grants.length > 1 && (
          <button type="button" className="ll-role-switch" onClick={() => setSwitching(true)} data-testid="switch-role">
            {t('home.switchRole')}
          </button>
        )}
      </div>
      <ActionSheet
        visible={switching}
        onClose={() => setSwitching(false)}
        extra={
          <div className="ll-sheet-extra">
            <strong>{t('home.switchRoleTitle')}</strong>
            <div>{t('home.switchRoleHint')}</div>
          </div>
        }
        cancelText={t('common.cancel')}
        actions={grants.map((g) => ({
          key: g.id,
          text: roleLabel(t, g),
          description: g.id === grant?.id ? `${g.scopeName} · ${t('home.currentRole')}` : g.scopeName,
          bold: g.id === grant?.id,
        }))}
        onAction={(action) => {
          const next = grants.find((g) => g.id === action.key);
          if (next && next.id !== grant?.id) {
            choose(next.id);
            Toast.show({ content: t('home.roleSwitched', { role: roleLabel(t, next) }) });
          }
          setSwitching(false);
        }}
      />
    </header>
  );
}
