import { unstableSetRender } from 'antd-mobile';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { setApiLocale } from '../api/client.js';
import { getLocale, setLocale, storedLocale, subscribeLocale, translate } from '../i18n/index.js';
import { applyCssVariables } from '../ui/tokens.js';
import { App } from './App.js';
import { getElderMode, subscribeElderMode } from './lib/preferences.js';
import { installSessionGuard, loadSession } from './lib/session.js';
import './app.css';

// antd-mobile's imperative APIs (Toast, Dialog, ActionSheet.show) need a renderer registered on React 19.
unstableSetRender((node, container) => {
  const host = container as (Element | DocumentFragment) & { _llRoot?: Root };
  const root = (host._llRoot ??= createRoot(container));
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete host._llRoot;
  };
});

const html = document.documentElement;
applyCssVariables(html);

function syncLocale() {
  const locale = getLocale();
  html.lang = locale;
  document.title = translate('app.name');
  setApiLocale(locale);
}
syncLocale();
subscribeLocale(syncLocale);

const syncElder = () => html.classList.toggle('ll-elder', getElderMode());
syncElder();
subscribeElderMode(syncElder);

installSessionGuard();
void loadSession();

// Render once the device's language is ready (English loads on demand), so nobody sees the wrong language flash.
void setLocale(storedLocale())
  .catch(() => undefined)
  .finally(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
