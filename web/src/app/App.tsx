import { ConfigProvider } from 'antd-mobile';
import enUSModule from 'antd-mobile/es/locales/en-US.js';
import zhCNModule from 'antd-mobile/es/locales/zh-CN.js';
import type { ComponentProps } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { useLocale } from '../i18n/index.js';
import { AppShell } from './layout/AppShell.js';
import { PublicOnly, RequireAuth } from './layout/guards.js';
import { LoginScreen, NotFoundScreen, ROUTES } from './routes.js';

type AdmLocale = NonNullable<ComponentProps<typeof ConfigProvider>['locale']>;
/** antd-mobile's es/ files are typed as CommonJS: TypeScript sees the module, the bundler hands us the object. */
const interop = (m: unknown) => ((m as { default?: AdmLocale }).default ?? m) as AdmLocale;
const ADM_LOCALES = { 'zh-CN': interop(zhCNModule), en: interop(enUSModule) };

export function App() {
  const locale = useLocale();
  return (
    <ConfigProvider locale={ADM_LOCALES[locale]}>
      <BrowserRouter>
        <Routes>
          <Route
            path="/login"
            element={
              <PublicOnly>
                <LoginScreen />
              </PublicOnly>
            }
          />
          <Route
            element={
              <RequireAuth>
                <AppShell />
              </RequireAuth>
            }
          >
            {ROUTES.map(({ path, Component }) => (
              <Route key={path} path={path} element={<Component />} />
            ))}
            <Route path="*" element={<NotFoundScreen />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </ConfigProvider>
  );
}
