import { useEffect, useState } from 'react';
import { Alert, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, call } from '../../../api/client.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useI18n, type MsgKey } from '../../i18n.js';
import { useMe } from '../../session.js';
import { UnitsSelect } from './UnitsSelect.js';
import { CATEGORIES, ELIGIBILITY_KINDS, type Category, type CreateServiceItemBody, type Eligibility, type ServiceItem } from './types.js';

interface Values {
  communityId: string;
  title: string;
  category: Category;
  description?: string;
  window: [Dayjs, Dayjs];
  placeName: string;
  lat: number;
  lng: number;
  checkinRadiusM: number;
  capacity: number;
  eligibilityKind: Eligibility['kind'];
  unitIds?: string[];
  skills?: string[];
  plannedMinutes?: number | null;
  pointsPerHour?: number | null;
  cancelDeadlineMinutes: number;
}

interface Props {
  open: boolean;
  /** The draft being edited; absent to create one. */
  item?: ServiceItem;
  onClose(): void;
  onSaved(item: ServiceItem): void;
}

/** Creates or edits a draft service item (发布前可修改; published items are fixed for those who claimed them). */
export function ServiceItemForm({ open, item, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const communityId = Form.useWatch('communityId', form);
  const eligibilityKind = Form.useWatch('eligibilityKind', form);
  const rules = useLoad(open ? 'rules' : null, () => call(api.GET('/api/v1/points/rules')).then((r) => r.items));
  const serviceRule = rules.data?.find((r) => r.code === 'service.certified' && r.inForce);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (item) {
      form.setFieldsValue({
        communityId: item.communityId,
        title: item.title,
        category: item.category,
        description: item.description,
        window: [dayjs(item.startsAt), dayjs(item.endsAt)],
        placeName: item.placeName,
        lat: item.lat,
        lng: item.lng,
        checkinRadiusM: item.checkinRadiusM,
        capacity: item.capacity,
        eligibilityKind: item.eligibility.kind,
        unitIds: item.eligibility.unitIds,
        skills: item.eligibility.skills,
        plannedMinutes: item.plannedMinutes,
        pointsPerHour: item.pointsPerHour,
        cancelDeadlineMinutes: item.cancelDeadlineMinutes,
      });
    } else {
      const home = me.roles.find((r) => r.role === 'community_secretary' && r.regionId)?.regionId ?? undefined;
      const start = dayjs().add(2, 'day').hour(9).minute(0).second(0).millisecond(0);
      form.setFieldsValue({ communityId: home, category: '社区治理', window: [start, start.add(3, 'hour')], checkinRadiusM: 300, capacity: 20, eligibilityKind: 'all', cancelDeadlineMinutes: 120 });
    }
  }, [open, item?.id]);

  // A new item's place starts at the community's coordinates; the worker moves it to the real spot.
  useEffect(() => {
    if (!open || item || !communityId) return;
    call(api.GET('/api/v1/regions/{id}', { params: { path: { id: communityId } } }))
      .then((r) => {
        if (r.lat != null && r.lng != null && form.getFieldValue('lat') == null) form.setFieldsValue({ lat: +r.lat.toFixed(6), lng: +r.lng.toFixed(6) });
        if (!form.getFieldValue('placeName')) form.setFieldValue('placeName', r.name);
      })
      .catch(() => undefined);
  }, [open, communityId]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const eligibility: Eligibility =
        v.eligibilityKind === 'units' ? { kind: 'units', unitIds: v.unitIds ?? [] } : v.eligibilityKind === 'skills' ? { kind: 'skills', skills: v.skills ?? [] } : { kind: v.eligibilityKind };
      const fields = {
        title: v.title.trim(),
        category: v.category,
        description: v.description?.trim() ?? '',
        startsAt: v.window[0].second(0).millisecond(0).toISOString(),
        endsAt: v.window[1].second(0).millisecond(0).toISOString(),
        placeName: v.placeName.trim(),
        lat: v.lat,
        lng: v.lng,
        checkinRadiusM: v.checkinRadiusM,
        capacity: v.capacity,
        eligibility,
        ...(v.plannedMinutes ? { plannedMinutes: v.plannedMinutes } : {}),
        pointsPerHour: v.pointsPerHour ?? null,
        cancelDeadlineMinutes: v.cancelDeadlineMinutes,
      } satisfies Omit<CreateServiceItemBody, 'communityId'>;
      const saved = item
        ? await call(api.PATCH('/api/v1/service-items/{id}', { params: { path: { id: item.id } }, body: fields }))
        : await call(api.POST('/api/v1/service-items', { body: { communityId: v.communityId, ...fields } }));
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, message: t('form.required') };
  return (
    <Modal open={open} title={item ? t('vol.form.editTitle', { title: item.title }) : t('vol.form.createTitle')} okText={t('vol.form.saveDraft')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} width={760} forceRender>
      <Typography.Paragraph type="secondary">{t('vol.form.draftNote')}</Typography.Paragraph>
      {error != null && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 12 }} />}
      <Form form={form} name={item ? 'serviceItemEdit' : 'serviceItemCreate'} layout="vertical" requiredMark="optional">
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="communityId" label={t('vol.community')} rules={[required]}>
              <RegionTreeSelect selectableKinds={['community']} placeholder={t('filter.community')} allowClear={false} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="category" label={t('vol.category')} rules={[required]}>
              <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`vol.cat.${c}` as MsgKey) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label={t('vol.title')} rules={[required, { whitespace: true, message: t('form.required') }, { max: 100 }]}>
          <Input placeholder={t('vol.form.titlePlaceholder')} data-testid="item-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t('vol.description')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={3} showCount maxLength={5000} placeholder={t('vol.form.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item name="window" label={t('vol.window')} rules={[required]} extra={t('vol.form.windowHelp')}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="placeName" label={t('vol.place')} rules={[required, { whitespace: true, message: t('form.required') }, { max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="lat" label={t('regions.lat')} rules={[required]} tooltip={t('vol.form.wgs84')}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="lng" label={t('regions.lng')} rules={[required]} tooltip={t('vol.form.wgs84')}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="capacity" label={t('vol.capacity')} rules={[required]}>
              <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} suffix={t('vol.people')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="checkinRadiusM" label={t('vol.radius')} rules={[required]}>
              <InputNumber min={10} max={10000} precision={0} style={{ width: '100%' }} suffix={t('vol.metres')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="cancelDeadlineMinutes" label={t('vol.cancelDeadline')} rules={[required]} tooltip={t('vol.form.cancelDeadlineHelp')}>
              <InputNumber min={0} max={10080} precision={0} style={{ width: '100%' }} suffix={t('vol.minutes')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="eligibilityKind" label={t('vol.eligibility')} rules={[required]}>
          <Radio.Group optionType="button" options={ELIGIBILITY_KINDS.map((k) => ({ value: k, label: t(`vol.elig.${k}` as MsgKey) }))} />
        </Form.Item>
        {eligibilityKind === 'units' && (
          <Form.Item name="unitIds" label={t('vol.elig.unitsLabel')} rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}>
            <UnitsSelect />
          </Form.Item>
        )}
        {eligibilityKind === 'skills' && (
          <Form.Item name="skills" label={t('vol.elig.skillsLabel')} extra={t('vol.elig.skillsHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}>
            <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} placeholder={t('vol.elig.skillsPlaceholder')} />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="plannedMinutes" label={t('vol.plannedMinutes')} extra={t('vol.form.plannedHelp')}>
              <InputNumber min={1} max={1440} precision={0} style={{ width: '100%' }} suffix={t('vol.minutes')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="pointsPerHour"
              label={t('vol.pointsPerHour')}
              extra={serviceRule ? t('vol.form.ruleInForce', { name: serviceRule.name, version: serviceRule.version, points: serviceRule.pointsPerHour, cap: serviceRule.capPerDay ?? '—' }) : t('vol.form.ruleDefault')}
            >
              <InputNumber min={0} max={1000} step={0.5} style={{ width: '100%' }} placeholder={t('vol.form.byRule')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
