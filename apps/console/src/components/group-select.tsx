import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { useLabelCache } from '../lib/use-label-cache.ts';
import type { TGroup, TPage } from '../types.ts';

type TProps = {
  value?: number | null;
  onChange?: (v: number | undefined, group: TGroup | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
};

/** Customer-group picker that searches by name on the server. */
export const GroupSelect = ({ value, onChange, allowClear = true, placeholder, style }: TProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching } = useQuery({
    queryKey: ['group-options', q],
    queryFn: ({ signal }) => api<TPage<TGroup>>('/api/groups', { signal, query: { page: 1, pageSize: 50, q: q || undefined } }),
    staleTime: 10_000,
  });
  const groups = data?.items ?? [];
  const options = useLabelCache(
    groups.map((g) => ({ value: g.id, label: `${g.name} (${g.memberCount}/${g.memberCap})` })),
    value,
  );
  return (
    <Select<number>
      value={value ?? undefined}
      onChange={(v) =>
        onChange?.(
          v ?? undefined,
          groups.find((g) => g.id === v),
        )
      }
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      placeholder={placeholder ?? t('common.groupSearch')}
      style={style ?? { width: 280 }}
      options={options}
      notFoundContent={t('common.noData')}
    />
  );
};
