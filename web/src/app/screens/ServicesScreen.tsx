import { useT } from '../../i18n/index.js';
import { ComingFeature } from '../components/ComingFeature.js';
import { ServiceOutline } from '../components/icons.js';
import { PageHeader } from '../components/PageHeader.js';

/** 服务 tab: volunteer services arrive in a later issue; until then, an honest description. */
export default function ServicesScreen() {
  const t = useT();
  return (
    <main>
      <PageHeader title={t('services.title')} />
      <ComingFeature
        icon={ServiceOutline}
        title={t('services.comingTitle')}
        body={t('services.comingBody')}
        items={[t('services.item1'), t('services.item2'), t('services.item3'), t('services.item4')]}
      >
        <p className="ll-note ll-note--info">{t('services.note')}</p>
      </ComingFeature>
    </main>
  );
}
