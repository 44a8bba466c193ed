import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api-types.js';

export interface CursorList<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
  /** Every page from the start, for export; stops at `max` rows. */
  fetchAll(max?: number): Promise<T[]>;
}

/**
 * A list read page by page through the API's `?cursor=` / `nextCursor`. The list restarts whenever `key`
 * (a serialisation of the filters) changes; answers to superseded requests are dropped.
 */
export function useCursorList<T>(key: string, fetchPage: (cursor: string | undefined) => Promise<Page<T>>): CursorList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;
  const generation = useRef(0);

  const load = useCallback(async (cursor: string | undefined) => {
    const mine = cursor ? generation.current : ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const page = await fetcher.current(cursor);
      if (mine !== generation.current) return;
      setItems((previous) => (cursor ? [...previous, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
    } catch (e) {
      if (mine === generation.current) setError(e);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setItems([]);
    void load(undefined);
  }, [key, load]);

  const fetchAll = useCallback(async (max = 10_000) => {
    const all: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await fetcher.current(cursor);
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && all.length < max);
    return all.slice(0, max);
  }, []);

  return {
    items,
    loading,
    error,
    hasMore: nextCursor !== null,
    loadMore: () => nextCursor && void load(nextCursor),
    reload: () => void load(undefined),
    fetchAll,
  };
}
