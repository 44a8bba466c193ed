import { Button, PullToRefresh } from 'antd-mobile';
import { useT } from '../../i18n/index.js';
import { FigureValue } from '../components/FigureValue.js';
import { PageHeader } from '../components/PageHeader.js';
import { PageSkeleton } from '../components/PageSkeleton.js';
import { figureLabel, presentFigures } from '../figures.js';
import { errorMessage } from '../lib/errors.js';
import { fetchOverview, showFigureDefinition } from '../lib/overview.js';
import { useRequest } from '../lib/useRequest.js';
import { usePullTexts } from '../lib/usePullTexts.js';

/** 数据总览: every figure of GET /stats/overview over the caller's scope; tap a figure for its definition. */
export default function OverviewScreen() {
  const t = useT();
  const pull = usePullTexts();
  const { data, error, loading, reload } = useRequest(fetchOverview);
  const figures = data ? presentFigures(data) : [];

  return (
    <main>
      <PageHeader title={t('overview.title')} back />
      <PullToRefresh onRefresh={reload} {...pull}>
        {loading && !data ? (
          <PageSkeleton cards={1} />
        ) : error && !data ? (
          <div className="ll-card ll-empty">
            <div className="ll-empty-title">{errorMessage(error)}</div>
            <Button fill="outline" style={{ minHeight: 44 }} onClick={() => void reload()}>
              {t('common.retry')}
            </Button>
          </div>
        ) : (
          <section className="ll-card">
            <p className="ll-figure-note" style={{ marginTop: 0, marginBottom: 12 }}>
              {t('overview.hint')}
            </p>
            {figures.length === 0 ? (
              <div className="ll-empty">
                <div className="ll-empty-hint">{t('overview.empty')}</div>
              </div>
            ) : (
              <div className="ll-figures">
                {figures.map((f) => (
                  <button key={f.key} type="button" className="ll-figure" onClick={() => showFigureDefinition(f.key)}>
                    <span className="ll-figure-value">
                      <FigureValue value={f.value} format={f.format} />
                    </span>
                    <span className="ll-figure-label">{t(figureLabel(f.key))}</span>
                  </button>
                ))}
              </div>
            )}
          </section>
        )}
      </PullToRefresh>
    </main>
  );
}
