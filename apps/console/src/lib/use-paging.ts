import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export type TPagingOptions = {
  /** The page size to start with. */
  pageSize?: number;
  /** The sizes offered by the size changer (antd's default when left out). */
  pageSizeOptions?: number[];
  /** Go back to the first page when the size changes (instead of antd's page clamped to the new size). */
  firstPageOnResize?: boolean;
};

/**
 * Server-side paging of a list: the page and its size, and the antd pagination props (for a
 * `Table`'s `pagination` or spread on a `Pagination`) that show the total and change them.
 *
 * @example
 * const paging = usePaging({ pageSize: 24, pageSizeOptions: [24, 48], firstPageOnResize: true });
 * <Table pagination={paging.pagination(list.data?.total ?? 0)} />
 * <Input onChange={() => paging.resetPage()} />
 */
export const usePaging = ({
  pageSize: initialPageSize = 20,
  pageSizeOptions,
  firstPageOnResize = false,
}: TPagingOptions = {}) => {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const pagination = (total: number) =>
    ({
      current: page,
      pageSize,
      total,
      showSizeChanger: true,
      ...(pageSizeOptions ? { pageSizeOptions } : {}),
      showTotal: (n: number) => t('common.total', { total: n }),
      onChange: (p: number, size: number) => {
        setPage(firstPageOnResize && size !== pageSize ? 1 : p);
        setPageSize(size);
      },
    }) satisfies TablePaginationConfig;
  return { page, pageSize, resetPage: () => setPage(1), pagination };
};

export type TPaging = ReturnType<typeof usePaging>;
