import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaffOptions } from '../lib/queries.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { useLabelCache } from '../lib/use-label-cache.ts';
import type { TStaff } from '../types.ts';

type TProps = {
  value?: number | null;
  onChange?: (v: number | undefined) => void;
  storeId?: number;
  status?: 'active' | 'resigned';
  excludeIds?: number[];
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
  /** Called with the chosen staff record (when it is in the current page of matches). */
  onPick?: (staff: TStaff | undefined) => void;
};

export const staffLabel = (s: TStaff) => (s.storeName ? `${s.name} · ${s.storeName}` : s.name);

/** Staff picker that searches the server (a brand can have thousands of guides). */
export const StaffSelect = ({
  value,
  onChange,
  storeId,
  status,
  excludeIds,
  allowClear = true,
  placeholder,
  style,
  testId,
  onPick,
}: TProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching } = useStaffOptions({ q: q || undefined, storeId, status });
  const fetched = (data?.items ?? [])
    .filter((s) => !excludeIds?.includes(s.id))
    .map((s) => ({ value: s.id, label: staffLabel(s) }));
  const options = useLabelCache(fetched, value);
  return (
    <Select<number>
      value={value ?? undefined}
      onChange={(v) => {
        onChange?.(v ?? undefined);
        onPick?.(data?.items.find((s) => s.id === v));
      }}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      placeholder={placeholder ?? t('common.staff')}
      style={style ?? { width: 180 }}
      options={options}
      notFoundContent={t('common.noData')}
      data-testid={testId}
    />
  );
};
