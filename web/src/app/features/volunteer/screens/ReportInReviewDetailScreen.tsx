import { Button, Popup, Selector, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { api, call } from '../../../../api/client.js';
import { useT } from '../../../../i18n/index.js';
import { PageSkeleton } from '../../../components/PageSkeleton.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { toastError } from '../../../lib/errors.js';
import { useMe } from '../../../lib/session.js';
import { useRequest } from '../../../lib/useRequest.js';
import type { ReportInDetail, ServiceTeam } from '../api.js';
import { LoadState } from '../components/LoadState.js';
import { ReasonSheet } from '../components/ReasonSheet.js';
import { ReportInFacts, ReportInStatusTag, ReportInTimeline, useTeamName } from '../components/ReportInParts.js';
import { CheckOutline } from '../components/icons.js';
import { useAction } from '../lib/action.js';
import '../volunteer.css';

const RETURN_PRESETS = ['review.return.preset1', 'review.return.preset2', 'review.return.preset3'] as const;

/**
 * One report-in (the link of 报到 notifications): for a reviewer its facts, timeline and 确认 (grid + service team)
 * or 退回 with a reason; a member opening their own record goes to 报到.
 */
export default function ReportInReviewDetailScreen() {
  const t = useT();
  const me = useMe();
  const { id = '' } = useParams();
  const request = useRequest(() => call(api.GET('/api/v1/report-ins/{id}', { params: { path: { id } } })), [id]);
  const { run, pending } = useAction();
  const [confirming, setConfirming] = useState(false);
  const [returning, setReturning] = useState(false);
  const navigate = useNavigate();

  const doReturn = async (record: ReportInDetail, reason: string) => {
    const body = { reason };
    try {
      await run(`return:${record.id}`, body, (headers) => call(api.POST('/api/v1/report-ins/{id}/return', { params: { path: { id: record.id } }, body, headers })));
      Toast.show({ icon: 'success', content: t('review.return.done') });
      await request.reload();
    } catch (error) {
      toastError(error);
      throw error;
    }
  };

  return (
    <main data-testid="report-in-detail" className="vol-with-bar">
      <PageHeader title={t('review.detailTitle')} back parent="/report-ins" />
      <LoadState {...request} skeleton={<PageSkeleton cards={2} />}>
        {(record) => {
          const reviewer = record.actions.includes('confirm') || record.actions.includes('return');
          if (record.userId === me.id && !reviewer) return <Navigate to="/report-in" replace />;
          return (
            <>
              <section className="ll-card vol-status-card">
                <div className="vol-status-head">
                  <ReportInStatusTag status={record.status} />
                  <span className="vol-weak">{record.communityName}</span>
                </div>
                <h1 className="vol-hero-title">
                  {record.userName} <span className="vol-weak vol-phone">{record.phone}</span>
                </h1>
                {record.returnReason && record.status === 'returned' && <p className="vol-status-line vol-warn-text">{t('reportIn.returnedBecause', { reason: record.returnReason })}</p>}
              </section>
              <section className="ll-card">
                <h2 className="ll-card-title vol-card-title">{t('reportIn.details')}</h2>
                <ReportInFacts record={record} />
              </section>
              <section className="ll-card">
                <h2 className="ll-card-title vol-card-title">{t('reportIn.timeline')}</h2>
                <ReportInTimeline events={record.events} />
              </section>
              {reviewer && (
                <div className="vol-actionbar vol-actionbar--two">
                  <Button className="vol-cta vol-cta--secondary" onClick={() => setReturning(true)} disabled={!record.actions.includes('return')} data-testid="return">
                    {t('review.return.open')}
                  </Button>
                  <Button color="primary" className="vol-cta" onClick={() => setConfirming(true)} disabled={!record.actions.includes('confirm')} data-testid="confirm">
                    {t('review.confirm.open')}
                  </Button>
                </div>
              )}
              <ConfirmSheet
                visible={confirming}
                record={record}
                busy={pending === `confirm:${record.id}`}
                onClose={() => setConfirming(false)}
                onConfirm={async (gridId, serviceTeam) => {
                  const body = { gridId, serviceTeam: serviceTeam as ServiceTeam };
                  try {
                    await run(`confirm:${record.id}`, body, (headers) => call(api.POST('/api/v1/report-ins/{id}/confirm', { params: { path: { id: record.id } }, body, headers })));
                    setConfirming(false);
                    Toast.show({ icon: 'success', content: t('review.confirm.done') });
                    navigate('/report-ins', { replace: true });
                  } catch (error) {
                    toastError(error);
                  }
                }}
              />
              <ReasonSheet
                visible={returning}
                title={t('review.return.title')}
                hint={t('review.return.hint')}
                presets={RETURN_PRESETS.map((k) => t(k))}
                confirmText={t('review.return.submit')}
                onSubmit={(reason) => doReturn(record, reason)}
                onClose={() => setReturning(false)}
              />
            </>
          );
        }}
      </LoadState>
    </main>
  );
}

/** 确认报到: the grid (of the record's community) and the service team, defaulting to the first intention. */
function ConfirmSheet(props: { visible: boolean; record: ReportInDetail; busy: boolean; onClose: () => void; onConfirm: (gridId: string, team: string) => Promise<void> }) {
  const t = useT();
  const team = useTeamName();
  const { record } = props;
  const grids = useRequest(
    () => (props.visible ? call(api.GET('/api/v1/regions', { params: { query: { parentId: record.communityId, kind: 'grid', limit: 200 } } })) : Promise.resolve(undefined)),
    [props.visible, record.communityId],
  );
  const teams = useRequest(() => (props.visible ? call(api.GET('/api/v1/report-ins/service-teams')) : Promise.resolve(undefined)), [props.visible]);
  const [gridId, setGridId] = useState<string | null>(null);
  const [serviceTeam, setServiceTeam] = useState<string | null>(null);
  useEffect(() => {
    if (props.visible) {
      setGridId(record.gridId);
      setServiceTeam(record.serviceTeam ?? record.intentions[0] ?? null);
    }
  }, [props.visible, record]);
  const short = (name: string) => (name.startsWith(record.communityName) && name.length > record.communityName.length ? name.slice(record.communityName.length) : name);

  return (
    <Popup visible={props.visible} onMaskClick={props.onClose} onClose={props.onClose} bodyClassName="vol-sheet-body vol-sheet-body--tall">
      <div className="ll-sheet vol-confirm" role="dialog" aria-label={t('review.confirm.title')} data-testid="confirm-sheet">
        <h2 className="ll-sheet-title">{t('review.confirm.title')}</h2>
        <p className="vol-sheet-hint">{t('review.confirm.hint', { name: record.userName })}</p>
        <h3 className="vol-sheet-label">{t('review.confirm.grid')}</h3>
        <LoadState data={grids.data} error={grids.error} loading={grids.loading} reload={grids.reload} isEmpty={(g) => g.items.length === 0} empty={{ title: t('review.confirm.noGrids') }}>
          {(g) => (
            <div className="vol-grid-options" role="radiogroup" aria-label={t('review.confirm.grid')}>
              {g.items.map((x) => (
                <button key={x.id} type="button" role="radio" aria-checked={gridId === x.id} className={gridId === x.id ? 'vol-chip vol-chip--on vol-chip--block' : 'vol-chip vol-chip--block'} onClick={() => setGridId(x.id)} data-testid="grid-option">
                  {gridId === x.id && <CheckOutline />} {short(x.name)}
                </button>
              ))}
            </div>
          )}
        </LoadState>
        <h3 className="vol-sheet-label">{t('review.confirm.team')}</h3>
        <p className="vol-sheet-hint">{t('review.confirm.teamHint', { intentions: record.intentions.map(team).join('、') })}</p>
        <Selector
          columns={3}
          className="vol-selector"
          options={(teams.data?.items ?? []).map((x) => ({ label: team(x), value: x }))}
          value={serviceTeam ? [serviceTeam] : []}
          onChange={(v) => setServiceTeam(v[0] ?? null)}
        />
        <div className="vol-sheet-actions">
          <Button className="vol-button" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button className="vol-button" color="primary" disabled={!gridId || !serviceTeam} loading={props.busy} onClick={() => void props.onConfirm(gridId!, serviceTeam!)} data-testid="confirm-submit">
            {t('review.confirm.submit')}
          </Button>
        </div>
      </div>
    </Popup>
  );
}
