import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Typography, Upload, type UploadFile } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiFailure, call, type ApiError } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { useI18n } from '../../i18n.js';
import { PersonPicker, type Person } from './PersonPicker.js';
import type { Roster, ServiceItem, UploadedFile } from './types.js';

interface Values {
  userId: string;
  window: [Dayjs, Dayjs];
  reason: string;
}

/** Uploads one evidence file (POST /files, multipart); the server checks its type by its bytes and keeps EXIF time and place. */
async function uploadEvidence(file: File, locale: string): Promise<UploadedFile> {
  const body = new FormData();
  body.append('files', file, file.name);
  const res = await fetch('/api/v1/files', { method: 'POST', body, credentials: 'same-origin', headers: { 'accept-language': locale, 'idempotency-key': crypto.randomUUID() } });
  const json = (await res.json().catch(() => null)) as { items?: UploadedFile[]; error?: ApiError } | null;
  if (!res.ok || !json?.items?.[0]) throw new ApiFailure(res.status, json?.error ?? { code: 'INTERNAL', message: `HTTP ${res.status}` });
  return json.items[0];
}

interface Props {
  open: boolean;
  item: ServiceItem;
  roster: Roster | undefined;
  onClose(): void;
  onDone(): void;
}

/** 补录: one person's service recorded after the fact, with a reason and evidence (photos of the sheet or the scene). */
export function RetroEntryModal({ open, item, roster, onClose, onDone }: Props) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile<UploadedFile>[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const known: Person[] = (roster?.entries ?? []).filter((e) => !e.record).map((e) => ({ id: e.userId, name: e.name, phone: e.phone }));

  useEffect(() => {
    if (!open) return;
    setError(null);
    setFiles([]);
    form.resetFields();
    const end = dayjs(item.endsAt).isAfter(dayjs()) ? dayjs().second(0) : dayjs(item.endsAt);
    form.setFieldsValue({ window: [dayjs(item.startsAt).isBefore(end) ? dayjs(item.startsAt) : end.subtract(1, 'hour'), end] });
  }, [open]);

  const uploaded = files.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id);
  const uploading = files.some((f) => f.status === 'uploading');

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (uploaded.length === 0) return setError(new Error(t('vol.entry.evidenceRequired')));
    setBusy(true);
    setError(null);
    try {
      await call(
        api.POST('/api/v1/service-items/{id}/records/retro', {
          params: { path: { id: item.id } },
          body: { userId: v.userId, checkInAt: v.window[0].second(0).toISOString(), checkOutAt: v.window[1].second(0).toISOString(), reason: v.reason.trim(), evidenceFileIds: uploaded },
        }),
      );
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('vol.entry.retroTitle', { title: item.title })} okText={t('vol.entry.submitRetro')} confirmLoading={busy} okButtonProps={{ disabled: uploading }} onOk={() => void submit()} onCancel={onClose} width={640} forceRender>
      <Typography.Paragraph type="secondary">{t('vol.entry.retroBody')}</Typography.Paragraph>
      {error != null && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 12 }} />}
      <Form form={form} name="retroEntry" layout="vertical" requiredMark="optional">
        <Form.Item name="userId" label={t('vol.entry.person')} rules={[{ required: true, message: t('vol.entry.pickPerson') }]}>
          <PersonPicker known={known} />
        </Form.Item>
        <Form.Item name="window" label={t('vol.entry.times')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={[t('vol.checkIn'), t('vol.checkOut')]} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={t('vol.entry.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 500 }]}>
          <Input.TextArea rows={2} showCount maxLength={500} placeholder={t('vol.entry.reasonPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('vol.entry.evidence')} required extra={t('vol.entry.evidenceHelp')}>
          <Upload.Dragger<UploadedFile>
            multiple
            accept="image/jpeg,image/png,image/webp,image/heic,video/mp4,video/quicktime"
            listType="picture"
            fileList={files}
            maxCount={9}
            onChange={({ fileList }) => setFiles(fileList.map((f) => (f.response ? { ...f, url: f.response.contentUrl, thumbUrl: f.response.mime.startsWith('image/') ? f.response.contentUrl : undefined } : f)))}
            customRequest={({ file, onSuccess, onError }) => {
              uploadEvidence(file as File, locale).then(
                (f) => onSuccess?.(f),
                (e: unknown) => onError?.(new Error(errorText(e, t))),
              );
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('vol.entry.evidenceDrop')}</p>
          </Upload.Dragger>
        </Form.Item>
      </Form>
    </Modal>
  );
}
