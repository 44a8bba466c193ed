import { NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/index.js';

/**
 * The top bar: a title, an optional right action, and a back arrow on pushed pages (not on tab screens).
 * Back goes to the previous page, or to `parent` when the page was opened directly (a shared link, a reload).
 */
export function PageHeader({ title, back, parent = '/', right }: { title: ReactNode; back?: boolean; parent?: string; right?: ReactNode }) {
  const t = useT();
  const navigate = useNavigate();
  const goBack = () => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate(parent, { replace: true }));
  return (
    <NavBar className="ll-navbar" back={back ? t('common.back') : null} backIcon={back ? undefined : false} onBack={back ? goBack : undefined} right={right}>
      {title}
    </NavBar>
  );
}
