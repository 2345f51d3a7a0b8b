import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { ApiError, api } from '../api.ts';
import type { TRole, TSession } from '../types.ts';

export const SESSION_KEY = ['me'] as const;

/** The signed-in account, or null when there is no session (a 401 on /api/me is not an error). */
export const useSessionQuery = () =>
  useQuery({
    queryKey: SESSION_KEY,
    queryFn: async ({ signal }) => {
      try {
        return await api<TSession>('/api/me', { signal, silent: true, allowUnauthenticated: true });
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });

export const SessionContext = createContext<TSession | null>(null);

/** The session inside the signed-in layout (RequireAuth guarantees it is there). */
export const useSession = (): TSession => {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession must be used below RequireAuth');
  return s;
};

export type TSection =
  | 'home'
  | 'customers'
  | 'tags'
  | 'groups'
  | 'org'
  | 'orders'
  | 'simulator'
  | 'audit'
  | 'liveCodes'
  | 'groupCodes'
  | 'storeCodes'
  | 'posters'
  | 'fission'
  | 'referral'
  | 'checkins'
  | 'rewards'
  | 'materials'
  | 'scripts'
  | 'keywordReplies'
  | 'audiences'
  | 'automations'
  | 'broadcasts'
  | 'sops'
  | 'moments'
  | 'guideTasks'
  | 'wecom';

const hiddenFrom: Record<TSection, TRole[]> = {
  home: [],
  customers: [],
  tags: [],
  groups: [],
  org: ['guide'],
  orders: [],
  simulator: [],
  audit: ['operator', 'store_manager', 'guide'],
  liveCodes: [],
  groupCodes: ['guide'],
  storeCodes: ['guide'],
  posters: ['guide'],
  fission: [],
  referral: [],
  checkins: [],
  rewards: [],
  materials: [],
  scripts: [],
  keywordReplies: ['guide'],
  audiences: ['guide'],
  automations: ['guide'],
  broadcasts: ['guide'],
  sops: ['guide'],
  moments: ['guide'],
  guideTasks: [],
  // Connecting WeCom is for HQ admins only (the API checks it too).
  wecom: ['operator', 'store_manager', 'guide'],
};

export const canSee = (role: TRole, section: TSection): boolean => !hiddenFrom[section].includes(role);

/** Who may change tenant-wide settings (tag library, org units). Store managers and guides only read them. */
export const canManageTenant = (role: TRole): boolean => role === 'admin' || role === 'operator';

/** Who may add staff or hand customers over. */
export const canManageStaff = (role: TRole): boolean => role !== 'guide';
