import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { TGroup, TOrgUnit, TPage, TStaff, TTagGroup } from '../types.ts';

export const MAX_PAGE_SIZE = 200;

export const useOrgUnits = () =>
  useQuery({
    queryKey: ['org-units'],
    queryFn: ({ signal }) => api<{ items: TOrgUnit[] }>('/api/org/units', { signal }),
    staleTime: 60_000,
  });

export const useStores = () => {
  const q = useOrgUnits();
  const stores = (q.data?.items ?? []).filter((u) => u.kind === 'store');
  return { ...q, stores };
};

/** Every tag group with its tags (the tag library is small: a few hundred tags at most). */
export const useTagGroups = () =>
  useQuery({
    queryKey: ['tag-groups'],
    queryFn: ({ signal }) => api<TPage<TTagGroup>>('/api/tag-groups', { signal, query: { page: 1, pageSize: MAX_PAGE_SIZE } }),
    staleTime: 30_000,
  });

export const useStaffOptions = (opts: { q?: string; storeId?: number; status?: 'active' | 'resigned' }) =>
  useQuery({
    queryKey: ['staff-options', opts],
    queryFn: ({ signal }) => api<TPage<TStaff>>('/api/staff', { signal, query: { page: 1, pageSize: 50, ...opts } }),
    staleTime: 30_000,
  });

export const useGroupOptions = (opts: { q?: string; status?: 'active' | 'dismissed' }) =>
  useQuery({
    queryKey: ['group-options', opts],
    queryFn: ({ signal }) => api<TPage<TGroup>>('/api/groups', { signal, query: { page: 1, pageSize: 50, ...opts } }),
    staleTime: 10_000,
  });
