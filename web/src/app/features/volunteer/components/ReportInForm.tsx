import { Button, Input, List, Selector, TextArea } from 'antd-mobile';
import { useEffect, useState, type CSSProperties } from 'react';
import { api, call } from '../../../../api/client.js';
import { useT } from '../../../../i18n/index.js';
import { useMe } from '../../../lib/session.js';
import { useRequest } from '../../../lib/useRequest.js';
import { teamLabel, type SubmitReportInBody } from '../api.js';
import { CommunityPicker, type CommunityChoice } from './CommunityPicker.js';
import { CloseOutline } from './icons.js';

export interface ReportInDraft {
  community: { id: string; name: string } | null;
  unitId: string | null;
  skills: string[];
  intentions: string[];
  note: string;
}

const SKILL_SUGGESTIONS = ['vol.skill.s1', 'vol.skill.s2', 'vol.skill.s3', 'vol.skill.s4', 'vol.skill.s5', 'vol.skill.s6', 'vol.skill.s7', 'vol.skill.s8'] as const;

/** The member's residence community when their registered region is one (or lies in one). */
export async function homeCommunity(regionId: string | null): Promise<{ id: string; name: string } | null> {
  if (!regionId) return null;
  const r = await call(api.GET('/api/v1/regions/{id}', { params: { path: { id: regionId } } }));
  if (r.kind === 'community') return { id: r.id, name: r.name };
  const a = r.ancestors.find((x) => x.kind === 'community');
  return a ? { id: a.id, name: a.name } : null;
}

/**
 * 报到 form: residence community, work unit (one of the member's own units), skills (特长, free tags with
 * suggestions) and service intentions (the community's service teams). Used to submit and to resubmit.
 */
export function ReportInForm(props: { initial: ReportInDraft; submitText: string; busy: boolean; onSubmit: (body: SubmitReportInBody) => void }) {
  const t = useT();
  const me = useMe();
  const [draft, setDraft] = useState<ReportInDraft>(props.initial);
  const [picking, setPicking] = useState(false);
  const [skill, setSkill] = useState('');
  const [tried, setTried] = useState(false);
  const teams = useRequest(() => call(api.GET('/api/v1/report-ins/service-teams')));

  useEffect(() => {
    if (!draft.unitId && me.units.length === 1) setDraft((d) => ({ ...d, unitId: me.units[0]!.id }));
  }, [me.units, draft.unitId]);

  const addSkill = (s: string) => {
    const v = s.trim().slice(0, 30);
    if (!v || draft.skills.includes(v) || draft.skills.length >= 20) return;
    setDraft((d) => ({ ...d, skills: [...d.skills, v] }));
    setSkill('');
  };

  const missing = !draft.community ? 'community' : !draft.unitId ? 'unit' : draft.intentions.length === 0 ? 'intentions' : null;
  const submit = () => {
    setTried(true);
    if (missing) return;
    props.onSubmit({
      communityId: draft.community!.id,
      unitId: draft.unitId!,
      skills: draft.skills,
      intentions: draft.intentions as SubmitReportInBody['intentions'],
      ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
    });
  };

  return (
    <div className="vol-form" data-testid="report-in-form">
      <List header={t('reportIn.form.where')} className="ll-list vol-form-list">
        <List.Item
          onClick={() => setPicking(true)}
          extra={draft.community ? <span className="vol-value">{draft.community.name}</span> : <span className="vol-placeholder">{t('reportIn.form.pickCommunity')}</span>}
          description={t('reportIn.form.communityHint')}
          data-testid="pick-community"
        >
          {t('reportIn.form.community')}
        </List.Item>
        <List.Item
          description={me.units.length === 0 ? <span className="vol-warn-text">{t('reportIn.form.noUnit')}</span> : t('reportIn.form.unitHint')}
          extra={me.units.length === 1 ? <span className="vol-value">{me.units[0]!.name}</span> : undefined}
        >
          {t('reportIn.form.unit')}
        </List.Item>
        {me.units.length > 1 && (
          <List.Item>
            <Selector
              columns={1}
              options={me.units.map((u) => ({ label: u.name, value: u.id }))}
              value={draft.unitId ? [draft.unitId] : []}
              onChange={(v) => setDraft((d) => ({ ...d, unitId: v[0] ?? null }))}
              style={{ '--padding': '10px 12px' } as CSSProperties}
            />
          </List.Item>
        )}
      </List>
      {tried && missing === 'community' && <p className="vol-field-error">{t('reportIn.form.needCommunity')}</p>}

      <List header={t('reportIn.form.skills')} className="ll-list vol-form-list">
        <List.Item description={t('reportIn.form.skillsHint')}>
          <div className="vol-tags-input">
            {draft.skills.map((s) => (
              <span key={s} className="vol-chip vol-chip--on vol-chip--tag">
                {s}
                <button type="button" className="vol-chip-x" aria-label={t('reportIn.form.removeSkill', { skill: s })} onClick={() => setDraft((d) => ({ ...d, skills: d.skills.filter((x) => x !== s) }))}>
                  <CloseOutline />
                </button>
              </span>
            ))}
          </div>
          <div className="vol-add-row">
            <Input
              placeholder={t('reportIn.form.skillPlaceholder')}
              value={skill}
              onChange={setSkill}
              onEnterPress={() => addSkill(skill)}
              maxLength={30}
              aria-label={t('reportIn.form.skills')}
              data-testid="skill-input"
            />
            <Button size="small" className="vol-button-sm" onClick={() => addSkill(skill)} disabled={!skill.trim()}>
              {t('reportIn.form.addSkill')}
            </Button>
          </div>
          <div className="vol-chips vol-chips--wrap vol-suggest">
            {SKILL_SUGGESTIONS.map((k) => t(k))
              .filter((s) => !draft.skills.includes(s))
              .map((s) => (
                <button key={s} type="button" className="vol-chip" onClick={() => addSkill(s)}>
                  + {s}
                </button>
              ))}
          </div>
        </List.Item>
      </List>

      <List header={t('reportIn.form.intentions')} className="ll-list vol-form-list">
        <List.Item description={t('reportIn.form.intentionsHint')}>
          <Selector
            multiple
            columns={3}
            options={(teams.data?.items ?? []).map((team) => ({ label: teamLabel(team) ? t(teamLabel(team)!) : team, value: team }))}
            value={draft.intentions}
            onChange={(v) => setDraft((d) => ({ ...d, intentions: v }))}
            className="vol-selector"
            data-testid="intentions"
          />
          {!teams.data && teams.loading && <span className="vol-weak">{t('common.loading')}</span>}
        </List.Item>
      </List>
      {tried && missing === 'intentions' && <p className="vol-field-error">{t('reportIn.form.needIntentions')}</p>}

      <List header={t('reportIn.form.note')} className="ll-list vol-form-list">
        <List.Item>
          <label htmlFor="report-in-note" className="vol-sr-only">
            {t('reportIn.form.note')}
          </label>
          <TextArea id="report-in-note" placeholder={t('reportIn.form.notePlaceholder')} value={draft.note} onChange={(note) => setDraft((d) => ({ ...d, note }))} maxLength={500} rows={2} />
        </List.Item>
      </List>

      <div className="vol-form-footer">
        <Button block color="primary" className="vol-cta" loading={props.busy} disabled={me.units.length === 0} onClick={submit} data-testid="report-in-submit">
          {props.submitText}
        </Button>
      </div>

      <CommunityPicker
        visible={picking}
        title={t('reportIn.form.pickCommunity')}
        value={draft.community?.id}
        onSelect={(c: CommunityChoice) => {
          setDraft((d) => ({ ...d, community: { id: c.id, name: c.name } }));
          setPicking(false);
        }}
        onClose={() => setPicking(false)}
      />
    </div>
  );
}
