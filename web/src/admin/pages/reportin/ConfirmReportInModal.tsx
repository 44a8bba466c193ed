import { useEffect, useState } from 'react';
import { Alert, Form, Modal, Select, Typography } from 'antd';
import { api, call } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useI18n } from '../../i18n.js';
import type { paths } from '../../../api/schema.js';
import type { ReportInDetail } from './types.js';

type Values = NonNullable<paths['/api/v1/report-ins/{id}/confirm']['post']['requestBody']>['content']['application/json'];

interface Props {
  open: boolean;
  record: ReportInDetail;
  onClose(): void;
  onDone(next: ReportInDetail): void;
}

/** 确认报到: the reviewer assigns a grid under the member's community and a service team (first offered: the member's own intentions). */
export function ConfirmReportInModal({ open, record, onClose, onDone }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const grids = useLoad(open ? `grids:${record.communityId}` : null, async () => {
    const page = await call(api.GET('/api/v1/regions', { params: { query: { parentId: record.communityId, limit: 200 } } }));
    return page.items.filter((r) => r.kind === 'grid');
  });
  const teams = useLoad(open ? 'teams' : null, () => call(api.GET('/api/v1/report-ins/service-teams')).then((r) => r.items));

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open]);
  useEffect(() => {
    if (!open || !teams.data) return;
    const preferred = record.intentions.find((i) => (teams.data as string[]).includes(i));
    if (preferred && !form.getFieldValue('serviceTeam')) form.setFieldValue('serviceTeam', preferred);
  }, [open, teams.data]);
  useEffect(() => {
    if (open && grids.data?.length === 1 && !form.getFieldValue('gridId')) form.setFieldValue('gridId', grids.data[0]!.id);
  }, [open, grids.data]);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await call(api.POST('/api/v1/report-ins/{id}/confirm', { params: { path: { id: record.id } }, body: values })));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const intentions = new Set(record.intentions);
  return (
    <Modal open={open} title={t('reportIn.confirmTitle', { name: record.userName })} okText={t('reportIn.confirm')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} forceRender>
      <Typography.Paragraph type="secondary">{t('reportIn.confirmBody', { community: record.communityName })}</Typography.Paragraph>
      {(error ?? grids.error ?? teams.error) != null && <Alert type="error" showIcon title={errorText(error ?? grids.error ?? teams.error, t)} style={{ marginBottom: 12 }} />}
      <Form form={form} name="confirmReportIn" layout="vertical" requiredMark="optional">
        <Form.Item name="gridId" label={t('reportIn.grid')} extra={t('reportIn.gridHelp', { community: record.communityName })} rules={[{ required: true, message: t('form.required') }]}>
          <Select
            data-testid="confirm-grid"
            loading={grids.loading}
            placeholder={t('reportIn.pickGrid')}
            options={(grids.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
            notFoundContent={grids.loading ? undefined : t('reportIn.noGrids')}
          />
        </Form.Item>
        <Form.Item name="serviceTeam" label={t('reportIn.serviceTeam')} extra={t('reportIn.teamHelp')} rules={[{ required: true, message: t('form.required') }]}>
          <Select
            data-testid="confirm-team"
            loading={teams.loading}
            placeholder={t('reportIn.pickTeam')}
            options={[...(teams.data ?? [])].sort((a, b) => Number(intentions.has(b)) - Number(intentions.has(a))).map((team) => ({ value: team, label: intentions.has(team) ? `${team}（${t('reportIn.intended')}）` : team }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
