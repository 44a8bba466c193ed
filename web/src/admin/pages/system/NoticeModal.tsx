import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { api, call } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { validValues } from '../../hooks/forms.js';
import { useI18n } from '../../i18n.js';

/** Records the State Council notice a year's arrangement comes from (PUT /calendar/years/{year}). */
export function NoticeModal({ open, year, notice, onClose, onSaved }: { open: boolean; year: number; notice: string | null; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ notice: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      setError(null);
      form.setFieldsValue({ notice: notice ?? '' });
    }
  }, [open]);

  const save = async () => {
    const values = await validValues(form);
    if (!values) return;
    const v = values;
    setBusy(true);
    setError(null);
    try {
      await call(api.PUT('/api/v1/calendar/years/{year}', { params: { path: { year } }, body: { notice: v.notice.trim() } }));
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('calendar.noticeTitle', { year })} okText={t('common.save')} onOk={() => void save()} confirmLoading={busy} onCancel={onClose} forceRender width={600}>
      {error != null && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">{t('calendar.noticeHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="notice" label={t('calendar.notice')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { min: 4 }, { max: 200 }]}>
          <Input.TextArea rows={3} placeholder={t('calendar.noticePlaceholder', { year, prev: year - 1 })} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
