import { Select } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaffOptions } from '../../lib/queries.ts';
import { useDebounced } from '../../lib/use-debounced.ts';

type TCommon = {
  /** Names of staff already on the code (they may not be in the current page of search results). */
  known?: ReadonlyMap<number, string>;
  excludeIds?: number[];
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
};
type TSingle = TCommon & { multiple?: false; value?: number; onChange?: (v: number | undefined) => void };
type TMultiple = TCommon & { multiple: true; value?: number[]; onChange?: (v: number[]) => void };

/** Active staff, searched on the server; single or multiple. Shows the names of staff already chosen. */
export const StaffPicker = (props: TSingle | TMultiple) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching } = useStaffOptions({ q: q || undefined, status: 'active' });
  const labels = useRef(new Map<number, string>());
  for (const [id, name] of props.known ?? []) if (!labels.current.has(id)) labels.current.set(id, name);
  const fetched = (data?.items ?? [])
    .filter((s) => !props.excludeIds?.includes(s.id))
    .map((s) => {
      const label = s.storeName ? `${s.name} · ${s.storeName}` : s.name;
      labels.current.set(s.id, label);
      return { value: s.id, label };
    });
  const chosen = props.multiple ? (props.value ?? []) : props.value === undefined ? [] : [props.value];
  const options = [
    ...fetched,
    ...chosen
      .filter((id) => !fetched.some((o) => o.value === id))
      .map((id) => ({ value: id, label: labels.current.get(id) ?? `#${id}` })),
  ];
  const common = {
    showSearch: { filterOption: false, onSearch: setSearch },
    loading: isFetching,
    placeholder: props.placeholder ?? t('common.staff'),
    style: props.style ?? { width: '100%' },
    options,
    notFoundContent: t('common.noData'),
    'data-testid': props.testId,
  };
  if (props.multiple) {
    return (
      <Select<number[]>
        {...common}
        mode="multiple"
        allowClear
        value={props.value}
        onChange={(v) => props.onChange?.(v)}
        maxTagCount="responsive"
      />
    );
  }
  return <Select<number> {...common} value={props.value} onChange={(v) => props.onChange?.(v ?? undefined)} />;
};
