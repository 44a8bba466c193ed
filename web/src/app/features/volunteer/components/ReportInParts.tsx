import { useLocale, useT, type MessageKey } from '../../../../i18n/index.js';
import { formatDateTime } from '../../../../ui/format.js';
import { REPORT_IN_STATUS_LABEL, teamLabel, type ReportIn, type ReportInDetail } from '../api.js';

const EVENT_LABEL: Record<string, MessageKey> = {
  submit: 'reportIn.event.submit',
  confirm: 'reportIn.event.confirm',
  return: 'reportIn.event.return',
  resubmit: 'reportIn.event.resubmit',
  transfer: 'reportIn.event.transfer',
  reconfirm: 'reportIn.event.reconfirm',
  deactivate: 'reportIn.event.deactivate',
};

export function ReportInStatusTag({ status }: { status: ReportIn['status'] }) {
  const t = useT();
  return (
    <span className={`vol-tag vol-tag--ri-${status}`} data-testid="report-in-status">
      {t(REPORT_IN_STATUS_LABEL[status])}
    </span>
  );
}

/** A team's name in the UI language (the server's name for one this build does not know). */
export function useTeamName() {
  const t = useT();
  return (team: string) => {
    const k = teamLabel(team);
    return k ? t(k) : team;
  };
}

/** The facts of a report-in: community, unit, grid and team once confirmed, skills and intentions. */
export function ReportInFacts({ record }: { record: ReportIn }) {
  const t = useT();
  const lang = useLocale();
  const team = useTeamName();
  const sep = lang === 'en' ? ', ' : '、';
  return (
    <dl className="vol-dl">
      <dt>{t('reportIn.form.community')}</dt>
      <dd>{record.communityName}</dd>
      <dt>{t('reportIn.form.unit')}</dt>
      <dd>{record.unitName}</dd>
      {record.gridName && (
        <>
          <dt>{t('reportIn.grid')}</dt>
          <dd data-testid="report-in-grid">{record.gridName}</dd>
        </>
      )}
      {record.serviceTeam && (
        <>
          <dt>{t('reportIn.team')}</dt>
          <dd>{team(record.serviceTeam)}</dd>
        </>
      )}
      <dt>{t('reportIn.form.skills')}</dt>
      <dd>{record.skills.length ? record.skills.join(sep) : <span className="vol-weak">{t('reportIn.none')}</span>}</dd>
      <dt>{t('reportIn.form.intentions')}</dt>
      <dd>{record.intentions.map(team).join(sep)}</dd>
      {record.note && (
        <>
          <dt>{t('reportIn.form.note')}</dt>
          <dd>{record.note}</dd>
        </>
      )}
      <dt>{t('reportIn.submittedAt')}</dt>
      <dd>{formatDateTime(record.submittedAt, lang)}</dd>
    </dl>
  );
}

/** 时间线: every transition, newest last, with who and the note (a return's reason). */
export function ReportInTimeline({ events }: { events: ReportInDetail['events'] }) {
  const t = useT();
  const lang = useLocale();
  return (
    <ol className="vol-timeline" aria-label={t('reportIn.timeline')}>
      {events.map((e, i) => (
        <li key={i} className="vol-timeline-item">
          <span className="vol-timeline-dot" aria-hidden />
          <div className="vol-timeline-main">
            <div className="vol-timeline-title">
              {EVENT_LABEL[e.action] ? t(EVENT_LABEL[e.action]!) : e.action}
              {e.actorName && <span className="vol-weak"> · {e.actorName}</span>}
            </div>
            {e.note && <div className="vol-timeline-note">{e.note}</div>}
            <div className="vol-timeline-time">{formatDateTime(e.at, lang)}</div>
          </div>
        </li>
      ))}
    </ol>
  );
}
