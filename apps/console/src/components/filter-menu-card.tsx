import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Menu, type MenuProps, Popconfirm, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from './query-error.tsx';

/** A menu entry's label: the name, and its count on the right. */
export const CountLabel = ({ name, count, testId }: { name: ReactNode; count: ReactNode; testId?: string }) => (
  <Flex justify="space-between" data-testid={testId}>
    <span>{name}</span>
    <Typography.Text type="secondary">{count}</Typography.Text>
  </Flex>
);

/**
 * The card at the left of a list page that filters it by category or folder: a menu of them, a "+"
 * in the corner to create one, and edit / delete buttons under the menu for the selected one (both
 * left out for those who may not edit).
 */
export const FilterMenuCard = ({
  title,
  create,
  query,
  items,
  selectedKey,
  onSelect,
  menuTestId,
  selected,
}: {
  title: ReactNode;
  create?: { label: string; onClick: () => void; testId?: string };
  /** The load of the entries, for its error. */
  query: { isError: boolean; error: unknown; refetch: () => unknown };
  items: MenuProps['items'];
  selectedKey: string;
  onSelect: (key: string) => void;
  menuTestId?: string;
  selected?: { editLabel: string; onEdit: () => void; deleteTitle: string; onDelete: () => void; deleteTestId?: string };
}) => {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={title}
      extra={
        create ? (
          <Button
            size="small"
            type="text"
            icon={<PlusOutlined />}
            aria-label={create.label}
            onClick={create.onClick}
            data-testid={create.testId}
          />
        ) : null
      }
    >
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Menu
        mode="inline"
        style={{ borderInlineEnd: 'none' }}
        selectedKeys={[selectedKey]}
        onClick={({ key }) => onSelect(key)}
        data-testid={menuTestId}
        items={items}
      />
      {selected ? (
        <Flex gap={8} style={{ marginTop: 8 }}>
          <Button size="small" icon={<EditOutlined />} onClick={selected.onEdit}>
            {selected.editLabel}
          </Button>
          <Popconfirm title={selected.deleteTitle} okButtonProps={{ danger: true }} onConfirm={selected.onDelete}>
            <Button size="small" danger icon={<DeleteOutlined />} data-testid={selected.deleteTestId}>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ) : null}
    </Card>
  );
};
