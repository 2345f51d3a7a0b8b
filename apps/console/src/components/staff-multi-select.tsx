import { useTranslation } from 'react-i18next';
import { useStaffOptions } from '../lib/queries.ts';
import { RemoteMultiSelect, type TRemoteMultiSelectProps } from './remote-multi-select.tsx';
import { staffLabel } from './staff-select.tsx';

const useActiveStaff = (q: string) => useStaffOptions({ q: q || undefined, status: 'active' });

/** Several active staff members, searched on the server (a brand can have thousands of guides). */
export const StaffMultiSelect = ({ placeholder, ...props }: TRemoteMultiSelectProps) => {
  const { t } = useTranslation();
  return (
    <RemoteMultiSelect {...props} placeholder={placeholder ?? t('common.staff')} useSearch={useActiveStaff} label={staffLabel} />
  );
};
