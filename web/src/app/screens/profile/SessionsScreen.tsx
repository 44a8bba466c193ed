import { Button, Dialog, List, PullToRefresh, Tag, Toast } from 'antd-mobile';
import { api, call } from '../../../api/client.js';
import { useLocale, useT } from '../../../i18n/index.js';
import { formatRelative } from '../../../ui/format.js';
import { ListSkeleton } from '../../components/PageSkeleton.js';
import { PageHeader } from '../../components/PageHeader.js';
import { errorMessage, toastError } from '../../lib/errors.js';
import { usePullTexts } from '../../lib/usePullTexts.js';
import { useRelativeWords } from '../../lib/useRelativeWords.js';
import { useRequest } from '../../lib/useRequest.js';
import { describeUserAgent } from '../../lib/userAgent.js';

/** 登录设备: the person's live sessions; any but this one can be signed out. */
export default function SessionsScreen() {
  const t = useT();
  const locale = useLocale();
  const words = useRelativeWords();
  const pull = usePullTexts();
  const { data, error, loading, reload } = useRequest(() => call(api.GET('/api/v1/me/sessions')));

  const revoke = async (id: string) => {
    const ok = await Dialog.confirm({ content: t('sessions.revokeConfirm'), confirmText: t('sessions.revoke'), cancelText: t('common.cancel') });
    if (!ok) return;
    try {
      await call(api.POST('/api/v1/me/sessions/{id}/revoke', { params: { path: { id } } }));
      Toast.show({ icon: 'success', content: t('sessions.revoked') });
      await reload();
    } catch (e) {
      toastError(e);
    }
  };

  const sessions = data?.items ?? [];
  return (
    <main data-testid="sessions">
      <PageHeader title={t('sessions.title')} back parent="/me" />
      <p className="ll-note ll-note--info">{t('sessions.hint')}</p>
      <PullToRefresh onRefresh={reload} {...pull}>
        {loading && !data ? (
          <ListSkeleton rows={3} />
        ) : error && !data ? (
          <div className="ll-card ll-empty">
            <div className="ll-empty-title">{errorMessage(error)}</div>
            <Button fill="outline" style={{ minHeight: 44 }} onClick={() => void reload()}>
              {t('common.retry')}
            </Button>
          </div>
        ) : (
          <List className="ll-list">
            {sessions.map((s) => {
              const { browser, os, api: isApi } = describeUserAgent(s.userAgent);
              const name = isApi ? t('sessions.apiClient') : [browser, os].filter(Boolean).join(' · ') || t('sessions.unknownDevice');
              return (
                <List.Item
                  key={s.id}
                  description={
                    <span className="ll-session-meta">
                      {t('sessions.lastSeen', { time: formatRelative(s.lastSeenAt, locale, words) })}
                      {s.ip ? ` · ${s.ip}` : ''}
                    </span>
                  }
                  extra={
                    s.current ? undefined : (
                      <Button size="small" className="ll-session-revoke" onClick={() => void revoke(s.id)}>
                        {t('sessions.revoke')}
                      </Button>
                    )
                  }
                >
                  <span className="ll-session-device">
                    {name}
                    {s.current && (
                      <Tag color="primary" fill="outline">
                        {t('sessions.current')}
                      </Tag>
                    )}
                  </span>
                </List.Item>
              );
            })}
          </List>
        )}
      </PullToRefresh>
    </main>
  );
}
