import { DeleteOutlined } from '@ant-design/icons';
import { Button, type ButtonProps, Popconfirm } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A small danger button that deletes after a confirmation: the trash icon alone (`icon`, labelled
 * "Delete" for screen readers), or the word "Delete".
 *
 * @example
 * <ConfirmDeleteButton title={t('x.deleteConfirm', { name })} onConfirm={() => remove.mutateAsync(id)}
 *   icon type="text" testId={`x-delete-${id}`} />
 */
export const ConfirmDeleteButton = ({
  title,
  onConfirm,
  icon = false,
  type,
  testId,
  okTestId,
}: {
  title: ReactNode;
  /** Runs on "OK"; a promise keeps the confirmation open, its OK button spinning, until it settles. */
  onConfirm: () => unknown;
  /** Show the trash icon instead of the word. */
  icon?: boolean;
  type?: ButtonProps['type'];
  testId?: string;
  /** Test id of the confirmation's OK button. */
  okTestId?: string;
}) => {
  const { t } = useTranslation();
  return (
    <Popconfirm
      title={title}
      onConfirm={onConfirm as () => void}
      okButtonProps={{ danger: true, ...(okTestId ? { 'data-testid': okTestId } : {}) } as ButtonProps}
    >
      <Button
        size="small"
        type={type}
        danger
        icon={icon ? <DeleteOutlined /> : undefined}
        aria-label={icon ? t('common.delete') : undefined}
        data-testid={testId}
      >
        {icon ? null : t('common.delete')}
      </Button>
    </Popconfirm>
  );
};
