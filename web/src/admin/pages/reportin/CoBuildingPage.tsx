import { useState } from 'react';
import { App, Button, Card, Select, Space, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, call } from '../../../api/client.js';
import { CursorTable } from '../../components/CursorTable.js';
import { FilterBar } from '../../components/FilterBar.js';
import { OrgSelect } from '../../components/OrgSelect.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { useCursorList } from '../../hooks/useCursorList.js';
import { useCan } from '../../hooks/usePermissions.js';
import { useI18n } from '../../i18n.js';
import { formatDate, formatTime } from '../../format.js';
import { AddItemModal } from './AddItemModal.js';
import { AgreementDrawer } from './AgreementDrawer.js';
import { agreementStatusLabel, itemStatusLabel, listLabel } from './coBuildingLabels.js';
import { CreateAgreementModal } from './CreateAgreementModal.js';
import { ItemDrawer } from './ItemDrawer.js';
import { ItemsTable } from './ItemsTable.js';
import { AGREEMENT_COLOR, AGREEMENT_STATUSES, ITEM_STATUSES, LISTS, type Agreement, type AgreementStatus, type CoBuildItemStatus, type ListKind } from './types.js';

type TabKey = 'agreements' | ListKind;

interface Filters {
  unitId?: string;
  communityId?: string;
  agreementStatus?: AgreementStatus;
  itemStatus?: CoBuildItemStatus;
}

/** 单位共建: co-building agreements (单位报到) and the three lists kept under them, from whichever side the user stands on. */
export default function CoBuildingPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [tab, setTab] = useState<TabKey>('agreements');
  const [filters, setFilters] = useState<Filters>({});
  const [openAgreement, setOpenAgreement] = useState<string | null>(null);
  const [openItem, setOpenItem] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'agreement' | 'item' | null>(null);
  const [version, setVersion] = useState(0);
  const unitSide = useCan('cobuild.unit');
  const communitySide = useCan('cobuild.community');
  const { unitId, communityId } = filters;
  const agreements = useCursorList(JSON.stringify({ unitId, communityId, status: filters.agreementStatus, version }), (cursor) =>
    call(api.GET('/api/v1/co-building/agreements', { params: { query: { unitId, communityId, status: filters.agreementStatus, cursor, limit: 50 } } })),
  );
  const bump = () => setVersion((v) => v + 1);
  // Needs are written by the community, resources by the unit, projects by either.
  const mayWrite = (l: ListKind) => (l === 'need' ? communitySide : l === 'resource' ? unitSide : unitSide || communitySide);

  const statusFilter =
    tab === 'agreements' ? (
      <Select
        style={{ width: 150 }}
        value={filters.agreementStatus ?? ''}
        onChange={(s: AgreementStatus | '') => setFilters({ ...filters, agreementStatus: s || undefined })}
        options={[{ value: '', label: t('reportIn.allStatuses') }, ...AGREEMENT_STATUSES.map((s) => ({ value: s, label: agreementStatusLabel(s, locale) }))]}
      />
    ) : (
      <Select
        style={{ width: 150 }}
        value={filters.itemStatus ?? ''}
        onChange={(s: CoBuildItemStatus | '') => setFilters({ ...filters, itemStatus: s || undefined })}
        options={[{ value: '', label: t('reportIn.allStatuses') }, ...ITEM_STATUSES.map((s) => ({ value: s, label: itemStatusLabel(s, locale) }))]}
      />
    );

  const agreementTable = (
    <CursorTable<Agreement>
      list={agreements}
      rowKey="id"
      toolbar={
        unitSide && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('agreement')} data-testid="agreement-create">
            {t('cobuild.create')}
          </Button>
        )
      }
      onRow={(a) => ({ onClick: () => setOpenAgreement(a.id), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('cobuild.unit'), dataIndex: 'unitName', render: (n: string) => <Typography.Link>{n}</Typography.Link> },
        { title: t('cobuild.community'), dataIndex: 'communityName', width: 130 },
        { title: t('cobuild.signedOn'), dataIndex: 'signedOn', width: 120, render: formatDate },
        { title: t('cobuild.endsOn'), dataIndex: 'endsOn', width: 120, render: formatDate },
        {
          title: t('common.status'),
          dataIndex: 'status',
          width: 150,
          render: (s: AgreementStatus, a) => (
            <Space size={4}>
              <Tag color={AGREEMENT_COLOR[s]}>{agreementStatusLabel(s, locale)}</Tag>
              {s === 'active' && !a.inForce && <Tag>{t('cobuild.expired')}</Tag>}
            </Space>
          ),
        },
        { title: t('cobuild.createdBy'), dataIndex: 'createdByName', width: 110, render: (n: string | null) => n ?? t('audit.system') },
        { title: t('cobuild.confirmedAt'), dataIndex: 'confirmedAt', width: 150, render: formatTime },
        { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: formatTime },
      ]}
      exportAs={{
        filename: t('cobuild.agreements'),
        columns: [
          { title: t('cobuild.unit'), value: (a) => a.unitName },
          { title: t('cobuild.community'), value: (a) => a.communityName },
          { title: t('cobuild.signedOn'), value: (a) => a.signedOn },
          { title: t('cobuild.termMonths'), value: (a) => a.termMonths },
          { title: t('cobuild.endsOn'), value: (a) => a.endsOn },
          { title: t('common.status'), value: (a) => agreementStatusLabel(a.status, locale) },
          { title: t('cobuild.inForce'), value: (a) => (a.inForce ? t('common.yes') : t('common.no')) },
          { title: t('cobuild.content'), value: (a) => a.content },
          { title: t('cobuild.createdBy'), value: (a) => a.createdByName },
          { title: t('cobuild.confirmedBy'), value: (a) => a.confirmedByName },
          { title: t('cobuild.confirmedAt'), value: (a) => formatTime(a.confirmedAt) },
          { title: t('cobuild.closeReason'), value: (a) => a.closeReason },
        ],
      }}
    />
  );

  const listTab = (l: ListKind) => (
    <ItemsTable
      query={{ list: l, unitId, communityId, status: filters.itemStatus }}
      version={version}
      onOpen={(i) => setOpenItem(i.id)}
      toolbar={
        mayWrite(l) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('item')}>
            {t('cobuild.addItemTo', { list: listLabel(l, locale) })}
          </Button>
        )
      }
    />
  );

  return (
    <>
      <FilterBar>
        <OrgSelect style={{ width: 240 }} kind="unit" value={unitId} onChange={(id) => setFilters({ ...filters, unitId: id })} placeholder={t('filter.unit')} />
        <RegionTreeSelect style={{ width: 220 }} selectableKinds={['community']} value={communityId} onChange={(id) => setFilters({ ...filters, communityId: id })} placeholder={t('filter.community')} />
        {statusFilter}
      </FilterBar>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as TabKey)}
          items={[
            { key: 'agreements', label: t('cobuild.agreements'), children: agreementTable },
            ...LISTS.map((l) => ({ key: l, label: listLabel(l, locale), children: listTab(l) })),
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
          {t('cobuild.listsNote')}
        </Typography.Paragraph>
      </Card>
      <AgreementDrawer id={openAgreement} onClose={() => setOpenAgreement(null)} onChanged={bump} />
      <ItemDrawer id={openItem} onClose={() => setOpenItem(null)} onChanged={bump} />
      <CreateAgreementModal
        open={dialog === 'agreement'}
        onClose={() => setDialog(null)}
        onCreated={(a) => {
          setDialog(null);
          message.success(t('cobuild.created'));
          bump();
          setOpenAgreement(a.id);
        }}
      />
      <AddItemModal
        open={dialog === 'item'}
        list={tab === 'agreements' ? undefined : tab}
        onClose={() => setDialog(null)}
        onCreated={(item) => {
          setDialog(null);
          message.success(t('cobuild.itemAdded'));
          bump();
          setOpenItem(item.id);
        }}
      />
    </>
  );
}
