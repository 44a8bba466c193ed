import { useCallback, useRef, useState } from 'react';
import { api, call } from '../../api/client.js';
import type { Region } from '../api-types.js';

const ROOT = '';
const PAGE = 200;

interface Children {
  ids: string[];
  nextCursor: string | null;
}

export interface RegionTree {
  nodes: ReadonlyMap<string, Region>;
  /** Loaded children per parent id ('' for the roots); absent = not loaded yet. */
  children: ReadonlyMap<string, Children>;
  loadChildren(parentId?: string): Promise<void>;
  loadMore(parentId?: string): Promise<void>;
  /** Re-reads a parent's first page (after a child was created, renamed or deleted). */
  reloadChildren(parentId?: string): Promise<void>;
  upsert(region: Region): void;
  remove(region: Region): void;
}

/**
 * The region tree read lazily, one level at a time (GET /regions?parentId=), kept as a flat map so the
 * Tree and TreeSelect views can both be derived from it.
 */
export function useRegionTree(): RegionTree {
  const [nodes, setNodes] = useState<Map<string, Region>>(() => new Map());
  const [children, setChildren] = useState<Map<string, Children>>(() => new Map());
  const childrenRef = useRef(children);
  childrenRef.current = children;

  const fetchLevel = useCallback(async (parentId: string, cursor?: string) => {
    const page = await call(api.GET('/api/v1/regions', { params: { query: { parentId: parentId || undefined, limit: PAGE, cursor } } }));
    setNodes((m) => {
      const next = new Map(m);
      for (const r of page.items) next.set(r.id, r);
      return next;
    });
    setChildren((m) => {
      const next = new Map(m);
      const before = cursor ? (m.get(parentId)?.ids ?? []) : [];
      next.set(parentId, { ids: [...before, ...page.items.map((r) => r.id)], nextCursor: page.nextCursor });
      return next;
    });
  }, []);

  const loadChildren = useCallback(
    async (parentId = ROOT) => {
      if (!childrenRef.current.has(parentId)) await fetchLevel(parentId);
    },
    [fetchLevel],
  );
  const loadMore = useCallback(
    async (parentId = ROOT) => {
      const cursor = childrenRef.current.get(parentId)?.nextCursor;
      if (cursor) await fetchLevel(parentId, cursor);
    },
    [fetchLevel],
  );
  const reloadChildren = useCallback((parentId = ROOT) => fetchLevel(parentId), [fetchLevel]);

  const upsert = useCallback((region: Region) => setNodes((m) => new Map(m).set(region.id, region)), []);
  /** Drops a deleted region from its parent's level; a parent left without children becomes a leaf. */
  const remove = useCallback((region: Region) => {
    const parentId = region.parentId ?? ROOT;
    const level = childrenRef.current.get(parentId);
    if (!level) return;
    const ids = level.ids.filter((id) => id !== region.id);
    setChildren((m) => new Map(m).set(parentId, { ...level, ids }));
    if (ids.length === 0 && !level.nextCursor) {
      setNodes((m) => {
        const parent = m.get(parentId);
        return parent ? new Map(m).set(parentId, { ...parent, hasChildren: false }) : m;
      });
    }
  }, []);

  return { nodes, children, loadChildren, loadMore, reloadChildren, upsert, remove };
}

export const ROOT_KEY = ROOT;
