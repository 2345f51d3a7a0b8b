import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { useLabelCache } from '../lib/use-label-cache.ts';
import type { TCustomer, TPage } from '../types.ts';

type TProps = {
  value?: number | null;
  onChange?: (v: number | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  /** Options the caller already knows (e.g. picked elsewhere), so the chosen value shows a name. */
  known?: { value: number; label: string }[];
};

/** Customer picker: searches by name/phone, and a typed number can be picked as an id directly. */
export const CustomerSelect = ({ value, onChange, allowClear = true, placeholder, style, known }: TProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching } = useQuery({
    queryKey: ['customer-options', q],
    queryFn: ({ signal }) =>
      api<TPage<TCustomer>>('/api/customers', { signal, query: { page: 1, pageSize: 20, q: q || undefined } }),
    staleTime: 10_000,
  });
  const options = useLabelCache(
    [
      ...(data?.items ?? []).map((c) => ({
        value: c.id,
        label: `${c.name} · #${c.id}${c.phone ? ` · ${c.phone}` : ''}`,
      })),
      ...(known ?? []).filter((k) => !data?.items.some((c) => c.id === k.value)),
    ],
    value,
  );
  const typedId = /^\d+$/.test(search.trim()) ? Number(search.trim()) : null;
  if (typedId && typedId > 0 && !options.some((o) => o.value === typedId)) {
    options.unshift({ value: typedId, label: t('common.useId', { id: typedId }) });
  }
  return (
    <Select<number>
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      placeholder={placeholder ?? t('common.customerSearch')}
      style={style ?? { width: 260 }}
      options={options}
      notFoundContent={t('common.noData')}
    />
  );
};
