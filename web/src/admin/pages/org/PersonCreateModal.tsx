import { useState } from 'react';
import { Alert, Button, Col, Form, Input, Modal, Row, Switch } from 'antd';
import { api, call } from '../../../api/client.js';
import { OrgSelect } from '../../components/OrgSelect.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { errorText } from '../../hooks/errors.js';
import { validValues } from '../../hooks/forms.js';
import { useI18n } from '../../i18n.js';
import { PASSWORD_RULE, temporaryPassword } from '../../passwords.js';

interface Values {
  name: string;
  phone: string;
  regionId: string;
  isPartyMember: boolean;
  idCard?: string;
  password?: string;
  unitId?: string;
  position?: string;
}

/** 新增人员: a person with a home region, optionally a unit, an ID number (encrypted) and a first password. */
export function PersonCreateModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(id: string): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const unitId = Form.useWatch('unitId', form);

  const save = async () => {
    const values = await validValues(form);
    if (!values) return;
    const v = values;
    setBusy(true);
    setError(null);
    try {
      const user = await call(
        api.POST('/api/v1/users', {
          body: {
            name: v.name.trim(),
            phone: v.phone.trim(),
            regionId: v.regionId,
            isPartyMember: v.isPartyMember,
            idCard: v.idCard?.trim().toUpperCase() || undefined,
            password: v.password || undefined,
            units: v.unitId ? [{ unitId: v.unitId, position: v.position?.trim() || undefined }] : undefined,
          },
        }),
      );
      form.resetFields();
      onCreated(user.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('people.create')} okText={t('common.save')} onOk={() => void save()} confirmLoading={busy} onCancel={onClose} width={560} forceRender>
      {error != null && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ isPartyMember: false }}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label={t('people.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 50 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label={t('people.phone')} rules={[{ required: true, message: t('form.required') }, { pattern: /^\s*1[3-9]\d{9}\s*$/, message: t('login.phoneInvalid') }]}>
              <Input inputMode="numeric" maxLength={13} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="regionId" label={t('people.region')} extra={t('people.regionHelp')} rules={[{ required: true, message: t('form.required') }]}>
          <RegionTreeSelect />
        </Form.Item>
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="idCard" label={t('people.idCard')} extra={t('people.idCardHelp')} rules={[{ pattern: /^\s*\d{17}[\dXx]\s*$/, message: t('people.idCardInvalid') }]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="isPartyMember" label={t('people.partyMember')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="unitId" label={t('people.unit')}>
              <OrgSelect kind="unit" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="position" label={t('people.position')} rules={[{ max: 50 }]}>
              <Input disabled={!unitId} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('people.initialPassword')} extra={t('people.passwordHelp')}>
          <Row gutter={8} wrap={false}>
            <Col flex="auto">
              <Form.Item name="password" noStyle rules={[{ pattern: PASSWORD_RULE, message: t('people.passwordRule') }]}>
                <Input.Password autoComplete="new-password" visibilityToggle />
              </Form.Item>
            </Col>
            <Col>
              <Button onClick={() => form.setFieldsValue({ password: temporaryPassword() })}>{t('people.generate')}</Button>
            </Col>
          </Row>
        </Form.Item>
      </Form>
    </Modal>
  );
}
