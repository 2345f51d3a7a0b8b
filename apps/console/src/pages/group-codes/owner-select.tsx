import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaffOptions } from '../../lib/queries.ts';
import { useDebounced } from '../../lib/use-debounced.ts';

type TProps = {
  value?: number[];
  onChange?: (v: number[]) => void;
  /** Owners already chosen, so their names show before any search. */
  known?: { id: number; name: string }[];
};

/** The owner pool of a group code: active staff, searched on the server. */
export const OwnerSelect = ({ value, onChange, known = [] }: TProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching } = useStaffOptions({ q: q || undefined, status: 'active' });
  const [names, setNames] = useState<Map<number, string>>(() => new Map(known.map((k) => [k.id, k.name])));
  const fetched = (data?.items ?? []).map((s) => ({ value: s.id, label: s.storeName ? `${s.name} · ${s.storeName}` : s.name }));
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
      onChange={(ids) => {
        const next = new Map(names);
        for (const o of fetched) if (ids.includes(o.value)) next.set(o.value, o.label);
        setNames(next);
        onChange?.(ids);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      placeholder={t('common.staff')}
      options={options}
      notFoundContent={t('common.noData')}
      data-testid="group-code-owners"
      style={{ width: '100%' }}
    />
  );
};
