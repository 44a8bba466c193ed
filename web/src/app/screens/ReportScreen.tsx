import { useT } from '../../i18n/index.js';
import { ComingFeature } from '../components/ComingFeature.js';
import { CameraOutline } from '../components/icons.js';
import { PageHeader } from '../components/PageHeader.js';

/** 随手拍 tab: case reporting arrives in a later issue; until then, what it will do and where to call in an emergency. */
export default function ReportScreen() {
  const t = useT();
  return (
    <main>
      <PageHeader title={t('report.title')} />
      <ComingFeature
        icon={CameraOutline}
        title={t('report.comingTitle')}
        body={t('report.comingBody')}
        items={[t('report.item1'), t('report.item2'), t('report.item3'), t('report.item4')]}
      >
        <p className="ll-note" role="note">
          {t('report.emergency')}
        </p>
      </ComingFeature>
    </main>
  );
}
