import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import type { TGroup, TPage } from '../../types.ts';

type TProps = {
  value?: number[];
  onChange?: (v: number[]) => void;
  /** Groups already chosen (from the campaign), so their names show before any search. */
  known?: { id: number; name: string }[];
  disabled?: boolean;
};

/** Several customer groups, searched on the server by name (a brand can have thousands). */
export const GroupMultiSelect = ({ value, onChange, known = [], disabled }: TProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching } = useQuery({
    queryKey: ['group-options', q, 'active'],
    queryFn: ({ signal }) =>
      api<TPage<TGroup>>('/api/groups', { signal, query: { page: 1, pageSize: 50, q: q || undefined, status: 'active' } }),
    staleTime: 10_000,
  });
  const [names, setNames] = useState<Map<number, string>>(() => new Map(known.map((k) => [k.id, k.name])));
  const fetched = (data?.items ?? []).map((g) => ({
    value: g.id,
    label: `${g.name} (${g.memberCount}/${g.memberCap})`,
  }));
  const options = [
    ...fetched,
    ...(value ?? [])
      .filter((id) => !fetched.some((o) => o.value === id))
      .map((id) => ({ value: id, label: names.get(id) ?? `#${id}` })),
  ];
  return (
    <Select<number[]>
      mode="multiple"
      value={value ?? []}
      disabled={disabled}
      onChange={(ids) => {
        const next = new Map(names);
        for (const o of fetched) if (ids.includes(o.value)) next.set(o.value, o.label);
        setNames(next);
        onChange?.(ids);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      placeholder={t('checkins.form.groupsPlaceholder')}
      options={options}
      notFoundContent={t('common.noData')}
      data-testid="checkin-groups"
      style={{ width: '100%' }}
    />
  );
};
