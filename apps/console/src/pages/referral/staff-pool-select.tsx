import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaffOptions } from '../../lib/queries.ts';
import { useDebounced } from '../../lib/use-debounced.ts';

type TProps = {
  value?: number[];
  onChange?: (v: number[]) => void;
  /** Staff already in the pool, so their names show before any search. */
  known?: { id: number; name: string }[];
  disabled?: boolean;
};

/** Several active staff members, searched on the server (a brand can have thousands of guides). */
export const StaffPoolSelect = ({ value, onChange, known = [], disabled }: TProps) => {
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
      .map((id) => ({ value: id, label: names.get(id) ?? known.find((k) => k.id === id)?.name ?? `#${id}` })),
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
      placeholder={t('referral.form.staffPlaceholder')}
      options={options}
      notFoundContent={t('common.noData')}
      data-testid="referral-staff-pool"
      style={{ width: '100%' }}
    />
  );
};
