import { useEffect, useState } from 'react';
import { Alert, AutoComplete, Button, Col, Form, Input, Row, Select, Space } from 'antd';
import { api, call } from '../../../api/client.js';
import type { OrganisationDetail, OrgKind } from '../../api-types.js';
import { OrgSelect } from '../../components/OrgSelect.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { errorText } from '../../hooks/errors.js';
import { useI18n } from '../../i18n.js';
import { ORG_KINDS, orgKindLabel } from '../../labels.js';

const SUBTYPES: Record<OrgKind, string[]> = {
  party_org: ['党工委', '大党委', '党委', '党总支', '党支部'],
  unit: ['机关', '企业', '事业单位', '高校', '物业', '社会组织'],
  department: ['城管', '住建', '交通', '市场监管', '生态环境', '公安', '水务'],
};

interface Values {
  kind: OrgKind;
  subtype?: string;
  name: string;
  code?: string;
  regionId: string;
  parentId?: string;
  contactName?: string;
  contactPhone?: string;
}

/** Creates an organisation (no `org`) or edits one. */
export function OrganisationForm({ org, onSaved, onCancel }: { org?: OrganisationDetail; onSaved(org: OrganisationDetail): void; onCancel(): void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form) ?? org?.kind ?? 'unit';

  useEffect(() => {
    form.setFieldsValue(
      org
        ? { kind: org.kind, subtype: org.subtype ?? undefined, name: org.name, code: org.code ?? undefined, regionId: org.regionId, contactName: org.contactName ?? undefined, contactPhone: org.contactPhone ?? undefined }
        : { kind: 'unit' },
    );
  }, [org?.id]);

  const save = async (v: Values) => {
    setBusy(true);
    setError(null);
    const text = (s?: string) => s?.trim() || undefined;
    try {
      const saved = org
        ? await call(
            api.PATCH('/api/v1/organisations/{id}', {
              params: { path: { id: org.id } },
              body: { name: v.name.trim(), subtype: text(v.subtype) ?? null, code: text(v.code) ?? null, regionId: v.regionId, contactName: text(v.contactName) ?? null, contactPhone: text(v.contactPhone) ?? null },
            }),
          )
        : await call(
            api.POST('/api/v1/organisations', {
              body: { kind: v.kind, name: v.name.trim(), subtype: text(v.subtype), code: text(v.code), regionId: v.regionId, parentId: v.parentId, contactName: text(v.contactName), contactPhone: text(v.contactPhone) },
            }),
          );
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" requiredMark="optional" onFinish={(v: Values) => void save(v)} disabled={busy}>
      {error != null && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 16 }} />}
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="kind" label={t('orgs.kind')} rules={[{ required: true }]}>
            <Select disabled={!!org} options={ORG_KINDS.map((k) => ({ value: k, label: orgKindLabel(k, locale) }))} onChange={() => form.setFieldsValue({ subtype: undefined, parentId: undefined })} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="subtype" label={t('orgs.subtype')} rules={[{ max: 30 }]}>
            <AutoComplete options={SUBTYPES[kind].map((s) => ({ value: s }))} placeholder={SUBTYPES[kind].slice(0, 3).join(' / ')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="code" label={t('orgs.code')} extra={t('orgs.codeHelp')} rules={[{ pattern: /^[0-9A-Za-z-]{2,32}$/, message: t('regions.codeInvalid') }]}>
        <Input />
      </Form.Item>
      <Form.Item name="regionId" label={t('orgs.region')} rules={[{ required: true, message: t('form.required') }]}>
        <RegionTreeSelect />
      </Form.Item>
      {!org && (
        <Form.Item name="parentId" label={t('orgs.parent')} extra={t('orgs.parentHelp')}>
          <OrgSelect kind={kind} />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="contactName" label={t('orgs.contactName')} rules={[{ max: 50 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="contactPhone" label={t('orgs.contactPhone')} rules={[{ pattern: /^[0-9+() -]{5,20}$/, message: t('orgs.phoneInvalid') }]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
