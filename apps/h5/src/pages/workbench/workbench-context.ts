import { createContext, useContext } from 'react';
import type { TCurrentCustomer } from './workbench-types.ts';

export type TWorkbenchState = {
  current: TCurrentCustomer | null;
  setCurrent: (c: TCurrentCustomer | null) => void;
  // Managers and HQ previewing a guide: everything is read-only.
  readOnly: boolean;
  toast: (text: string) => void;
  // The guide's name, for filling {{staff_name}} in previews.
  staffName: string;
};

export const WorkbenchContext = createContext<TWorkbenchState>({
  current: null,
  setCurrent: () => {},
  readOnly: false,
  toast: () => {},
  staffName: '',
});

export const useWorkbench = () => useContext(WorkbenchContext);
