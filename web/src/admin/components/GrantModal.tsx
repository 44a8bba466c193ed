import { useState } from 'react';
import { Alert, Form, Modal, Select, Typography } from 'antd';
import { api, call } from '../../api/client.js';
import type { Grant, OrgKind, RoleCode, UserSummary } from '../api-types.js';
import { errorText } from '../hooks/errors.js';
import { useRoles } from '../hooks/useRoles.js';
import { validValues } from '../hooks/forms.js';
import { useI18n } from '../i18n.js';
import { roleLabel } from '../labels.js';
import { OrgSelect } from './OrgSelect.js';
import { RegionTreeSelect } from './RegionTreeSelect.js';
import { UserSelect } from './UserSelect.js';

/** Which kind of organisation an org-scoped role is granted over. */
const ORG_KIND_OF_ROLE: Partial<Record<RoleCode, OrgKind>> = { department_handler: 'department', unit_secretary: 'unit', property_manager: 'unit' };

interface Person {
  id: string;
  name: string;
  phone: string;
}

interface Values {
  user?: UserSummary;
  role: RoleCode;
  scopeId: string;
}

/** 授予角色: a role over a region subtree (region roles) or an organisation (org roles). */
export function GrantModal({ open, person, onClose, onGranted }: { open: boolean; person?: Person; onClose(): void; onGranted(grant: Grant): void }) {
  const { t, locale } = useI18n();
  const { roles, error: rolesError } = useRoles();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const roleCode = Form.useWatch('role', form);
  const role = roles.find((r) => r.code === roleCode);

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const save = async () => {
    const values = await validValues(form);
    if (!values) return;
    const v = values;
    const userId = person?.id ?? v.user?.id;
    if (!userId || !role) return;
    setBusy(true);
    setError(null);
    try {
      const grant = await call(api.POST('/api/v1/grants', { body: { userId, role: role.code, ...(role.scope === 'region' ? { regionId: v.scopeId } : { orgId: v.scopeId }) } }));
      form.resetFields();
      onGranted(grant);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={person ? t('grants.grantTo', { name: person.name }) : t('grants.grant')} okText={t('grants.grant')} onOk={() => void save()} confirmLoading={busy} onCancel={close} forceRender width={520}>
      {(error ?? rolesError) != null && <Alert type="error" showIcon title={errorText(error ?? rolesError, t)} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false}>
        {person ? (
          <Form.Item label={t('grants.person')}>
            <Typography.Text>
              {person.name}（{person.phone}）
            </Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item name="user" label={t('grants.person')} rules={[{ required: true, message: t('form.required') }]}>
            <UserSelect />
          </Form.Item>
        )}
        <Form.Item name="role" label={t('grants.role')} rules={[{ required: true, message: t('form.required') }]}>
          <Select
            data-testid="grant-role"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('grants.pickRole')}
            onChange={() => form.setFieldsValue({ scopeId: undefined })}
            options={roles.map((r) => ({ value: r.code, label: roleLabel(r.code, r.name, locale), scope: r.scope }))}
            optionRender={(o) => (
              <span>
                {o.data.label}
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                  {t(o.data.scope === 'region' ? 'grants.byRegion' : 'grants.byOrg')}
                </Typography.Text>
              </span>
            )}
          />
        </Form.Item>
        {role && (
          <Form.Item
            name="scopeId"
            label={t(role.scope === 'region' ? 'grants.scopeRegion' : 'grants.scopeOrg')}
            extra={t(role.scope === 'region' ? 'grants.scopeRegionHelp' : 'grants.scopeOrgHelp')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            {role.scope === 'region' ? <RegionTreeSelect /> : <OrgSelect kind={ORG_KIND_OF_ROLE[role.code]} />}
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
