import { type CSSProperties } from 'react';
import { Select, Spin, Typography } from 'antd';
import { api, call } from '../../api/client.js';
import type { UserSummary } from '../api-types.js';
import { errorText } from '../hooks/errors.js';
import { useSearchOptions } from '../hooks/useSearchOptions.js';
import { useI18n } from '../i18n.js';

interface Props {
  value?: UserSummary | null;
  onChange?(user: UserSummary | undefined): void;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
}

/** Picks a person by name or full phone number (GET /users?q=); phones stay masked. */
export function UserSelect({ value, onChange, placeholder, style, id }: Props) {
  const { t } = useI18n();
  const search = useSearchOptions((q) => call(api.GET('/api/v1/users', { params: { query: { q: q || undefined, limit: 20 } } })).then((p) => p.items));
  const options = search.options.map((u) => ({ value: u.id, label: `${u.name}（${u.phone}）`, user: u }));
  if (value && !options.some((o) => o.value === value.id)) options.unshift({ value: value.id, label: `${value.name}（${value.phone}）`, user: value });

  return (
    <Select
      id={id}
      style={style}
      value={value?.id}
      onChange={(id: string | undefined) => onChange?.(options.find((o) => o.value === id)?.user)}
      allowClear
      placeholder={placeholder ?? t('people.pickPlaceholder')}
      showSearch={{ searchValue: search.q, onSearch: search.setQ, filterOption: false }}
      options={options}
      optionRender={(o) => (
        <div>
          {o.data.user.name}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
            {o.data.user.phone} · {o.data.user.regionName ?? '—'}
          </Typography.Text>
        </div>
      )}
      notFoundContent={search.loading ? <Spin size="small" /> : search.error ? errorText(search.error, t) : t('table.empty')}
    />
  );
}
