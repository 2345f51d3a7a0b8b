import { createContext, useContext } from 'react';
import type { TCurrentCustomer } from './workbench-types.ts';

export type TWorkbenchState = {
  current: TCurrentCustomer | null;
  setCurrent: (c: TCurrentCustomer | null) => void;
  // Managers and HQ previewing a guide: everything is read-only.
  readOnly: boolean;
  toast: (text: string) => void;
};

export const WorkbenchContext = createContext<TWorkbenchState>({
  current: null,
  setCurrent: () => {},
  readOnly: false,
  toast: () => {},
});

export const useWorkbench = () => useContext(WorkbenchContext);
