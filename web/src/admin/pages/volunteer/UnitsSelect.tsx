import { useEffect, useState } from 'react';
import { Select, Spin } from 'antd';
import { api, call } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { useSearchOptions } from '../../hooks/useSearchOptions.js';
import { useI18n } from '../../i18n.js';

/** Several units picked by searching names (GET /organisations?kind=unit&q=), for eligibility by unit. */
export function UnitsSelect({ value, onChange, id }: { value?: string[]; onChange?(ids: string[]): void; id?: string }) {
  const { t } = useI18n();
  const search = useSearchOptions((q) => call(api.GET('/api/v1/organisations', { params: { query: { q: q || undefined, kind: 'unit', limit: 20 } } })).then((p) => p.items));
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    setNames((m) => ({ ...m, ...Object.fromEntries(search.options.map((o) => [o.id, o.name])) }));
  }, [search.options]);
  // Name preset units (an edited draft) that the search has not brought.
  useEffect(() => {
    for (const unitId of value ?? []) {
      if (names[unitId]) continue;
      call(api.GET('/api/v1/organisations/{id}', { params: { path: { id: unitId } } }))
        .then((o) => setNames((m) => ({ ...m, [o.id]: o.name })))
        .catch(() => undefined);
    }
  }, [value?.join()]);
  const ids = new Set([...(value ?? []), ...search.options.map((o) => o.id)]);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={(v: string[]) => onChange?.(v)}
      placeholder={t('vol.form.pickUnits')}
      showSearch={{ searchValue: search.q, onSearch: search.setQ, filterOption: false }}
      options={[...ids].map((unitId) => ({ value: unitId, label: names[unitId] ?? '…' }))}
      notFoundContent={search.loading ? <Spin size="small" /> : search.error ? errorText(search.error, t) : t('table.empty')}
    />
  );
}
