import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Space, Switch, Typography } from 'antd';
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { api, call } from '../../../api/client.js';
import type { UserDetail } from '../../api-types.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { errorText } from '../../hooks/errors.js';
import { useI18n } from '../../i18n.js';
import { formatTime } from '../../format.js';

interface Pii {
  phone: string;
  idCard: string | null;
}

/** The person's fields, masked; the full phone and ID number only on an explicit, audited request. */
export function PersonInfo({ user, onSaved }: { user: UserDetail; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [pii, setPii] = useState<Pii | null>(null);
  const [reading, setReading] = useState(false);
  const [editing, setEditing] = useState(false);

  const readPii = async () => {
    setReading(true);
    try {
      setPii(await call(api.GET('/api/v1/users/{id}/pii', { params: { path: { id: user.id } } })));
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setReading(false);
    }
  };

  if (editing) return <PersonEditForm user={user} onDone={(saved) => (setEditing(false), saved && onSaved())} />;

  return (
    <>
      {pii && <Alert type="warning" showIcon title={t('people.piiShown')} style={{ marginBottom: 12 }} action={<Button size="small" onClick={() => setPii(null)}>{t('people.hidePii')}</Button>} />}
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { width: 150 } }}
        items={[
          { key: 'phone', label: t('people.phone'), children: <span data-testid="person-phone">{pii?.phone ?? user.phone}</span> },
          { key: 'idCard', label: t('people.idCard'), children: (pii ? pii.idCard : user.idCard) ?? '—' },
          { key: 'region', label: t('people.region'), children: user.regionName ?? '—' },
          { key: 'party', label: t('people.partyMember'), children: user.isPartyMember ? t('common.yes') : t('common.no') },
          { key: 'created', label: t('common.createdAt'), children: formatTime(user.createdAt) },
          { key: 'updated', label: t('common.updatedAt'), children: formatTime(user.updatedAt) },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        {user.canEdit && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        )}
        {user.canReadPii && !pii && (
          <Button icon={<EyeOutlined />} loading={reading} onClick={() => void readPii()}>
            {t('people.showPii')}
          </Button>
        )}
      </Space>
      {user.canReadPii && !pii && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
          {t('people.piiNote')}
        </Typography.Paragraph>
      )}
    </>
  );
}

interface EditValues {
  name: string;
  regionId: string;
  isPartyMember: boolean;
  idCard?: string;
}

function PersonEditForm({ user, onDone }: { user: UserDetail; onDone(saved: boolean): void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const save = async (v: EditValues) => {
    setBusy(true);
    setError(null);
    const idCard = v.idCard?.trim().toUpperCase();
    try {
      await call(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          body: { name: v.name.trim(), regionId: v.regionId, isPartyMember: v.isPartyMember, ...(idCard ? { idCard } : {}) },
        }),
      );
      onDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" requiredMark="optional" initialValues={{ name: user.name, regionId: user.regionId ?? undefined, isPartyMember: user.isPartyMember }} onFinish={(v: EditValues) => void save(v)} disabled={busy}>
      {error != null && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 16 }} />}
      <Form.Item name="name" label={t('people.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 50 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="regionId" label={t('people.region')} rules={[{ required: true, message: t('form.required') }]}>
        <RegionTreeSelect allowClear={false} />
      </Form.Item>
      <Form.Item name="isPartyMember" label={t('people.partyMember')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="idCard" label={t('people.idCard')} extra={t('people.idCardKeep')} rules={[{ pattern: /^\s*\d{17}[\dXx]\s*$/, message: t('people.idCardInvalid') }]}>
        <Input maxLength={20} placeholder={user.idCard ?? ''} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.save')}
        </Button>
        <Button onClick={() => onDone(false)}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
