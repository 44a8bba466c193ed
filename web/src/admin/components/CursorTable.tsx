import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Empty, Space, Table, Typography, type TableProps } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { errorText } from '../hooks/errors.js';
import type { CursorList } from '../hooks/useCursorList.js';
import { downloadCsv, type CsvColumn } from '../export.js';
import { useI18n } from '../i18n.js';

interface Props<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> {
  list: CursorList<T>;
  /** When given, an export button writes every page (not only the loaded ones) to a CSV file Excel opens. */
  exportAs?: { filename: string; columns: CsvColumn<T>[] };
  toolbar?: ReactNode;
}

/** A table over a cursor-paged list: loading, empty and error states, "加载更多", optional export. */
export function CursorTable<T extends object>({ list, exportAs, toolbar, ...table }: Props<T>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);

  const exportAll = async () => {
    if (!exportAs) return;
    setExporting(true);
    try {
      const rows = await list.fetchAll();
      downloadCsv(exportAs.filename, exportAs.columns, rows);
      message.success(t('table.exported', { n: rows.length }));
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12, gap: 12 }}>
        <div>{toolbar}</div>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload} disabled={list.loading}>
            {t('common.refresh')}
          </Button>
          {exportAs && (
            <Button icon={<DownloadOutlined />} onClick={() => void exportAll()} loading={exporting}>
              {t('table.export')}
            </Button>
          )}
        </Space>
      </div>
      {list.error != null && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorText(list.error, t)}
          action={
            <Button size="small" onClick={list.reload}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      <Table<T>
        size="middle"
        {...table}
        dataSource={list.items}
        loading={list.loading && list.items.length === 0}
        pagination={false}
        locale={{ emptyText: list.loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('table.empty')} /> }}
      />
      <div style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', gap: 16, padding: '12px 0' }}>
        {!list.error && (!list.loading || list.items.length > 0) && <Typography.Text type="secondary">{t(list.hasMore ? 'table.shown' : 'table.all', { n: list.items.length })}</Typography.Text>}
        {list.hasMore && (
          <Button onClick={list.loadMore} loading={list.loading && list.items.length > 0}>
            {t('table.more')}
          </Button>
        )}
      </div>
    </>
  );
}
