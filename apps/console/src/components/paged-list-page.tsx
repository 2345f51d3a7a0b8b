import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Table, type TableColumnsType, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { TPagedList } from '../lib/use-paged-list.ts';
import { PageHeader } from './page-header.tsx';
import { QueryError } from './query-error.tsx';

type TProps<T extends { id: number }> = {
  title: ReactNode;
  /** The primary "new" button in the header; left out for those who may not create. */
  create?: { label: string; onClick: () => void; testId: string };
  intro: ReactNode;
  /** Shown between the intro and the list's card (e.g. a test box). */
  before?: ReactNode;
  /** The list's state, from `usePagedList`. */
  paged: Pick<TPagedList<T>, 'list' | 'paging' | 'searchProps'>;
  search: { placeholder: string; testId?: string };
  /** Filter controls after the search box. */
  filters?: ReactNode;
  tableTestId: string;
  /** What the table shows when the loaded list is empty. */
  empty: ReactNode;
  /** The table's spinner; default: while the list is fetching. */
  loading?: boolean;
  columns: TableColumnsType<T>;
  /** Rendered after the card (drawers, modals). */
  children?: ReactNode;
};

/**
 * A list page paged on the server: a header with its "new" button, an intro, and a card with a
 * search box, filters, the load error and the table.
 *
 * @example
 * const paged = usePagedList<TRule>({ key: 'rules', endpoint: '/api/rules' });
 * <PagedListPage<TRule> title="Rules" intro="…" paged={paged} search={{ placeholder: 'Search' }}
 *   tableTestId="rule-list" empty="No rules" columns={columns} />
 */
export const PagedListPage = <T extends { id: number }>({
  title,
  create,
  intro,
  before,
  paged: { list, paging, searchProps },
  search,
  filters,
  tableTestId,
  empty,
  loading,
  columns,
  children,
}: TProps<T>) => (
  <>
    <PageHeader
      title={title}
      extra={
        create ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={create.onClick} data-testid={create.testId}>
            {create.label}
          </Button>
        ) : null
      }
    />
    <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
    {before}
    <Card>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={search.placeholder}
          style={{ width: 240 }}
          {...searchProps}
          data-testid={search.testId}
        />
        {filters}
      </Flex>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<T>
        rowKey="id"
        data-testid={tableTestId}
        loading={loading ?? list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.isPending ? ' ' : empty }}
        pagination={paging.pagination(list.data?.total ?? 0)}
        columns={columns}
      />
    </Card>
    {children}
  </>
);
