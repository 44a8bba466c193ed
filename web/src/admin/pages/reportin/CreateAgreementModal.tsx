import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, call } from '../../../api/client.js';
import { OrgSelect } from '../../components/OrgSelect.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { formatDate } from '../../format.js';
import { useI18n } from '../../i18n.js';
import type { AgreementDetail } from './types.js';
import { useMyUnits } from './useMyUnits.js';

interface Values {
  unitId: string;
  communityId: string;
  signedOn: Dayjs;
  termMonths: number;
  content: string;
}

/** 单位报到: the unit proposes a co-building agreement to a community, which the community then confirms or declines. */
export function CreateAgreementModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(a: AgreementDetail): void }) {
  const { t } = useI18n();
  const mine = useMyUnits();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const unitId = Form.useWatch('unitId', form);
  const communityId = Form.useWatch('communityId', form);
  // An agreement of the same pair still in force: this proposal renews it (the community's confirmation ends the old one).
  const current = useLoad(open && unitId && communityId ? `${unitId}:${communityId}` : null, () =>
    call(api.GET('/api/v1/co-building/agreements', { params: { query: { unitId, communityId, status: 'active', limit: 1 } } })).then((p) => p.items[0] ?? null),
  );

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ unitId: mine[0]?.id, signedOn: dayjs(), termMonths: 36 });
  }, [open]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const body = { unitId: v.unitId, communityId: v.communityId, signedOn: v.signedOn.format('YYYY-MM-DD'), termMonths: v.termMonths, content: v.content.trim() };
      onCreated(await call(api.POST('/api/v1/co-building/agreements', { body })));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('cobuild.create')} okText={t('cobuild.submit')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} width={600} forceRender>
      {error != null && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 12 }} />}
      {current.data && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cobuild.renewalHint', { end: formatDate(current.data.endsOn) })} />}
      <Form form={form} name="agreementCreate" layout="vertical" requiredMark="optional">
        <Form.Item name="unitId" label={t('cobuild.unit')} rules={[{ required: true, message: t('form.required') }]}>
          {mine.length > 0 ? <Select options={mine.map((u) => ({ value: u.id, label: u.name }))} /> : <OrgSelect kind="unit" />}
        </Form.Item>
        <Form.Item name="communityId" label={t('cobuild.community')} extra={t('cobuild.communityHelp')} rules={[{ required: true, message: t('form.required') }]}>
          <RegionTreeSelect selectableKinds={['community']} placeholder={t('filter.community')} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="signedOn" label={t('cobuild.signedOn')} rules={[{ required: true, message: t('form.required') }]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="termMonths" label={t('cobuild.termMonths')} rules={[{ required: true, message: t('form.required') }]} style={{ flex: 1 }}>
            <InputNumber min={1} max={120} precision={0} style={{ width: '100%' }} suffix={t('cobuild.months')} />
          </Form.Item>
        </div>
        <Form.Item name="content" label={t('cobuild.content')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 5000 }]}>
          <Input.TextArea rows={5} showCount maxLength={5000} placeholder={t('cobuild.contentPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
