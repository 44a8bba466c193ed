import { useEffect, useId, useState } from 'react';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, call } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useI18n } from '../../i18n.js';
import { listLabel, sideLabel } from './coBuildingLabels.js';
import { LIST_AUTHORS, LISTS, type AgreementDetail, type CoBuildItemDetail, type ListKind } from './types.js';

interface Values {
  agreementId: string;
  list: ListKind;
  title: string;
  description?: string;
  quantity?: number | null;
  dueOn?: Dayjs | null;
}

interface Props {
  open: boolean;
  /** The agreement the item goes on; when absent the user picks one of the agreements in force. */
  agreement?: AgreementDetail;
  list?: ListKind;
  onClose(): void;
  onCreated(item: CoBuildItemDetail): void;
}

/** Adds an item to one of the three lists: needs come from the community, resources from the unit, projects from either. */
export function AddItemModal({ open, agreement, list, onClose, onCreated }: Props) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  // Several of these forms may be mounted at once (page and drawer): distinct names keep field ids unique.
  const formName = `addItem${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const agreementId = Form.useWatch('agreementId', form);
  const chosenList = Form.useWatch('list', form);
  const inForce = useLoad(open && !agreement ? 'in-force' : null, () =>
    call(api.GET('/api/v1/co-building/agreements', { params: { query: { status: 'active', limit: 200 } } })).then((p) => p.items.filter((a) => a.inForce)),
  );
  const picked = useLoad(!agreement && agreementId ? agreementId : null, () => call(api.GET('/api/v1/co-building/agreements/{id}', { params: { path: { id: agreementId } } })));
  const target = agreement ?? picked.data;
  const allowed = LISTS.filter((l) => !target || LIST_AUTHORS[l].some((s) => target.sides.includes(s)));

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ agreementId: agreement?.id, list: list ?? 'resource' });
  }, [open]);
  // Offer only the lists the user may write on this agreement.
  useEffect(() => {
    if (target && chosenList && !allowed.includes(chosenList) && allowed[0]) form.setFieldValue('list', allowed[0]);
  }, [target?.id, chosenList]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const body = {
        list: v.list,
        title: v.title.trim(),
        ...(v.description?.trim() ? { description: v.description.trim() } : {}),
        ...(v.quantity ? { quantity: v.quantity } : {}),
        ...(v.dueOn ? { dueOn: v.dueOn.format('YYYY-MM-DD') } : {}),
      };
      onCreated(await call(api.POST('/api/v1/co-building/agreements/{id}/items', { params: { path: { id: v.agreementId } }, body })));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('cobuild.addItem')} okText={t('cobuild.addItem')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} width={600} forceRender>
      {error != null && <Alert type="error" showIcon title={errorText(error, t)} style={{ marginBottom: 12 }} />}
      <Form form={form} name={formName} layout="vertical" requiredMark="optional">
        <Form.Item name="agreementId" label={t('cobuild.agreement')} rules={[{ required: true, message: t('form.required') }]} hidden={!!agreement}>
          <Select
            loading={inForce.loading}
            placeholder={t('cobuild.pickAgreement')}
            options={(inForce.data ?? []).map((a) => ({ value: a.id, label: `${a.unitName} ↔ ${a.communityName}` }))}
            notFoundContent={inForce.loading ? undefined : t('cobuild.noAgreementInForce')}
          />
        </Form.Item>
        {agreement && (
          <Typography.Paragraph>
            {t('cobuild.agreement')}：{agreement.unitName} ↔ {agreement.communityName}
          </Typography.Paragraph>
        )}
        <Form.Item name="list" label={t('cobuild.listKind')} extra={t('cobuild.listHelp')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={LISTS.map((l) => ({ value: l, label: listLabel(l, locale), disabled: !allowed.includes(l) }))}
          />
        </Form.Item>
        {target && chosenList && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t('cobuild.writtenAs', { side: sideLabel(LIST_AUTHORS[chosenList].find((s) => target.sides.includes(s)) ?? LIST_AUTHORS[chosenList][0]!, locale) })}
          </Typography.Paragraph>
        )}
        <Form.Item name="title" label={t('cobuild.itemTitle')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100 }]}>
          <Input placeholder={t('cobuild.itemTitlePlaceholder')} data-testid="item-title" />
        </Form.Item>
        <Form.Item name="description" label={t('cobuild.itemDescription')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} showCount maxLength={2000} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="quantity" label={t('cobuild.quantity')} extra={t('cobuild.quantityHelp')} style={{ flex: 1 }}>
            <InputNumber min={1} max={1000000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('cobuild.dueOn')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
