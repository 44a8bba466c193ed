import { Button, Input, List, Selector, Stepper, TextArea, Toast } from 'antd-mobile';
import { useMemo, useState, type CSSProperties } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../../../api/client.js';
import { useT, type MessageKey } from '../../../../i18n/index.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { errorMessage } from '../../../lib/errors.js';
import { useCurrentGrant } from '../../../lib/session.js';
import { CATEGORIES, type Category, type CreateItemBody } from '../api.js';
import { SendOutline } from '../components/icons.js';
import { useAction } from '../lib/action.js';
import { geoErrorText, getPosition } from '../lib/geo.js';
import { fromLocalInput, toLocalInput } from '../lib/time.js';
import '../volunteer.css';

type Kind = 'all' | 'party_members' | 'skills';
const RADII = [100, 300, 500, 1000];
const DEADLINES: Array<{ minutes: number; label: MessageKey }> = [
  { minutes: 0, label: 'publish.deadline.none' },
  { minutes: 60, label: 'publish.deadline.1h' },
  { minutes: 120, label: 'publish.deadline.2h' },
  { minutes: 1440, label: 'publish.deadline.1d' },
];

/** The next half hour at least 15 minutes away: a sensible default start. */
function defaultStart(now = Date.now()): Date {
  const half = 30 * 60_000;
  return new Date(Math.ceil((now + 15 * 60_000) / half) * half);
}

interface Place {
  lat: number;
  lng: number;
  accuracy: number | null;
  source: 'device' | 'community';
}

/**
 * 发布服务 (community workers): what, when, where — the place's coordinates from "use my location" on site, or the
 * community's centre as a fallback — check-in radius, places, who may claim, points per hour and the cancellation
 * deadline. 保存草稿 creates a draft; 发布 creates and publishes (a failed publish keeps the draft and retries it).
 */
export default function PublishScreen() {
  const t = useT();
  const navigate = useNavigate();
  const { grant, grants } = useCurrentGrant();
  const community = useMemo(() => {
    const g = grant?.role === 'community_secretary' ? grant : grants.find((x) => x.role === 'community_secretary');
    return g?.regionId ? { id: g.regionId, name: g.scopeName } : null;
  }, [grant, grants]);
  const { run, pending } = useAction();

  const start0 = useMemo(() => defaultStart(), []);
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<Category | null>(null);
  const [description, setDescription] = useState('');
  const [startsAt, setStartsAt] = useState(toLocalInput(start0));
  const [endsAt, setEndsAt] = useState(toLocalInput(new Date(start0.getTime() + 2 * 3_600_000)));
  const [placeName, setPlaceName] = useState('');
  const [place, setPlace] = useState<Place | null>(null);
  const [locating, setLocating] = useState(false);
  const [geoProblem, setGeoProblem] = useState<string | null>(null);
  const [radius, setRadius] = useState(300);
  const [capacity, setCapacity] = useState(10);
  const [kind, setKind] = useState<Kind>('all');
  const [skills, setSkills] = useState('');
  const [points, setPoints] = useState('');
  const [deadline, setDeadline] = useState(120);
  const [tried, setTried] = useState(false);
  const [draftId, setDraftId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const locateHere = async () => {
    setLocating(true);
    setGeoProblem(null);
    try {
      const p = await getPosition({ timeoutMs: 15_000, maxAgeMs: 0 });
      setPlace({ lat: p.lat, lng: p.lng, accuracy: p.accuracy, source: 'device' });
    } catch (error) {
      setGeoProblem(geoErrorText(t, error));
    } finally {
      setLocating(false);
    }
  };

  const takeCommunityCentre = async () => {
    if (!community) return;
    try {
      const r = await call(api.GET('/api/v1/regions/{id}', { params: { path: { id: community.id } } }));
      if (r.lat === null || r.lng === null) return setGeoProblem(t('publish.place.noCentre'));
      setPlace({ lat: r.lat, lng: r.lng, accuracy: null, source: 'community' });
      setGeoProblem(null);
    } catch (error) {
      setGeoProblem(errorMessage(error));
    }
  };

  const start = fromLocalInput(startsAt);
  const end = fromLocalInput(endsAt);
  const skillList = skills.split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean);
  const pointsValue = points.trim() === '' ? null : Number(points);
  const errors: Partial<Record<'title' | 'category' | 'time' | 'placeName' | 'place' | 'skills' | 'points', MessageKey>> = {};
  if (!title.trim()) errors.title = 'publish.error.title';
  if (!category) errors.category = 'publish.error.category';
  if (!start || !end) errors.time = 'publish.error.time';
  else if (end <= start) errors.time = 'publish.error.endBeforeStart';
  else if (start.getTime() <= Date.now()) errors.time = 'publish.error.startPassed';
  if (!placeName.trim()) errors.placeName = 'publish.error.placeName';
  if (!place) errors.place = 'publish.error.place';
  if (kind === 'skills' && skillList.length === 0) errors.skills = 'publish.error.skills';
  if (pointsValue !== null && !(pointsValue >= 0 && pointsValue <= 1000)) errors.points = 'publish.error.points';
  const err = (k: keyof typeof errors) => (tried && errors[k] ? <p className="vol-field-error">{t(errors[k]!)}</p> : null);

  const save = async (andPublish: boolean) => {
    setTried(true);
    setProblem(null);
    if (!community || Object.keys(errors).length > 0) {
      Toast.show({ content: t('publish.error.fix') });
      return;
    }
    const body: CreateItemBody = {
      communityId: community.id,
      title: title.trim(),
      category: category!,
      ...(description.trim() ? { description: description.trim() } : {}),
      startsAt: start!.toISOString(),
      endsAt: end!.toISOString(),
      placeName: placeName.trim(),
      lat: Number(place!.lat.toFixed(6)),
      lng: Number(place!.lng.toFixed(6)),
      checkinRadiusM: radius,
      capacity,
      eligibility: kind === 'skills' ? { kind, skills: skillList } : { kind },
      pointsPerHour: pointsValue,
      cancelDeadlineMinutes: deadline,
    };
    try {
      let id = draftId;
      if (!id) {
        id = (await run('create', body, (headers) => call(api.POST('/api/v1/service-items', { body, headers })))).id;
        setDraftId(id);
      }
      if (andPublish) {
        const itemId = id;
        await run(`publish:${itemId}`, null, (headers) => call(api.POST('/api/v1/service-items/{id}/publish', { params: { path: { id: itemId } }, headers })));
      }
      Toast.show({ icon: 'success', content: andPublish ? t('vol.publish.done') : t('publish.saved') });
      navigate(`/services/${id}`, { replace: true });
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };

  if (!community) {
    return (
      <main>
        <PageHeader title={t('publish.title')} back parent="/services" />
        <div className="ll-card ll-empty">
          <SendOutline className="ll-empty-icon" />
          <div className="ll-empty-title">{t('publish.notWorker')}</div>
          <div className="ll-empty-hint">{t('publish.notWorkerHint')}</div>
        </div>
      </main>
    );
  }

  return (
    <main data-testid="publish" className="vol-with-bar">
      <PageHeader title={t('publish.title')} back parent="/services" />
      <p className="ll-note ll-note--info">{t('publish.intro', { community: community.name })}</p>

      <List header={t('publish.section.what')} className="ll-list vol-form-list">
        <List.Item title={<label htmlFor="pub-title">{t('publish.field.title')}</label>}>
          <Input id="pub-title" placeholder={t('publish.field.titlePlaceholder')} value={title} onChange={setTitle} maxLength={100} clearable aria-label={t('publish.field.title')} data-testid="title" />
        </List.Item>
        <List.Item title={t('publish.field.category')}>
          <div className="vol-chips vol-chips--wrap" role="radiogroup" aria-label={t('publish.field.category')}>
            {CATEGORIES.map((c) => (
              <button key={c.value} type="button" role="radio" aria-checked={category === c.value} className={category === c.value ? 'vol-chip vol-chip--on' : 'vol-chip'} onClick={() => setCategory(c.value)}>
                {t(c.label)}
              </button>
            ))}
          </div>
        </List.Item>
        <List.Item title={<label htmlFor="pub-desc">{t('publish.field.description')}</label>}>
          <TextArea id="pub-desc" placeholder={t('publish.field.descriptionPlaceholder')} value={description} onChange={setDescription} maxLength={5000} rows={3} autoSize={{ minRows: 3, maxRows: 8 }} />
        </List.Item>
      </List>
      {err('title')}
      {err('category')}

      <List header={t('publish.section.when')} className="ll-list vol-form-list">
        <List.Item title={t('publish.field.start')}>
          <input type="datetime-local" className="vol-datetime" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} aria-label={t('publish.field.start')} data-testid="starts-at" />
        </List.Item>
        <List.Item title={t('publish.field.end')}>
          <input type="datetime-local" className="vol-datetime" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} aria-label={t('publish.field.end')} data-testid="ends-at" />
        </List.Item>
      </List>
      {err('time')}

      <List header={t('publish.section.where')} className="ll-list vol-form-list">
        <List.Item title={<label htmlFor="pub-place">{t('publish.field.placeName')}</label>}>
          <Input id="pub-place" placeholder={t('publish.field.placeNamePlaceholder')} value={placeName} onChange={setPlaceName} maxLength={200} clearable aria-label={t('publish.field.placeName')} data-testid="place-name" />
        </List.Item>
        <List.Item title={t('publish.field.coordinates')} description={t('publish.place.hint')}>
          {place ? (
            <p className="vol-coords" data-testid="coords">
              {place.lat.toFixed(5)}, {place.lng.toFixed(5)}
              <span className="vol-weak vol-block">
                {place.source === 'device' ? t('publish.place.fromDevice', { n: Math.max(1, Math.round(place.accuracy ?? 0)) }) : t('publish.place.fromCommunity')}
              </span>
            </p>
          ) : (
            <p className="vol-placeholder">{t('publish.place.none')}</p>
          )}
          <div className="vol-button-row">
            <Button color="primary" fill="outline" className="vol-button" loading={locating} onClick={() => void locateHere()} data-testid="use-location">
              {t('publish.place.useMine')}
            </Button>
            <Button fill="outline" className="vol-button" onClick={() => void takeCommunityCentre()}>
              {t('publish.place.useCommunity')}
            </Button>
          </div>
          {geoProblem && <p className="vol-warn-text">{geoProblem}</p>}
        </List.Item>
        <List.Item title={t('publish.field.radius')}>
          <Selector columns={4} className="vol-selector" options={RADII.map((r) => ({ label: t('vol.distance.m', { n: r }), value: r }))} value={[radius]} onChange={(v) => v[0] && setRadius(v[0])} />
        </List.Item>
      </List>
      {err('placeName')}
      {err('place')}

      <List header={t('publish.section.who')} className="ll-list vol-form-list">
        <List.Item title={t('publish.field.capacity')} extra={<Stepper min={1} max={1000} value={capacity} onChange={(v) => setCapacity(v || 1)} style={{ '--height': '44px', '--input-width': '56px', '--button-width': '44px' } as CSSProperties} aria-label={t('publish.field.capacity')} data-testid="capacity" />}>
          <span className="vol-weak">{t('publish.field.capacityHint')}</span>
        </List.Item>
        <List.Item title={t('publish.field.eligibility')}>
          <Selector
            columns={3}
            className="vol-selector"
            options={[
              { label: t('publish.eligibility.all'), value: 'all' },
              { label: t('publish.eligibility.party'), value: 'party_members' },
              { label: t('publish.eligibility.skills'), value: 'skills' },
            ]}
            value={[kind]}
            onChange={(v) => v[0] && setKind(v[0] as Kind)}
          />
          {kind === 'skills' && <Input className="vol-inline-input" placeholder={t('publish.eligibility.skillsPlaceholder')} value={skills} onChange={setSkills} aria-label={t('publish.eligibility.skills')} />}
        </List.Item>
      </List>
      {err('skills')}

      <List header={t('publish.section.rules')} className="ll-list vol-form-list">
        <List.Item title={<label htmlFor="pub-points">{t('publish.field.points')}</label>} description={t('publish.field.pointsHint')}>
          <Input id="pub-points" type="number" inputMode="decimal" min={0} max={1000} placeholder={t('publish.field.pointsPlaceholder')} value={points} onChange={setPoints} aria-label={t('publish.field.points')} data-testid="points" />
        </List.Item>
        <List.Item title={t('publish.field.deadline')}>
          <Selector columns={2} className="vol-selector" options={DEADLINES.map((d) => ({ label: t(d.label), value: d.minutes }))} value={[deadline]} onChange={(v) => v[0] !== undefined && setDeadline(v[0])} />
        </List.Item>
      </List>
      {err('points')}

      {problem && (
        <p className="ll-note vol-alert" role="alert" data-testid="publish-problem">
          {problem}
          {draftId && <span className="vol-block">{t('publish.draftKept')}</span>}
        </p>
      )}

      <div className="vol-actionbar vol-actionbar--two">
        <Button className="vol-cta vol-cta--secondary" loading={pending === 'create' && !draftId} disabled={!!draftId || pending !== null} onClick={() => void save(false)} data-testid="save-draft">
          {t('publish.saveDraft')}
        </Button>
        <Button color="primary" className="vol-cta" loading={pending !== null} onClick={() => void save(true)} data-testid="publish-submit">
          {t('vol.publish.submit')}
        </Button>
      </div>
    </main>
  );
}
