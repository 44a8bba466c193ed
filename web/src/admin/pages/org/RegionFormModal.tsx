import { useEffect, useState } from 'react';
import { Alert, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { api, call } from '../../../api/client.js';
import { REGION_KINDS, type Region, type RegionDetail, type RegionKind } from '../../api-types.js';
import { errorText } from '../../hooks/errors.js';
import { validValues } from '../../hooks/forms.js';
import { useI18n } from '../../i18n.js';
import { regionKindLabel } from '../../labels.js';

interface Values {
  kind: RegionKind;
  name: string;
  code: string;
  lat?: number | null;
  lng?: number | null;
}

interface Props {
  /** create = a child of `region`; edit = `region` itself; null = closed. */
  mode: 'create' | 'edit' | null;
  region: RegionDetail;
  onClose(): void;
  onSaved(region: Region): void;
}

export function RegionFormModal({ mode, region, onClose, onSaved }: Props) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const lower = REGION_KINDS.slice(REGION_KINDS.indexOf(region.kind) + 1);

  useEffect(() => {
    if (!mode) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      mode === 'edit'
        ? { kind: region.kind, name: region.name, code: region.code, lat: region.lat, lng: region.lng }
        : { kind: lower[0], name: '', code: '', lat: null, lng: null },
    );
  }, [mode, region.id]);

  const save = async () => {
    const values = await validValues(form);
    if (!values) return;
    const v = values;
    setBusy(true);
    setError(null);
    try {
      const geo = { ...(v.lat != null ? { lat: v.lat } : {}), ...(v.lng != null ? { lng: v.lng } : {}) };
      const saved =
        mode === 'create'
          ? await call(api.POST('/api/v1/regions', { body: { parentId: region.id, kind: v.kind, name: v.name.trim(), code: v.code.trim(), ...geo } }))
          : await call(api.PATCH('/api/v1/regions/{id}', { params: { path: { id: region.id } }, body: { name: v.name.trim(), code: v.code.trim(), lat: v.lat ?? null, lng: v.lng ?? null } }));
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={mode !== null}
      title={mode === 'create' ? t('regions.addChildOf', { name: region.name }) : t('regions.editTitle', { name: region.name })}
      okText={t('common.save')}
      onOk={() => void save()}
      confirmLoading={busy}
      onCancel={onClose}
      forceRender
    >
      {error != null && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="kind" label={t('regions.kind')} rules={[{ required: true }]}>
          <Select disabled={mode === 'edit'} options={(mode === 'edit' ? [region.kind] : lower).map((k) => ({ value: k, label: regionKindLabel(k, locale) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('regions.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100 }]}>
          <Input placeholder={t('regions.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="code" label={t('regions.code')} extra={t('regions.codeHelp')} rules={[{ required: true, message: t('form.required') }, { pattern: /^[0-9A-Za-z-]{2,32}$/, message: t('regions.codeInvalid') }]}>
          <Input />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="lat" label={t('regions.lat')}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="lng" label={t('regions.lng')}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
