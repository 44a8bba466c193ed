import { Badge } from 'antd-mobile';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import { useT } from '../../i18n/index.js';
import { useInbox } from '../notifications/store.js';
import { TABS, type TabKey } from '../routes.js';

/** 首页 · 服务 · 随手拍 (raised) · 消息 (live unread badge) · 我的 */
export function TabBar({ active }: { active: TabKey }) {
  const t = useT();
  const { unread } = useInbox();
  return (
    <nav className="ll-tabbar" aria-label={t('app.name')}>
      {TABS.map((tab) => {
        const Icon = tab.icon;
        const current = tab.key === active;
        const label = t(tab.label);
        const badge = tab.key === 'inbox' && unread ? (unread > 99 ? '99+' : String(unread)) : null;
        return (
          <Link
            key={tab.key}
            to={tab.path}
            replace
            className={tab.raised ? 'll-tab ll-tab--raised' : 'll-tab'}
            aria-current={current ? 'page' : undefined}
            data-testid={`tab-${tab.key}`}
            aria-label={badge ? `${label} (${badge})` : label}
          >
            {tab.raised ? (
              <span className="ll-tab-raised-button">
                <Icon />
              </span>
            ) : (
              <Badge content={badge} style={{ '--right': '-6px', '--top': '2px' } as CSSProperties}>
                <span className="ll-tab-icon">
                  <Icon />
                </span>
              </Badge>
            )}
            <span>{label}</span>
          </Link>
        );
      })}
    </nav>
  );
}
