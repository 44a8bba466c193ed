import { useState } from 'react';
import { Alert, Card, Col, Empty, Row, Space, Table, Tag, Typography } from 'antd';
import type { RoleInfo, UserSummary } from '../../api-types.js';
import { GrantList } from '../../components/GrantList.js';
import { UserSelect } from '../../components/UserSelect.js';
import { errorText } from '../../hooks/errors.js';
import { useRoles } from '../../hooks/useRoles.js';
import { useI18n } from '../../i18n.js';
import { permissionLabel, roleLabel } from '../../labels.js';

/** 角色授权: pick a person, see and change their grants; the role catalogue beside. */
export default function GrantsPage() {
  const { t, locale } = useI18n();
  const { roles, error } = useRoles();
  const [person, setPerson] = useState<UserSummary>();

  return (
    <Row gutter={16}>
      <Col xs={24} xl={15}>
        <Card title={t('grants.pickPerson')}>
          <UserSelect style={{ width: '100%', maxWidth: 420 }} value={person} onChange={setPerson} />
          <div style={{ marginTop: 16 }}>
            {person ? (
              <>
                <Space style={{ marginBottom: 12 }} wrap>
                  <Typography.Text strong>{person.name}</Typography.Text>
                  <Typography.Text type="secondary">{person.phone}</Typography.Text>
                  {person.regionName && <Tag>{person.regionName}</Tag>}
                </Space>
                <GrantList person={person} />
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grants.pickPersonHint')} />
            )}
          </div>
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <Card title={t('grants.catalogue')}>
          {error != null && <Alert type="error" showIcon title={errorText(error, t)} />}
          <Table<RoleInfo>
            size="small"
            rowKey="code"
            dataSource={roles}
            pagination={false}
            columns={[
              { title: t('grants.role'), dataIndex: 'name', render: (n: string, r) => <span>{roleLabel(r.code, n, locale)} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.code}</Typography.Text></span> },
              { title: t('grants.scopeKind'), dataIndex: 'scope', width: 90, render: (s: string) => t(s === 'region' ? 'grants.byRegion' : 'grants.byOrg') },
              { title: t('grants.permissions'), dataIndex: 'permissions', width: 70, align: 'right', render: (p: string[]) => p.length },
            ]}
            expandable={{
              expandedRowRender: (r) => (
                <Space size={[4, 4]} wrap>
                  {r.permissions.map((p) => (
                    <Tag key={p}>{permissionLabel(p, locale)}</Tag>
                  ))}
                </Space>
              ),
            }}
          />
        </Card>
      </Col>
    </Row>
  );
}
