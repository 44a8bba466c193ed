import { Button } from 'antd-mobile';
import type { CSSProperties } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/index.js';
import { CompassOutline } from '../components/icons.js';
import { PageHeader } from '../components/PageHeader.js';

/** A link to a page that does not exist yet (e.g. a notification pointing at a feature still being built). */
export default function NotFoundScreen() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <main>
      <PageHeader title={t('app.name')} back />
      <section className="ll-card">
        <div className="ll-empty" style={{ paddingTop: 32 }}>
          <CompassOutline className="ll-empty-icon" />
          <div className="ll-empty-title">{t('notFound.title')}</div>
          <div className="ll-empty-hint">{t('notFound.hint')}</div>
        </div>
        <Button block color="primary" fill="outline" style={{ minHeight: 44, marginTop: 16, '--border-radius': '22px' } as CSSProperties} onClick={() => navigate('/', { replace: true })}>
          {t('notFound.home')}
        </Button>
      </section>
    </main>
  );
}
