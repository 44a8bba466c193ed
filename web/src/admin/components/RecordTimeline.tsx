import { Alert, Button, Empty, Spin, Timeline, Typography } from 'antd';
import { api, call } from '../../api/client.js';
import type { AuditEntry } from '../api-types.js';
import { errorText, isForbidden } from '../hooks/errors.js';
import { useCursorList } from '../hooks/useCursorList.js';
import { useI18n } from '../i18n.js';
import { actionLabel } from '../labels.js';
import { formatTime } from '../format.js';
import { AuditChange } from './AuditChange.js';

/** A record's history as the audit log holds it: who did what, when, with the before/after on demand. */
export function RecordTimeline({ targetType, targetId }: { targetType: string; targetId: string }) {
  const { t, locale } = useI18n();
  const list = useCursorList(`${targetType}:${targetId}`, (cursor) =>
    call(api.GET('/api/v1/audit-log', { params: { query: { targetType, targetId, cursor, limit: 20 } } })),
  );

  if (list.error) {
    return isForbidden(list.error) ? (
      <Alert type="info" showIcon title={t('timeline.forbidden')} />
    ) : (
      <Alert type="error" showIcon title={errorText(list.error, t)} action={<Button size="small" onClick={list.reload}>{t('common.retry')}</Button>} />
    );
  }
  if (list.loading && list.items.length === 0) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  if (list.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />;

  return (
    <>
      <Timeline
        style={{ marginTop: 8 }}
        items={list.items.map((e: AuditEntry) => ({
          key: e.id,
          color: e.action.endsWith('deleted') || e.action.endsWith('revoked') || e.action.endsWith('disabled') ? 'red' : e.action.endsWith('pii_read') ? 'gray' : 'blue',
          title: formatTime(e.at),
          content: (
            <div>
              <Typography.Text strong>{actionLabel(e.action, locale)}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {e.actorName ?? t('audit.system')}
              </Typography.Text>
              <AuditChange entry={e} compact />
            </div>
          ),
        }))}
      />
      {list.hasMore && (
        <Button size="small" onClick={list.loadMore} loading={list.loading}>
          {t('table.more')}
        </Button>
      )}
    </>
  );
}
