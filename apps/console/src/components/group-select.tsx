import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGroupOptions } from '../lib/queries.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { useLabelCache } from '../lib/use-label-cache.ts';
import type { TGroup } from '../types.ts';

type TProps = {
  value?: number | null;
  onChange?: (v: number | undefined, group: TGroup | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
};

export const groupLabel = (g: TGroup) => `${g.name} (${g.memberCount}/${g.memberCap})`;

/** Customer-group picker that searches by name on the server. */
export const GroupSelect = ({ value, onChange, allowClear = true, placeholder, style }: TProps) => {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching } = useGroupOptions({ q: q || undefined });
  const groups = data?.items ?? [];
  const options = useLabelCache(
    groups.map((g) => ({ value: g.id, label: groupLabel(g) })),
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
