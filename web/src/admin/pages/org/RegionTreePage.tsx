import { useCallback, useEffect, useMemo, useRef, useState, type Key } from 'react';
import { Alert, AutoComplete, Card, Col, Empty, Input, Row, Spin, Tree, Typography } from 'antd';
import type { TreeDataNode as DataNode } from 'antd';
import { api, call } from '../../../api/client.js';
import type { Region } from '../../api-types.js';
import { errorText } from '../../hooks/errors.js';
import { ROOT_KEY, useRegionTree } from '../../hooks/useRegionTree.js';
import { useI18n } from '../../i18n.js';
import { regionKindLabel } from '../../labels.js';
import { CONSOLE_ROLES, useMe } from '../../session.js';
import { RegionDetailPanel } from './RegionDetailPanel.js';

const MORE = 'more:';

/** 区域树: the region tree read lazily, a search that reveals a node, and the selected node's detail. */
export default function RegionTreePage() {
  const { t, locale } = useI18n();
  const tree = useRegionTree();
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [rootError, setRootError] = useState<unknown>(null);

  const me = useMe();
  const home = me.roles.find((r) => CONSOLE_ROLES.includes(r.role) && r.regionId)?.regionId;

  useEffect(() => {
    tree.loadChildren().catch(setRootError);
  }, [tree.loadChildren]);

  /** Loads every ancestor's level and unfolds them (and, with `open`, the region itself), then selects it. */
  const reveal = useCallback(
    async (id: string, open = false) => {
      const detail = await call(api.GET('/api/v1/regions/{id}', { params: { path: { id } } }));
      for (const a of detail.ancestors) await tree.loadChildren(a.id);
      if (open) await tree.loadChildren(id);
      setExpanded((keys) => [...new Set([...keys, ...detail.ancestors.map((a) => a.id), ...(open ? [id] : [])])]);
      setSelected(id);
    },
    [tree],
  );

  // Start where the user works: their scope region, unfolded (or the single root).
  const roots = tree.children.get(ROOT_KEY);
  const started = useRef(false);
  useEffect(() => {
    if (!roots || started.current) return;
    started.current = true;
    const start = home ?? (roots.ids.length === 1 ? roots.ids[0] : undefined);
    if (start) reveal(start, true).catch(setRootError);
  }, [roots]);

  const treeData = useMemo(() => {
    const build = (parentId: string): DataNode[] | undefined => {
      const level = tree.children.get(parentId);
      if (!level) return undefined;
      const nodes: DataNode[] = level.ids.flatMap((id) => {
        const r = tree.nodes.get(id);
        if (!r) return [];
        return [{ key: id, isLeaf: !r.hasChildren, children: build(id), title: <NodeTitle name={r.name} kind={regionKindLabel(r.kind, locale)} /> }];
      });
      if (level.nextCursor) nodes.push({ key: MORE + parentId, isLeaf: true, title: <Typography.Link>{t('regions.moreChildren')}</Typography.Link> });
      return nodes;
    };
    return build(ROOT_KEY) ?? [];
  }, [tree.nodes, tree.children, locale, t]);

  const onSelect = (keys: Key[]) => {
    const key = keys[0] as string | undefined;
    if (!key) return;
    if (key.startsWith(MORE)) tree.loadMore(key.slice(MORE.length)).catch(setRootError);
    else setSelected(key);
  };

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="360px">
        <Card title={t('nav.regions')} styles={{ body: { padding: 12 } }}>
          <RegionSearch onPick={(id) => reveal(id).catch(setRootError)} />
          {rootError != null && <Alert type="error" showIcon title={errorText(rootError, t)} style={{ margin: '8px 0' }} />}
          <div style={{ height: 'calc(100vh - 250px)', minHeight: 320, overflow: 'auto', marginTop: 8 }} data-testid="region-tree">
            {!roots && !rootError ? (
              <Spin style={{ display: 'block', margin: '40px auto' }} />
            ) : treeData.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('regions.none')} />
            ) : (
              <Tree
                blockNode
                showLine
                treeData={treeData}
                expandedKeys={expanded}
                onExpand={setExpanded}
                selectedKeys={selected ? [selected] : []}
                onSelect={onSelect}
                loadData={async (node) => tree.loadChildren(String(node.key)).catch(setRootError)}
              />
            )}
          </div>
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <RegionDetailPanel
          regionId={selected}
          onChanged={(region, parentId) => {
            if (region) tree.upsert(region);
            if (parentId !== undefined) tree.reloadChildren(parentId ?? ROOT_KEY).catch(setRootError);
          }}
          onDeleted={(region) => {
            tree.remove(region);
            setSelected(region.parentId);
          }}
          onSelect={(id) => void reveal(id).catch(setRootError)}
        />
      </Col>
    </Row>
  );
}

function NodeTitle({ name, kind }: { name: string; kind: string }) {
  return (
    <span data-region-name={name}>
      {name}
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
        {kind}
      </Typography.Text>
    </span>
  );
}

/** Finds regions by name or code anywhere in the tree (GET /regions?q=). */
function RegionSearch({ onPick }: { onPick(id: string): void }) {
  const { t, locale } = useI18n();
  const [options, setOptions] = useState<Region[]>([]);
  const [q, setQ] = useState('');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const term = q.trim();
    if (!term) return setOptions([]);
    const timer = setTimeout(() => {
      call(api.GET('/api/v1/regions', { params: { query: { q: term, limit: 20 } } }))
        .then((page) => {
          setOptions(page.items);
          setError(null);
        })
        .catch((e: unknown) => {
          setOptions([]);
          setError(e);
        });
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);

  return (
    <AutoComplete
      style={{ width: '100%' }}
      value={q}
      onChange={setQ}
      onSelect={(id: string) => {
        setQ('');
        onPick(id);
      }}
      options={options.map((r) => ({ value: r.id, label: <NodeTitle name={`${r.name}（${r.code}）`} kind={regionKindLabel(r.kind, locale)} /> }))}
      notFoundContent={!q.trim() ? null : error ? errorText(error, t) : t('regions.noMatch')}
    >
      <Input.Search allowClear placeholder={t('regions.searchPlaceholder')} />
    </AutoComplete>
  );
}
