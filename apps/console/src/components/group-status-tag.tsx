import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TGroup } from '../types.ts';

export const GroupStatusTag = ({ status }: { status: TGroup['status'] }) => {
  const { t } = useTranslation();
  return <Tag color={status === 'active' ? 'green' : 'default'}>{t(`groups.statuses.${status}`)}</Tag>;
};
