import { useLocation } from 'react-router';
import { Card, Result, Tag } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n.js';
import { findNav } from '../layout/nav.js';

/** An honest placeholder for a capability that has not been built: no sample data, just who brings it. */
export default function ComingSoonPage() {
  const { t } = useI18n();
  const nav = findNav(useLocation().pathname);
  if (!nav) return null;
  return (
    <Card>
      <Result
        icon={<ToolOutlined style={{ color: '#9ca3af' }} />}
        title={
          <>
            {t(nav.item.label)} <Tag style={{ verticalAlign: 'middle' }}>{t('nav.soonTag')}</Tag>
          </>
        }
        subTitle={t('soon.body', { group: t(nav.group.label), section: nav.group.brings })}
      />
    </Card>
  );
}
