import { Button, Skeleton } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { useT } from '../../../i18n/index.js';
import { FigureValue } from '../../components/FigureValue.js';
import { RightOutline } from '../../components/icons.js';
import { errorMessage } from '../../lib/errors.js';
import { useElderMode } from '../../lib/preferences.js';
import { fetchOverview, showFigureDefinition } from '../../lib/overview.js';
import { useRequest } from '../../lib/useRequest.js';
import { figureLabel, presentFigures } from '../../figures.js';

/** 数据总览 on the leader's home: the first figures of GET /stats/overview, each with its definition a tap away. */
export function OverviewCard() {
  const t = useT();
  const navigate = useNavigate();
  const elder = useElderMode();
  const { data, error, loading, reload } = useRequest(fetchOverview);
  const figures = data ? presentFigures(data).slice(0, elder ? 4 : 6) : [];

  return (
    <section className="ll-card" aria-labelledby="overview-title" data-testid="overview-card">
      <div className="ll-card-head">
        <h2 className="ll-card-title" id="overview-title">
          {t('home.overviewTitle')}
        </h2>
        <button type="button" className="ll-card-link" onClick={() => navigate('/overview')}>
          {t('common.viewAll')}
          <RightOutline />
        </button>
      </div>
      {loading && !data ? (
        <Skeleton.Paragraph lineCount={2} animated />
      ) : error && !data ? (
        <div className="ll-empty">
          <div className="ll-empty-hint">{errorMessage(error)}</div>
          <Button size="small" fill="outline" style={{ minHeight: 44 }} onClick={() => void reload()}>
            {t('common.retry')}
          </Button>
        </div>
      ) : figures.length === 0 ? (
        <div className="ll-empty">
          <div className="ll-empty-hint">{t('overview.empty')}</div>
        </div>
      ) : (
        <>
          <div className="ll-figures">
            {figures.map((f) => (
              <button key={f.key} type="button" className="ll-figure" onClick={() => showFigureDefinition(f.key)} data-testid={`figure-${f.key}`}>
                <span className="ll-figure-value">
                  <FigureValue value={f.value} format={f.format} />
                </span>
                <span className="ll-figure-label">{t(figureLabel(f.key))}</span>
              </button>
            ))}
          </div>
          <p className="ll-figure-note">{t('home.overviewScope')}</p>
        </>
      )}
    </section>
  );
}
