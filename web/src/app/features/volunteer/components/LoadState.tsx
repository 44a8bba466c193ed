import { Button } from 'antd-mobile';
import type { ComponentType, ReactNode, SVGProps } from 'react';
import { useT } from '../../../../i18n/index.js';
import { ListSkeleton } from '../../../components/PageSkeleton.js';
import { errorMessage } from '../../../lib/errors.js';

/**
 * The three states every list and detail has before its content: loading (a skeleton, only when nothing is shown
 * yet — a reload keeps the old content), failed (the server's message and 重试), and empty.
 */
export function LoadState<T>(props: {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void> | void;
  isEmpty?: (data: T) => boolean;
  empty?: { icon?: ComponentType<SVGProps<SVGSVGElement>>; title: string; hint?: string; action?: ReactNode };
  skeleton?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const t = useT();
  const { data, error, loading } = props;
  if (data === undefined) {
    if (loading || !error) return <>{props.skeleton ?? <ListSkeleton rows={3} />}</>;
    return (
      <div className="ll-card ll-empty" role="alert" data-testid="load-error">
        <div className="ll-empty-title">{errorMessage(error)}</div>
        <Button fill="outline" color="primary" className="vol-button-sm" onClick={() => void props.reload()}>
          {t('common.retry')}
        </Button>
      </div>
    );
  }
  if (props.empty && props.isEmpty?.(data)) {
    const Icon = props.empty.icon;
    return (
      <div className="ll-card ll-empty vol-empty" data-testid="empty">
        {Icon && <Icon className="ll-empty-icon" />}
        <div className="ll-empty-title">{props.empty.title}</div>
        {props.empty.hint && <div className="ll-empty-hint">{props.empty.hint}</div>}
        {props.empty.action}
      </div>
    );
  }
  return <>{props.children(data)}</>;
}
