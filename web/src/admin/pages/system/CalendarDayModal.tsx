import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, call } from '../../../api/client.js';
import type { CalendarDay } from '../../api-types.js';
import { errorText } from '../../hooks/errors.js';
import { validValues } from '../../hooks/forms.js';
import { useI18n } from '../../i18n.js';

interface Values {
  day: Dayjs;
  kind: CalendarDay['kind'];
  name: string;
}

/** Adds or changes one day of the calendar (PUT /calendar/days/{day}). */
export function CalendarDayModal({ year, day, onClose, onSaved }: { year: number; day: CalendarDay | 'new' | null; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const existing = day && day !== 'new' ? day : null;

  useEffect(() => {
    if (!day) return;
    setError(null);
    form.resetFields();
    if (existing) form.setFieldsValue({ day: dayjs(existing.day), kind: existing.kind, name: existing.name });
    else form.setFieldsValue({ kind: 'holiday' });
  }, [day]);

  const save = async () => {
    const values = await validValues(form);
    if (!values) return;
    const v = values;
    setBusy(true);
    setError(null);
    try {
      await call(api.PUT('/api/v1/calendar/days/{day}', { params: { path: { day: v.day.format('YYYY-MM-DD') } }, body: { kind: v.kind, name: v.name.trim() } }));
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={day !== null} title={existing ? t('calendar.editDay', { day: existing.day }) : t('calendar.addDay')} okText={t('common.save')} onOk={() => void save()} confirmLoading={busy} onCancel={onClose} forceRender>
      {error != null && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="day" label={t('calendar.day')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker disabled={!!existing} style={{ width: '100%' }} disabledDate={(d) => d.year() !== year} defaultPickerValue={dayjs(`${year}-01-01`)} />
        </Form.Item>
        <Form.Item name="kind" label={t('calendar.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'holiday', label: t('calendar.holiday') },
              { value: 'workday', label: t('calendar.workday') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('calendar.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 50 }]}>
          <Input placeholder={t('calendar.namePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
