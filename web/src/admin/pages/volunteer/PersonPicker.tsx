import type { CSSProperties } from 'react';
import { Select, Spin, Typography } from 'antd';
import { api, call } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { useSearchOptions } from '../../hooks/useSearchOptions.js';
import { useI18n } from '../../i18n.js';

export interface Person {
  id: string;
  name: string;
  phone: string;
  hint?: string;
}

interface Props {
  value?: string;
  onChange?(id: string | undefined, person?: Person): void;
  /** People offered first (the item's roster), before any search. */
  known: Person[];
  id?: string;
  style?: CSSProperties;
}

/** A person for staff entry: someone on the roster, or anyone found by name or full mobile number (GET /users?q=). */
export function PersonPicker({ value, onChange, known, id, style }: Props) {
  const { t } = useI18n();
  const search = useSearchOptions(async (q) =>
    q ? (await call(api.GET('/api/v1/users', { params: { query: { q, limit: 20 } } }))).items.map((u) => ({ id: u.id, name: u.name, phone: u.phone, hint: u.regionName ?? undefined })) : [],
  );
  const q = search.q.trim();
  const fromRoster = known.filter((p) => !q || p.name.includes(q) || p.phone.includes(q));
  const people = [...fromRoster, ...search.options.filter((o) => !fromRoster.some((k) => k.id === o.id))];
  if (value && !people.some((p) => p.id === value)) {
    const k = known.find((p) => p.id === value);
    if (k) people.unshift(k);
  }
  return (
    <Select
      id={id}
      style={style}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v, people.find((p) => p.id === v))}
      allowClear
      placeholder={t('vol.entry.pickPerson')}
      showSearch={{ searchValue: search.q, onSearch: search.setQ, filterOption: false }}
      options={people.map((p) => ({ value: p.id, label: `${p.name}（${p.phone}）`, person: p }))}
      optionRender={(o) => (
        <div>
          {o.data.person.name}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
            {o.data.person.phone}
            {o.data.person.hint ? ` · ${o.data.person.hint}` : ''}
          </Typography.Text>
        </div>
      )}
      notFoundContent={search.loading && q ? <Spin size="small" /> : search.error ? errorText(search.error, t) : t('vol.entry.noPerson')}
    />
  );
}
