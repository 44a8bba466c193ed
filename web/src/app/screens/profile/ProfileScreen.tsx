import { ActionSheet, Button, Dialog, List, Switch } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../../api/client.js';
import { LOCALES, LOCALE_NAMES, setLocale, useLocale, useT, type Locale } from '../../../i18n/index.js';
import { formatPhone } from '../../../ui/format.js';
import { GlobalOutline, LaptopOutline, LockOutline, MobileOutline, SmileOutline } from '../../components/icons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { toastError } from '../../lib/errors.js';
import { setElderMode, useElderMode } from '../../lib/preferences.js';
import { logout, setMe, useMe } from '../../lib/session.js';
import { roleLabel, type RoleCode } from '../../roles.js';

/** Roles that have a reason to open the desktop console. */
const CONSOLE_ROLES: RoleCode[] = ['admin', 'leader', 'dispatcher', 'community_secretary', 'unit_secretary'];

/** 我的: who I am (own phone unmasked), my roles and units, and settings. */
export default function ProfileScreen() {
  const t = useT();
  const me = useMe();
  const locale = useLocale();
  const elder = useElderMode();
  const navigate = useNavigate();
  const [choosingLanguage, setChoosingLanguage] = useState(false);

  const changeLanguage = async (next: Locale) => {
    setChoosingLanguage(false);
    if (next === locale) return;
    const previous = locale;
    await setLocale(next); // switch at once; the account remembers it for other devices
    try {
      setMe(await call(api.PATCH('/api/v1/me', { body: { locale: next } })));
    } catch (error) {
      await setLocale(previous);
      toastError(error);
    }
  };

  const toggleElder = (on: boolean) => setElderMode(on);

  const confirmLogout = async () => {
    const ok = await Dialog.confirm({ content: t('me.logoutConfirm'), confirmText: t('me.logout'), cancelText: t('common.cancel') });
    if (!ok) return;
    try {
      await logout(); // lands on 登录, which says enough
    } catch (error) {
      toastError(error);
    }
  };

  const showConsole = me.roles.some((g) => CONSOLE_ROLES.includes(g.role as RoleCode));

  return (
    <main data-testid="profile">
      <PageHeader title={t('me.title')} />
      <section className="ll-profile-head">
        <span className="ll-avatar" aria-hidden>
          {Array.from(me.name)[0] ?? t('app.mark')}
        </span>
        <div style={{ minWidth: 0 }}>
          <h1 className="ll-profile-name">
            <span>{me.name}</span>
            {me.isPartyMember && <span className="ll-party-tag">{t('me.partyMember')}</span>}
          </h1>
          <p className="ll-profile-line" data-testid="my-phone">
            {formatPhone(me.phone)}
          </p>
          <p className="ll-profile-line">{me.regionName ?? t('me.noRegion')}</p>
        </div>
      </section>

      <h2 className="ll-section-title">{t('me.rolesTitle')}</h2>
      <List className="ll-list" data-testid="my-roles">
        {me.roles.length === 0 ? (
          <List.Item>{t('role.none')}</List.Item>
        ) : (
          me.roles.map((g) => (
            <List.Item key={g.id} description={g.scopeName}>
              {roleLabel(t, g)}
            </List.Item>
          ))
        )}
      </List>

      <h2 className="ll-section-title">{t('me.unitsTitle')}</h2>
      <List className="ll-list">
        {me.units.length === 0 ? (
          <List.Item>
            <span className="ll-weak">{t('me.noUnits')}</span>
          </List.Item>
        ) : (
          me.units.map((u) => (
            <List.Item key={u.id} extra={u.position ?? undefined}>
              {u.name}
            </List.Item>
          ))
        )}
      </List>

      <h2 className="ll-section-title">{t('me.settingsTitle')}</h2>
      <List className="ll-list">
        {/* The whole row toggles (a tap target far above 44 px); the switch shows the state. */}
        <List.Item
          prefix={<SmileOutline className="ll-list-icon" />}
          description={t('me.elderModeHint')}
          onClick={() => toggleElder(!elder)}
          arrowIcon={false}
          data-testid="elder-row"
          extra={
            <span onClick={(e) => e.stopPropagation()}>
              <Switch checked={elder} onChange={toggleElder} aria-label={t('me.elderMode')} data-testid="elder-switch" />
            </span>
          }
        >
          {t('me.elderMode')}
        </List.Item>
        <List.Item prefix={<GlobalOutline className="ll-list-icon" />} extra={LOCALE_NAMES[locale]} onClick={() => setChoosingLanguage(true)} data-testid="language">
          {t('me.language')}
        </List.Item>
        <List.Item prefix={<LockOutline className="ll-list-icon" />} onClick={() => navigate('/me/password')}>
          {t('me.changePassword')}
        </List.Item>
        <List.Item prefix={<MobileOutline className="ll-list-icon" />} onClick={() => navigate('/me/sessions')}>
          {t('me.sessions')}
        </List.Item>
        {showConsole && (
          <List.Item prefix={<LaptopOutline className="ll-list-icon" />} onClick={() => window.location.assign('/admin/')}>
            {t('me.adminConsole')}
          </List.Item>
        )}
      </List>

      <div className="ll-logout">
        <Button block onClick={() => void confirmLogout()} data-testid="logout">
          {t('me.logout')}
        </Button>
      </div>
      <p className="ll-footer">{t('me.version')}</p>

      <ActionSheet
        visible={choosingLanguage}
        onClose={() => setChoosingLanguage(false)}
        extra={t('me.languageTitle')}
        cancelText={t('common.cancel')}
        actions={LOCALES.map((l) => ({ key: l, text: LOCALE_NAMES[l], bold: l === locale }))}
        onAction={(a) => void changeLanguage(a.key as Locale)}
      />
    </main>
  );
}

