import { useCallback, useEffect, useRef, useState } from 'react';

export interface Paged<T> {
  items: T[] | undefined;
  error: unknown;
  loading: boolean;
  hasMore: boolean;
  /** First page again (pull to refresh, after an action). */
  reload: () => Promise<void>;
  /** Next page; throws so that InfiniteScroll offers its retry. */
  loadMore: () => Promise<void>;
}

/**
 * A cursor-paged list: the first page on mount and whenever `deps` change (filters), more on demand. Answers to
 * superseded requests are dropped, so quick filter taps never show an older list.
 */
export function usePaged<T>(fetchPage: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>, deps: readonly unknown[]): Paged<T> {
  const [state, setState] = useState<{ items: T[] | undefined; cursor: string | null; error: unknown; loading: boolean }>({ items: undefined, cursor: null, error: undefined, loading: true });
  const seq = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const reload = useCallback(async () => {
    const id = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const page = await fetchRef.current();
      if (id === seq.current) setState({ items: page.items, cursor: page.nextCursor, error: undefined, loading: false });
    } catch (error) {
      if (id === seq.current) setState((s) => ({ ...s, error, loading: false }));
    }
  }, []);

  useEffect(() => {
    setState({ items: undefined, cursor: null, error: undefined, loading: true }); // new filters: no stale rows
    void reload();
    return () => {
      seq.current++;
    };
  }, deps); // the caller's deps decide when to start over

  const loadMore = useCallback(async () => {
    const id = seq.current;
    const cursor = state.cursor;
    if (!cursor) return;
    const page = await fetchRef.current(cursor);
    if (id !== seq.current) return;
    setState((s) => {
      const seen = new Set((s.items ?? []).map((x) => (x as { id?: string }).id ?? x));
      return { ...s, items: [...(s.items ?? []), ...page.items.filter((x) => !seen.has((x as { id?: string }).id ?? x))], cursor: page.nextCursor };
    });
  }, [state.cursor]);

  return { items: state.items, error: state.error, loading: state.loading, hasMore: state.cursor !== null, reload, loadMore };
}
