import { Button, Tooltip } from 'antd';
import type { ReactNode } from 'react';

/**
 * A small borderless icon button of a row's actions, named by its tooltip.
 *
 * @example
 * <TooltipIconButton title={t('common.edit')} icon={<EditOutlined />} onClick={() => edit(row)} testId={`x-edit-${row.id}`} />
 */
export const TooltipIconButton = ({
  title,
  icon,
  onClick,
  loading,
  testId,
}: {
  title: ReactNode;
  icon: ReactNode;
  onClick: () => void;
  loading?: boolean;
  testId?: string;
}) => (
  <Tooltip title={title}>
    <Button size="small" type="text" icon={icon} loading={loading} onClick={onClick} data-testid={testId} />
  </Tooltip>
);
