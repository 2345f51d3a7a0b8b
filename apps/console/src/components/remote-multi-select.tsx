import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../lib/use-debounced.ts';
import { useLabelCache } from '../lib/use-label-cache.ts';

/** The props a form passes to a server-searched multiple select (an antd Form.Item supplies value/onChange). */
export type TRemoteMultiSelectProps = {
  value?: number[];
  onChange?: (v: number[]) => void;
  /** Records already chosen (from the record being edited), so their names show before any search. */
  known?: { id: number; name: string }[];
  disabled?: boolean;
  placeholder?: string;
  'data-testid'?: string;
};

type TProps<T extends { id: number }> = TRemoteMultiSelectProps & {
  /** The matches for the (trimmed, debounced) search text; a module-level hook, e.g. over react-query. */
  useSearch: (q: string) => { data?: { items: T[] }; isFetching: boolean };
  label: (item: T) => string;
};

/** Several records searched on the server (a brand can have thousands), remembering the labels of chosen ids. */
export const RemoteMultiSelect = <T extends { id: number }>({
  value,
  onChange,
  known,
  disabled,
  placeholder,
  'data-testid': testId,
  useSearch,
  label,
}: TProps<T>) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching } = useSearch(q);
  const options = useLabelCache(
    (data?.items ?? []).map((item) => ({ value: item.id, label: label(item) })),
    value,
    known,
  );
  return (
    <Select<number[]>
      mode="multiple"
      value={value ?? []}
      disabled={disabled}
      onChange={(ids) => onChange?.(ids)}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={isFetching}
      placeholder={placeholder}
      options={options}
      notFoundContent={t('common.noData')}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
};
