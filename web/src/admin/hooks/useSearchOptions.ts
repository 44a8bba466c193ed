import { useEffect, useState } from 'react';

/**
 * Options for a server-searched select: re-queries (debounced) as the user types, and keeps the last
 * error to show in the dropdown.
 */
export function useSearchOptions<T>(search: (q: string) => Promise<T[]>, deps: unknown[] = []) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      search(q.trim())
        .then((items) => live && (setOptions(items), setError(null)))
        .catch((e: unknown) => live && setError(e))
        .finally(() => live && setLoading(false));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, ...deps]);

  return { q, setQ, options, loading, error };
}
