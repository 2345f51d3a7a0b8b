import type { TPagedList } from './use-paged-list.ts';

/**
 * The props a `Table` of a paged list shares: rows keyed by id, the current page's rows, a spinner
 * on the first load and while a new page or filter loads (not during background refetches), and the
 * paging.
 *
 * @example
 * <Table<TScript> {...pagedTableProps(paged)} columns={columns} />
 */
export const pagedTableProps = <T>({ list, paging }: Pick<TPagedList<T>, 'list' | 'paging'>) => ({
  rowKey: 'id' as const,
  loading: list.isPending || (list.isFetching && list.isPlaceholderData),
  dataSource: list.data?.items ?? [],
  pagination: paging.pagination(list.data?.total ?? 0),
});
