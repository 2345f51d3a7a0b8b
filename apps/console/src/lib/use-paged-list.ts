import { keepPreviousData, type Query, useQuery } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { api, type TQuery } from '../api.ts';
import type { TPage } from '../types.ts';
import { useDebounced } from './use-debounced.ts';
import { type TPagingOptions, usePaging } from './use-paging.ts';

type TPagedListOptions<T, F> = {
  /** Start of the react-query key, which mutations invalidate: `[...key, filters, q, page, pageSize]`. */
  key: string | readonly unknown[];
  /** The list endpoint; it takes `q`, `page`, `pageSize` and the filters' query as query parameters. */
  endpoint: string;
  /** The filters to start with. */
  filters?: F;
  /** The filters as query parameters; default: as they are. */
  toQuery?: (filters: F) => TQuery;
  paging?: TPagingOptions;
  /** Poll every so many ms, or while the loaded page says so (e.g. while something on it is being sent). */
  refetchInterval?: number | ((query: Query<TPage<T>, Error, TPage<T>, readonly unknown[]>) => number | false);
};

/**
 * A searchable, filterable list paged on the server: the search box's state (debounced into `q`),
 * the filters, the paging and the query. Changing the search or a filter goes back to page 1.
 *
 * @example
 * const paged = usePagedList<TBroadcast, { status?: TBroadcastStatus }>({ key: 'broadcasts', endpoint: '/api/broadcasts' });
 * <Input.Search {...paged.searchProps} />
 * <Select value={paged.filters.status} onChange={(status) => paged.setFilters({ status })} />
 */
export const usePagedList = <T, F extends object = Record<never, never>>({
  key,
  endpoint,
  filters: initialFilters,
  toQuery = (f) => f as TQuery,
  paging: pagingOptions,
  refetchInterval,
}: TPagedListOptions<T, F>) => {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [filters, setAllFilters] = useState<F>(initialFilters ?? ({} as F));
  const paging = usePaging(pagingOptions);
  const { page, pageSize } = paging;
  const list = useQuery({
    queryKey: [...(typeof key === 'string' ? [key] : key), filters, q, page, pageSize] as readonly unknown[],
    queryFn: ({ signal }) =>
      api<TPage<T>>(endpoint, { signal, query: { ...toQuery(filters), q: q || undefined, page, pageSize } }),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
  return {
    list,
    paging,
    /** The search, trimmed and debounced, as sent. */
    q,
    filters,
    /** Changes some filters and goes back to page 1. */
    setFilters: (patch: Partial<F>) => {
      setAllFilters((prev) => ({ ...prev, ...patch }));
      paging.resetPage();
    },
    /** Props of the search box (`Input.Search`): its value, and going back to page 1 as it changes. */
    searchProps: {
      value: search,
      onChange: (e: ChangeEvent<HTMLInputElement>) => {
        setSearch(e.target.value);
        paging.resetPage();
      },
    },
  };
};

export type TPagedList<T> = ReturnType<typeof usePagedList<T>>;
