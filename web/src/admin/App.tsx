import { useCallback, useEffect, useMemo, useState } from 'react';
import { BrowserRouter } from 'react-router';
import { App as AntdApp, ConfigProvider, type ThemeConfig } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { setApiLocale } from '../api/client.js';
import { antdLocales } from './antd-locales.js';
import { I18nContext, loadLocale, saveLocale, translate, type Locale } from './i18n.js';
import { AppRoutes } from './routes.js';
import { SessionProvider } from './session.js';

/** Restrained Party red on neutral greys (PRODUCT §6). */
const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#C8161D',
    colorLink: '#A8141A',
    colorBgLayout: '#F3F4F6',
    borderRadius: 4,
    fontFamily: '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Microsoft YaHei", "Segoe UI", sans-serif',
  },
  components: {
    Layout: { headerBg: '#FFFFFF', siderBg: '#FFFFFF', headerHeight: 56, headerPadding: '0 24px' },
    Menu: { itemSelectedBg: '#FCEBEC', itemSelectedColor: '#C8161D', subMenuItemBg: '#FFFFFF' },
  },
};

export function AdminApp() {
  const [locale, setLocaleState] = useState<Locale>(loadLocale);

  useEffect(() => {
    setApiLocale(locale);
    dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.documentTitle');
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    saveLocale(next);
    setApiLocale(next);
    setLocaleState(next);
  }, []);
  const i18n = useMemo(() => ({ locale, setLocale, t: translate.bind(null, locale) }), [locale, setLocale]);

  return (
    <I18nContext.Provider value={i18n}>
      <ConfigProvider locale={antdLocales[locale]} theme={THEME} button={{ autoInsertSpace: false }}>
        <AntdApp>
          <SessionProvider>
            <BrowserRouter basename="/admin">
              <AppRoutes />
            </BrowserRouter>
          </SessionProvider>
        </AntdApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
