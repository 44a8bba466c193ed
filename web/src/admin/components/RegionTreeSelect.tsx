import { useEffect, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { TreeSelect, Typography } from 'antd';
import { api, call } from '../../api/client.js';
import type { Region, RegionKind } from '../api-types.js';
import { errorText } from '../hooks/errors.js';
import { ROOT_KEY, useRegionTree } from '../hooks/useRegionTree.js';
import { useI18n } from '../i18n.js';
import { regionKindLabel } from '../labels.js';

interface Props {
  value?: string | null;
  onChange?(id: string | undefined): void;
  /** Only regions of these kinds can be picked (the others stay browsable). */
  selectableKinds?: RegionKind[];
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  id?: string;
}

interface SimpleNode {
  id: string;
  pId: string;
  value: string;
  title: ReactNode;
  isLeaf: boolean;
  selectable: boolean;
}

/** A region picker over the lazily read tree; typing searches the whole tree by name or code. */
export function RegionTreeSelect({ value, onChange, selectableKinds, placeholder, allowClear = true, style, id }: Props) {
  const { t, locale } = useI18n();
  const tree = useRegionTree();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Region[] | null>(null);
  const [label, setLabel] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    tree.loadChildren().catch(setError);
  }, [tree.loadChildren]);

  // A preset value deep in the tree is named before its level is ever opened.
  useEffect(() => {
    if (!value || tree.nodes.has(value) || label[value]) return;
    call(api.GET('/api/v1/regions/{id}', { params: { path: { id: value } } }))
      .then((r) => setLabel((m) => ({ ...m, [r.id]: r.name })))
      .catch(setError);
  }, [value]);

  useEffect(() => {
    const q = search.trim();
    if (!q) return setFound(null);
    const timer = setTimeout(() => {
      call(api.GET('/api/v1/regions', { params: { query: { q, limit: 30 } } }))
        .then((page) => setFound(page.items))
        .catch(setError);
    }, 250);
    return () => clearTimeout(timer);
  }, [search]);

  const pickable = (r: Region) => !selectableKinds || selectableKinds.includes(r.kind);
  const title = (r: Region, withCode = false) => (
    <span>
      {r.name}
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
        {regionKindLabel(r.kind, locale)}
        {withCode ? ` · ${r.code}` : ''}
      </Typography.Text>
    </span>
  );

  const treeData: SimpleNode[] = useMemo(() => {
    if (found) return found.map((r) => ({ id: r.id, pId: ROOT_KEY, value: r.id, title: title(r, true), isLeaf: true, selectable: pickable(r) }));
    const out: SimpleNode[] = [];
    for (const [parentId, level] of tree.children) {
      for (const childId of level.ids) {
        const r = tree.nodes.get(childId);
        if (r) out.push({ id: r.id, pId: parentId, value: r.id, title: title(r), isLeaf: !r.hasChildren, selectable: pickable(r) });
      }
      if (level.nextCursor) {
        const more = (
          <Typography.Link onClick={(e) => (e.stopPropagation(), void tree.loadMore(parentId).catch(setError))}>{t('regions.moreChildren')}</Typography.Link>
        );
        out.push({ id: `more:${parentId}`, pId: parentId, value: `more:${parentId}`, title: more, isLeaf: true, selectable: false });
      }
    }
    return out;
  }, [found, tree.children, tree.nodes, locale]);

  const name = value ? (tree.nodes.get(value)?.name ?? found?.find((r) => r.id === value)?.name ?? label[value] ?? '…') : undefined;

  return (
    <TreeSelect<{ value: string; label: ReactNode } | undefined>
      id={id}
      style={style}
      labelInValue
      value={value ? { value, label: name } : undefined}
      onChange={(v) => onChange?.(v?.value)}
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: ROOT_KEY }}
      treeData={treeData}
      loadData={(node) => tree.loadChildren(String(node.value)).catch(setError)}
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false }}
      allowClear={allowClear}
      placeholder={placeholder ?? t('regions.pickPlaceholder')}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 320, maxHeight: 420 } } }}
      notFoundContent={error ? errorText(error, t) : t('regions.noMatch')}
    />
  );
}
