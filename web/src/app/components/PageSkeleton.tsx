import { Skeleton } from 'antd-mobile';

/** Placeholder while a screen's chunk or data loads: the rough shape of a card page, so nothing jumps. */
export function PageSkeleton({ cards = 2 }: { cards?: number }) {
  return (
    <div aria-busy="true">
      {Array.from({ length: cards }, (_, i) => (
        <div className="ll-skeleton-block" key={i}>
          <Skeleton.Title animated />
          <Skeleton.Paragraph lineCount={3} animated />
        </div>
      ))}
    </div>
  );
}

/** A few list-row placeholders (inbox, devices). */
export function ListSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div aria-busy="true" className="ll-skeleton">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton.Paragraph key={i} lineCount={2} animated />
      ))}
    </div>
  );
}
