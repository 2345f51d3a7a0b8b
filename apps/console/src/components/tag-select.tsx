import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTagGroups } from '../lib/queries.ts';

type TProps = {
  value?: number[];
  onChange?: (v: number[]) => void;
  excludeIds?: number[];
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
};

/** Multi-select of tags, grouped by tag group. */
export const TagSelect = ({ value, onChange, excludeIds, placeholder, style, testId }: TProps) => {
  const { t } = useTranslation();
  const { data, isPending } = useTagGroups();
  const options = (data?.items ?? [])
    .map((g) => ({
      label: g.name,
      title: g.name,
      options: g.tags.filter((tag) => !excludeIds?.includes(tag.id)).map((tag) => ({ value: tag.id, label: tag.name })),
    }))
    .filter((g) => g.options.length > 0);
  return (
    <Select<number[]>
      mode="multiple"
      value={value}
      onChange={(v) => onChange?.(v)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={isPending}
      placeholder={placeholder ?? t('common.tags')}
      style={style ?? { minWidth: 220 }}
      maxTagCount="responsive"
      options={options}
      notFoundContent={t('common.noData')}
      data-testid={testId}
    />
  );
};
