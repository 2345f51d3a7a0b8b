import { lazy, type ReactNode, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Loading } from './ui.tsx';

// One page per short-link kind (see packages/core/src/modules/links/link-kinds.ts), plus the
// customer's own pages under /h5/.
const GroupCodePage = lazy(() => import('./pages/group-code-page.tsx').then((m) => ({ default: m.GroupCodePage })));
const StoreCodePage = lazy(() => import('./pages/store-code-page.tsx').then((m) => ({ default: m.StoreCodePage })));
const FissionPage = lazy(() => import('./pages/fission-page.tsx').then((m) => ({ default: m.FissionPage })));
const ReferralPage = lazy(() => import('./pages/referral-page.tsx').then((m) => ({ default: m.ReferralPage })));
const CheckinPage = lazy(() => import('./pages/checkin-page.tsx').then((m) => ({ default: m.CheckinPage })));
const StaffCardPage = lazy(() => import('./pages/staff-card-page.tsx').then((m) => ({ default: m.StaffCardPage })));
const RewardsPage = lazy(() => import('./pages/rewards-page.tsx').then((m) => ({ default: m.RewardsPage })));
const WorkbenchPage = lazy(() => import('./pages/workbench/workbench-page.tsx').then((m) => ({ default: m.WorkbenchPage })));
const NotFoundPage = lazy(() => import('./pages/not-found-page.tsx').then((m) => ({ default: m.NotFoundPage })));

const page = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

export const App = () => (
  <BrowserRouter>
    <Routes>
      <Route path="/j/:slug" element={page(<GroupCodePage />)} />
      <Route path="/s/:slug" element={page(<StoreCodePage />)} />
      <Route path="/f/:slug" element={page(<FissionPage />)} />
      <Route path="/r/:slug" element={page(<ReferralPage />)} />
      <Route path="/c/:slug" element={page(<CheckinPage />)} />
      <Route path="/p/:slug" element={page(<StaffCardPage />)} />
      <Route path="/h5/rewards" element={page(<RewardsPage />)} />
      <Route path="/h5/workbench/*" element={page(<WorkbenchPage />)} />
      <Route path="*" element={page(<NotFoundPage />)} />
    </Routes>
  </BrowserRouter>
);
