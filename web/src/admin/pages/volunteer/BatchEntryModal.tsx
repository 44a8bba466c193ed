import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, call } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { useI18n } from '../../i18n.js';
import { PersonPicker, type Person } from './PersonPicker.js';
import type { Roster, ServiceItem } from './types.js';

interface Entry {
  userId?: string;
  window?: [Dayjs, Dayjs];
}

interface Props {
  open: boolean;
  item: ServiceItem;
  roster: Roster | undefined;
  onClose(): void;
  onDone(n: number): void;
}

/** The default times of an entry: the item's window, ending no later than now (future times are refused). */
function defaultWindow(item: ServiceItem): [Dayjs, Dayjs] {
  const end = dayjs(item.endsAt).isAfter(dayjs()) ? dayjs().second(0).millisecond(0) : dayjs(item.endsAt);
  const start = dayjs(item.startsAt).isBefore(end) ? dayjs(item.startsAt) : end.subtract(1, 'hour');
  return [start, end];
}

/**
 * 团体录入: the worker enters several people's service from a paper sheet at once — each with check-in and check-out
 * times; all are written as pending (to certify) or none (the server names who already has a record).
 */
export function BatchEntryModal({ open, item, roster, onClose, onDone }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ entries: Entry[]; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const known: Person[] = (roster?.entries ?? []).map((e) => ({ id: e.userId, name: e.name, phone: e.phone }));
  // People who claimed a place and have no record yet: the usual content of a sign-in sheet.
  const rows = Form.useWatch('entries', form) as Entry[] | undefined;
  const listed = new Set((rows ?? []).map((e) => e?.userId).filter(Boolean));
  const unrecorded = (roster?.entries ?? []).filter((e) => !e.record && e.claim && (e.claim.status === 'claimed' || e.claim.status === 'no_show'));
  const toAdd = unrecorded.filter((e) => !listed.has(e.userId));

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ entries: [{ window: defaultWindow(item) }] });
  }, [open]);

  const fillFromRoster = () => {
    const current = (form.getFieldValue('entries') as Entry[]).filter((e) => e.userId);
    const have = new Set(current.map((e) => e.userId));
    form.setFieldValue('entries', [...current, ...unrecorded.filter((e) => !have.has(e.userId)).map((e) => ({ userId: e.userId, window: defaultWindow(item) }))]);
  };

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const entries = v.entries.map((e) => ({ userId: e.userId!, checkInAt: e.window![0].second(0).toISOString(), checkOutAt: e.window![1].second(0).toISOString() }));
      const { items } = await call(api.POST('/api/v1/service-items/{id}/records/batch', { params: { path: { id: item.id } }, body: { entries, ...(v.note?.trim() ? { note: v.note.trim() } : {}) } }));
      onDone(items.length);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('vol.entry.batchTitle', { title: item.title })} okText={t('vol.entry.submitBatch')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} width={820} forceRender>
      <Typography.Paragraph type="secondary">{t('vol.entry.batchBody')}</Typography.Paragraph>
      {error != null && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 12 }} />}
      <Form form={form} name="batchEntry" layout="vertical">
        <Form.List name="entries" rules={[{ validator: async (_, v: Entry[]) => (v?.length ? undefined : Promise.reject(new Error(t('vol.entry.atLeastOne')))) }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="start" style={{ display: 'flex', marginBottom: 4 }}>
                  <Typography.Text type="secondary" style={{ display: 'inline-block', width: 24, lineHeight: '32px' }}>
                    {index + 1}.
                  </Typography.Text>
                  <Form.Item name={[field.name, 'userId']} rules={[{ required: true, message: t('vol.entry.pickPerson') }]} style={{ marginBottom: 8 }}>
                    <PersonPicker known={known} style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'window']} rules={[{ required: true, message: t('form.required') }]} style={{ marginBottom: 8 }}>
                    <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="MM-DD HH:mm" placeholder={[t('vol.checkIn'), t('vol.checkOut')]} style={{ width: 360 }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} disabled={fields.length === 1} aria-label={t('common.delete')} />
                </Space>
              ))}
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add({ window: defaultWindow(item) })} disabled={fields.length >= 500}>
                  {t('vol.entry.addRow')}
                </Button>
                {toAdd.length > 0 && (
                  <Button icon={<UsergroupAddOutlined />} onClick={fillFromRoster}>
                    {t('vol.entry.fillFromRoster', { n: toAdd.length })}
                  </Button>
                )}
              </Space>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('vol.entry.note')} style={{ marginTop: 16 }} rules={[{ max: 500 }]}>
          <Input placeholder={t('vol.entry.notePlaceholder')} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
