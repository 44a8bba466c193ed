import { Button, Dialog, PullToRefresh, Toast } from 'antd-mobile';
import { useState } from 'react';
import { api, call } from '../../../../api/client.js';
import { useLocale, useT } from '../../../../i18n/index.js';
import { formatDateTime } from '../../../../ui/format.js';
import { PageSkeleton } from '../../../components/PageSkeleton.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { toastError } from '../../../lib/errors.js';
import { useMe } from '../../../lib/session.js';
import { usePullTexts } from '../../../lib/usePullTexts.js';
import { useRequest } from '../../../lib/useRequest.js';
import type { MyReportIn, ReportInDetail, SubmitReportInBody } from '../api.js';
import { CommunityPicker, type CommunityChoice } from '../components/CommunityPicker.js';
import { LoadState } from '../components/LoadState.js';
import { ReportInFacts, ReportInStatusTag, ReportInTimeline } from '../components/ReportInParts.js';
import { homeCommunity, ReportInForm, type ReportInDraft } from '../components/ReportInForm.js';
import { useAction } from '../lib/action.js';
import '../volunteer.css';

async function load(regionId: string | null): Promise<{ mine: MyReportIn; home: { id: string; name: string } | null }> {
  const mine = await call(api.GET('/api/v1/me/report-in'));
  // The form starts at the member's own community; not needed when there is a record to show.
  const home = mine.current ? null : await homeCommunity(regionId).catch(() => null);
  return { mine, home };
}

/**
 * 报到 (在职党员到社区报到): the form when there is no open record; else the record's status — waiting, returned
 * with the reason (修改后重新提交), or confirmed with grid and team (定期复核确认) — with 转社区 on moving, the
 * timeline and earlier records.
 */
export default function ReportInScreen() {
  const t = useT();
  const me = useMe();
  const pull = usePullTexts();
  const request = useRequest(() => load(me.regionId));
  const { run, pending } = useAction();
  const [editing, setEditing] = useState(false);
  const [transferring, setTransferring] = useState(false);

  const submit = async (body: SubmitReportInBody) => {
    try {
      await run('report-in', body, (headers) => call(api.POST('/api/v1/report-ins', { body, headers })));
      Toast.show({ icon: 'success', content: t('reportIn.submitted') });
      await request.reload();
    } catch (error) {
      toastError(error);
    }
  };

  const resubmit = async (record: ReportInDetail, body: SubmitReportInBody) => {
    try {
      await run(`resubmit:${record.id}`, body, (headers) => call(api.POST('/api/v1/report-ins/{id}/resubmit', { params: { path: { id: record.id } }, body, headers })));
      Toast.show({ icon: 'success', content: t('reportIn.submitted') });
      setEditing(false);
      await request.reload();
    } catch (error) {
      toastError(error);
    }
  };

  const reconfirm = async (record: ReportInDetail) => {
    try {
      await run(`reconfirm:${record.id}`, null, (headers) => call(api.POST('/api/v1/report-ins/{id}/reconfirm', { params: { path: { id: record.id } }, headers })));
      Toast.show({ icon: 'success', content: t('reportIn.reconfirmed') });
      await request.reload();
    } catch (error) {
      toastError(error);
    }
  };

  const transfer = async (record: ReportInDetail, to: CommunityChoice) => {
    setTransferring(false);
    const ok = await Dialog.confirm({
      title: t('reportIn.transfer.title'),
      content: t('reportIn.transfer.confirm', { from: record.communityName, to: to.name }),
      confirmText: t('reportIn.transfer.submit'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    const body = { toCommunityId: to.id };
    try {
      await run(`transfer:${record.id}`, body, (headers) => call(api.POST('/api/v1/report-ins/{id}/transfer', { params: { path: { id: record.id } }, body, headers })));
      Toast.show({ icon: 'success', content: t('reportIn.transfer.done', { to: to.name }) });
      await request.reload();
    } catch (error) {
      toastError(error);
    }
  };

  return (
    <main data-testid="report-in">
      <PageHeader title={t('reportIn.title')} back parent="/" />
      <PullToRefresh onRefresh={request.reload} {...pull}>
        <LoadState {...request} skeleton={<PageSkeleton cards={2} />}>
          {({ mine, home }) => {
            const record = mine.current;
            if (!record) {
              const initial: ReportInDraft = { community: home, unitId: null, skills: [], intentions: [], note: '' };
              return (
                <>
                  <p className="ll-note ll-note--info">{t('reportIn.intro')}</p>
                  <ReportInForm initial={initial} submitText={t('reportIn.submit')} busy={pending === 'report-in'} onSubmit={(b) => void submit(b)} />
                  <History items={mine.history} />
                </>
              );
            }
            if (editing) {
              const initial: ReportInDraft = {
                community: { id: record.communityId, name: record.communityName },
                unitId: record.unitId,
                skills: record.skills,
                intentions: record.intentions,
                note: record.note ?? '',
              };
              return (
                <>
                  {record.returnReason && <p className="ll-note">{t('reportIn.returnedBecause', { reason: record.returnReason })}</p>}
                  <ReportInForm initial={initial} submitText={t('reportIn.resubmit')} busy={pending === `resubmit:${record.id}`} onSubmit={(b) => void resubmit(record, b)} />
                  <div className="vol-form-footer">
                    <Button block className="vol-button" onClick={() => setEditing(false)}>
                      {t('common.cancel')}
                    </Button>
                  </div>
                </>
              );
            }
            const can = (a: ReportInDetail['actions'][number]) => record.actions.includes(a);
            return (
              <>
                <section className="ll-card vol-status-card" data-testid="report-in-card">
                  <div className="vol-status-head">
                    <ReportInStatusTag status={record.status} />
                    <span className="vol-weak">{record.communityName}</span>
                  </div>
                  <StatusLine record={record} />
                  {can('resubmit') && (
                    <Button block color="primary" className="vol-cta" onClick={() => setEditing(true)} data-testid="resubmit">
                      {t('reportIn.resubmit')}
                    </Button>
                  )}
                  {can('reconfirm') && record.reconfirmDue && (
                    <Button block color="primary" className="vol-cta" loading={pending === `reconfirm:${record.id}`} onClick={() => void reconfirm(record)} data-testid="reconfirm">
                      {t('reportIn.reconfirm')}
                    </Button>
                  )}
                </section>
                <section className="ll-card">
                  <h2 className="ll-card-title vol-card-title">{t('reportIn.details')}</h2>
                  <ReportInFacts record={record} />
                </section>
                <section className="ll-card">
                  <h2 className="ll-card-title vol-card-title">{t('reportIn.timeline')}</h2>
                  <ReportInTimeline events={record.events} />
                </section>
                {can('transfer') && (
                  <div className="vol-form-footer">
                    <Button block className="vol-button" onClick={() => setTransferring(true)} data-testid="transfer">
                      {t('reportIn.transfer.open')}
                    </Button>
                    <p className="vol-code-hint">{t('reportIn.transfer.hint')}</p>
                  </div>
                )}
                <History items={mine.history} />
                <CommunityPicker
                  visible={transferring}
                  title={t('reportIn.transfer.pick')}
                  exclude={record.communityId}
                  onSelect={(c) => void transfer(record, c)}
                  onClose={() => setTransferring(false)}
                />
              </>
            );
          }}
        </LoadState>
      </PullToRefresh>
    </main>
  );
}

function StatusLine({ record }: { record: ReportInDetail }) {
  const t = useT();
  const lang = useLocale();
  if (record.status === 'submitted') return <p className="vol-status-line">{t('reportIn.waiting', { community: record.communityName })}</p>;
  if (record.status === 'returned')
    return (
      <p className="vol-status-line vol-warn-text" data-testid="return-reason">
        {t('reportIn.returnedBecause', { reason: record.returnReason ?? '—' })}
      </p>
    );
  return (
    <>
      <p className="vol-status-line">{t('reportIn.activeLine', { grid: record.gridName ?? '—', community: record.communityName })}</p>
      {record.reconfirmDue ? (
        <p className="vol-status-line vol-warn-text">{t('reportIn.reconfirmDue')}</p>
      ) : (
        record.reconfirmDueAt && <p className="vol-mine-note">{t('reportIn.nextReconfirm', { date: formatDateTime(record.reconfirmDueAt, lang).slice(0, lang === 'zh-CN' ? 10 : undefined) })}</p>
      )}
    </>
  );
}

function History({ items }: { items: MyReportIn['history'] }) {
  const t = useT();
  const lang = useLocale();
  if (items.length === 0) return null;
  return (
    <>
      <h2 className="ll-section-title">{t('reportIn.history')}</h2>
      <ul className="vol-rows">
        {items.map((r) => (
          <li key={r.id} className="vol-row vol-row--static">
            <span className="vol-row-main">
              <span className="vol-row-title">{r.communityName}</span>
              <span className="vol-row-sub">
                {formatDateTime(r.submittedAt, lang)}
                {r.endReason ? ` · ${r.endReason}` : ''}
              </span>
            </span>
            <ReportInStatusTag status={r.status} />
          </li>
        ))}
      </ul>
    </>
  );
}
