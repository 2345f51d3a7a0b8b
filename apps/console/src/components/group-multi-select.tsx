import { useTranslation } from 'react-i18next';
import { useGroupOptions } from '../lib/queries.ts';
import { groupLabel } from './group-select.tsx';
import { RemoteMultiSelect, type TRemoteMultiSelectProps } from './remote-multi-select.tsx';

const useActiveGroups = (q: string) => useGroupOptions({ q: q || undefined, status: 'active' });

/** Several active customer groups, searched on the server by name (a brand can have thousands). */
export const GroupMultiSelect = ({ placeholder, ...props }: TRemoteMultiSelectProps) => {
  const { t } = useTranslation();
  return (
    <RemoteMultiSelect
      {...props}
      placeholder={placeholder ?? t('common.groupSearch')}
      useSearch={useActiveGroups}
      label={groupLabel}
    />
  );
};
