import { useEffect, useState, type CSSProperties } from 'react';
import { Select, Spin, Typography } from 'antd';
import { api, call } from '../../api/client.js';
import type { OrgKind } from '../api-types.js';
import { errorText } from '../hooks/errors.js';
import { useSearchOptions } from '../hooks/useSearchOptions.js';
import { useI18n } from '../i18n.js';
import { orgKindLabel } from '../labels.js';

interface Props {
  value?: string | null;
  onChange?(id: string | undefined): void;
  kind?: OrgKind;
  placeholder?: string;
  style?: CSSProperties;
  allowClear?: boolean;
  id?: string;
}

/** Picks an organisation by searching names and codes on the server (GET /organisations?q=). */
export function OrgSelect({ value, onChange, kind, placeholder, style, allowClear = true, id }: Props) {
  const { t, locale } = useI18n();
  const [presetName, setPresetName] = useState<string>();
  const search = useSearchOptions((q) => call(api.GET('/api/v1/organisations', { params: { query: { q: q || undefined, kind, limit: 20 } } })).then((p) => p.items), [kind]);

  useEffect(() => {
    if (!value || search.options.some((o) => o.id === value)) return;
    call(api.GET('/api/v1/organisations/{id}', { params: { path: { id: value } } }))
      .then((o) => setPresetName(o.name))
      .catch(() => setPresetName(undefined));
  }, [value]);

  const options = search.options.map((o) => ({
    value: o.id,
    label: o.name,
    title: o.name,
    hint: `${orgKindLabel(o.kind, locale)}${o.subtype ? ` · ${o.subtype}` : ''} · ${o.regionName}`,
  }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: presetName ?? '…', title: presetName ?? '', hint: '' });

  return (
    <Select
      id={id}
      style={style}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      allowClear={allowClear}
      placeholder={placeholder ?? t('orgs.pickPlaceholder')}
      showSearch={{ searchValue: search.q, onSearch: search.setQ, filterOption: false }}
      options={options}
      optionRender={(o) => (
        <div>
          {o.data.label}
          {o.data.hint && (
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
              {o.data.hint}
            </Typography.Text>
          )}
        </div>
      )}
      notFoundContent={search.loading ? <Spin size="small" /> : search.error ? errorText(search.error, t) : t('table.empty')}
      popupMatchSelectWidth={360}
    />
  );
}
