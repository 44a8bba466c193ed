import { Popup, SearchBar } from 'antd-mobile';
import { useMemo, useState } from 'react';
import { api, call } from '../../../../api/client.js';
import { useT } from '../../../../i18n/index.js';
import { CheckOutline } from './icons.js';
import { useRequest } from '../../../lib/useRequest.js';
import type { Region } from '../api.js';
import { LoadState } from './LoadState.js';

export interface CommunityChoice {
  id: string;
  name: string;
  subdistrict: string | null;
}

/** Every community of the tenant with its subdistrict's name (two small reads; the region tree is public). */
async function fetchCommunities(): Promise<CommunityChoice[]> {
  const [communities, subdistricts] = await Promise.all([
    call(api.GET('/api/v1/regions', { params: { query: { kind: 'community', limit: 200 } } })),
    call(api.GET('/api/v1/regions', { params: { query: { kind: 'subdistrict', limit: 200 } } })),
  ]);
  const names = new Map(subdistricts.items.map((s: Region) => [s.id, s.name]));
  return communities.items.map((c) => ({ id: c.id, name: c.name, subdistrict: (c.parentId && names.get(c.parentId)) || null }));
}

/** A searchable bottom sheet of communities (报到社区, 转社区). */
export function CommunityPicker(props: { visible: boolean; title: string; value?: string | null; exclude?: string | null; onSelect: (c: CommunityChoice) => void; onClose: () => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const request = useRequest(() => (props.visible ? fetchCommunities() : Promise.resolve(undefined as unknown as CommunityChoice[])), [props.visible]);
  const list = useMemo(() => {
    const all = (request.data ?? []).filter((c) => c.id !== props.exclude);
    const needle = q.trim();
    return needle ? all.filter((c) => c.name.includes(needle) || c.subdistrict?.includes(needle)) : all;
  }, [request.data, q, props.exclude]);

  return (
    <Popup visible={props.visible} onMaskClick={props.onClose} onClose={props.onClose} bodyClassName="vol-sheet-body vol-sheet-body--tall">
      <div className="vol-picker" role="dialog" aria-label={props.title} data-testid="community-picker">
        <div className="vol-picker-head">
          <h2 className="ll-sheet-title">{props.title}</h2>
          <SearchBar placeholder={t('vol.community.search')} value={q} onChange={setQ} className="vol-search" />
        </div>
        <div className="vol-picker-list">
          <LoadState {...request} isEmpty={() => list.length === 0} empty={{ title: t('vol.community.none') }}>
            {() => (
              <ul className="vol-options" role="listbox" aria-label={props.title}>
                {list.map((c) => (
                  <li key={c.id}>
                    <button type="button" role="option" aria-selected={c.id === props.value} className="vol-option" onClick={() => props.onSelect(c)}>
                      <span className="vol-option-main">
                        <span className="vol-option-name">{c.name}</span>
                        {c.subdistrict && <span className="vol-option-desc">{c.subdistrict}</span>}
                      </span>
                      {c.id === props.value && <CheckOutline className="ll-check" />}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </LoadState>
        </div>
      </div>
    </Popup>
  );
}
