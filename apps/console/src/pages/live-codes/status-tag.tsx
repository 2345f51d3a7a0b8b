import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TLiveCodeStatus } from './types.ts';

const COLORS: Record<TLiveCodeStatus, string> = { active: 'green', paused: 'orange', archived: 'default' };

export const StatusTag = ({ status }: { status: TLiveCodeStatus }) => {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`liveCodes.status.${status}`)}</Tag>;
};
