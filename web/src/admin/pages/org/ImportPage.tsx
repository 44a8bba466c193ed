import { useState } from 'react';
import { Alert, App, Button, Card, Radio, Result, Space, Steps, Table, Typography, Upload } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { api, ApiFailure, call } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { useI18n } from '../../i18n.js';
import { downloadBlob } from '../../export.js';

type Kind = 'regions' | 'organisations' | 'people';
const KINDS: Kind[] = ['regions', 'organisations', 'people'];

interface RowError {
  row: number;
  column: string | null;
  code: string;
  message: string;
}
interface Outcome {
  kind: Kind;
  rows: number;
  created: number;
  dryRun: boolean;
}
interface Invalid {
  message: string;
  errors: RowError[];
  errorCount: number;
  truncated: boolean;
}

/** The row-by-row problems of a 422 IMPORT_INVALID answer, if that is what `e` is. */
function importErrors(e: unknown): Invalid | null {
  if (!(e instanceof ApiFailure) || e.error.code !== 'IMPORT_INVALID') return null;
  const details = e.error.details as Partial<Invalid> | undefined;
  return { message: e.error.message, errors: details?.errors ?? [], errorCount: details?.errorCount ?? 0, truncated: details?.truncated ?? false };
}

/** 批量导入: template → upload → dry run (every row checked, nothing written) → import (all or nothing). */
export default function ImportPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [kind, setKind] = useState<Kind>('people');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'template' | 'check' | 'import' | null>(null);
  const [checked, setChecked] = useState<Outcome | null>(null);
  const [imported, setImported] = useState<Outcome | null>(null);
  const [invalid, setInvalid] = useState<Invalid | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reset = (next: Partial<{ kind: Kind; file: File | null }>) => {
    if (next.kind) setKind(next.kind);
    if (next.file !== undefined) setFile(next.file);
    setChecked(null);
    setImported(null);
    setInvalid(null);
    setError(null);
  };

  const downloadTemplate = async () => {
    setBusy('template');
    try {
      const blob = await call(api.GET('/api/v1/imports/templates/{kind}', { params: { path: { kind } }, parseAs: 'blob' }));
      downloadBlob(`${t(`import.kind.${kind}`)}-${t('import.template')}.xlsx`, blob as Blob);
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setBusy(null);
    }
  };

  const upload = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'import');
    setInvalid(null);
    setError(null);
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const result = await call(api.POST('/api/v1/imports/{kind}', { params: { path: { kind }, query: { dryRun } }, body: {}, bodySerializer: () => form }));
      if (dryRun) setChecked(result);
      else setImported(result);
    } catch (e) {
      const rows = importErrors(e);
      if (rows) setInvalid(rows);
      else setError(e);
      setChecked(null);
    } finally {
      setBusy(null);
    }
  };

  const step = imported ? 3 : checked ? 2 : file ? 1 : 0;

  return (
    <Card>
      <Steps
        current={step}
        style={{ marginBottom: 28, maxWidth: 880 }}
        items={[{ title: t('import.step.template') }, { title: t('import.step.upload') }, { title: t('import.step.check') }, { title: t('import.step.import') }]}
      />
      <Space orientation="vertical" size={20} style={{ width: '100%', maxWidth: 880 }}>
        <div>
          <Typography.Title level={5}>{t('import.chooseKind')}</Typography.Title>
          <Space wrap>
            <Radio.Group optionType="button" buttonStyle="solid" value={kind} onChange={(e) => reset({ kind: e.target.value as Kind })} options={KINDS.map((k) => ({ value: k, label: t(`import.kind.${k}`) }))} />
            <Button icon={<DownloadOutlined />} loading={busy === 'template'} onClick={() => void downloadTemplate()}>
              {t('import.downloadTemplate')}
            </Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t(`import.help.${kind}`)}
          </Typography.Paragraph>
        </div>

        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => (reset({ file: f }), false)}
          onRemove={() => reset({ file: null })}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : []}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.drop')}</p>
          <p className="ant-upload-hint">{t('import.dropHint')}</p>
        </Upload.Dragger>

        <Space>
          <Button icon={<CheckCircleOutlined />} disabled={!file || !!imported} loading={busy === 'check'} onClick={() => void upload(true)}>
            {t('import.check')}
          </Button>
          <Button type="primary" icon={<CloudUploadOutlined />} disabled={!checked || !!imported} loading={busy === 'import'} onClick={() => void upload(false)}>
            {checked ? t('import.runRows', { n: checked.rows }) : t('import.run')}
          </Button>
        </Space>

        {error != null && <Alert type="error" showIcon title={errorText(error, t)} />}
        {checked && !imported && <Alert type="success" showIcon title={t('import.checkedOk', { n: checked.rows })} description={t('import.checkedOkHint')} />}
        {imported && (
          <Result
            status="success"
            title={t('import.done', { n: imported.created })}
            subTitle={t('import.doneHint')}
            extra={<Button onClick={() => reset({ file: null })}>{t('import.again')}</Button>}
          />
        )}
        {invalid && (
          <div data-testid="import-errors">
            <Alert
              type="error"
              showIcon
              title={invalid.message}
              description={invalid.truncated ? t('import.truncated', { n: invalid.errorCount }) : t('import.fixAndRetry')}
              style={{ marginBottom: 12 }}
            />
            <Table<RowError>
              size="small"
              rowKey={(e, i) => `${e.row}:${e.column}:${i}`}
              dataSource={invalid.errors}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              columns={[
                { title: t('import.row'), dataIndex: 'row', width: 80 },
                { title: t('import.column'), dataIndex: 'column', width: 160, render: (c: string | null) => c ?? t('import.wholeRow') },
                { title: t('import.message'), dataIndex: 'message' },
                { title: t('import.code'), dataIndex: 'code', width: 170, render: (c: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c}</Typography.Text> },
              ]}
            />
          </div>
        )}
      </Space>
    </Card>
  );
}
