import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStores } from '../lib/queries.ts';

type TProps = {
  value?: number | null;
  onChange?: (v: number | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  disabled?: boolean;
};

export const StoreSelect = ({ value, onChange, allowClear = true, placeholder, style, disabled }: TProps) => {
  const { t } = useTranslation();
  const { stores, isPending } = useStores();
  return (
    <Select<number>
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      loading={isPending}
      placeholder={placeholder ?? t('common.store')}
      style={style ?? { width: 180 }}
      disabled={disabled}
      options={stores.map((s) => ({ value: s.id, label: s.city ? `${s.name} · ${s.city}` : s.name }))}
      notFoundContent={t('common.noData')}
    />
  );
};
