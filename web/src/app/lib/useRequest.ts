import { useCallback, useEffect, useRef, useState } from 'react';

export interface RequestState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetches again; resolves when done (for pull-to-refresh). */
  reload: () => Promise<void>;
}

/**
 * Runs `fetcher` on mount and when `deps` change; keeps the last data while reloading (no flash of skeleton),
 * ignores answers that arrive after a newer request or after unmount.
 */
export function useRequest<T>(fetcher: () => Promise<T>, deps: readonly unknown[] = []): RequestState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const seq = useRef(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  const run = useCallback(async () => {
    const id = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await fetcherRef.current();
      if (id === seq.current) setState({ data, error: undefined, loading: false });
    } catch (error) {
      if (id === seq.current) setState((s) => ({ data: s.data, error, loading: false }));
    }
  }, []);

  useEffect(() => {
    void run();
    return () => {
      seq.current++;
    };
  }, deps); // the caller's deps decide when to fetch again

  return { ...state, reload: run };
}
