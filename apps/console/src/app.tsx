import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes, useNavigate } from 'react-router';
import { ApiError, setErrorNotifier, setUnauthorizedHandler } from './api.ts';
import { AppLayout } from './components/app-layout.tsx';
import { FullPageSpin } from './components/full-page-spin.tsx';
import { RequireAuth, RequireSection } from './components/require-auth.tsx';
import { SESSION_KEY } from './lib/session.ts';
import { LoginPage } from './pages/login-page.tsx';

// Pages other than login load on demand so the first paint only pays for what it shows.
const HomePage = lazy(() => import('./pages/home-page.tsx').then((m) => ({ default: m.HomePage })));
const CustomersPage = lazy(() => import('./pages/customers-page.tsx').then((m) => ({ default: m.CustomersPage })));
const TagsPage = lazy(() => import('./pages/tags-page.tsx').then((m) => ({ default: m.TagsPage })));
const GroupsPage = lazy(() => import('./pages/groups-page.tsx').then((m) => ({ default: m.GroupsPage })));
const GroupDetailPage = lazy(() => import('./pages/group-detail-page.tsx').then((m) => ({ default: m.GroupDetailPage })));
const OrgPage = lazy(() => import('./pages/org-page.tsx').then((m) => ({ default: m.OrgPage })));
const OrdersPage = lazy(() => import('./pages/orders-page.tsx').then((m) => ({ default: m.OrdersPage })));
const SimulatorPage = lazy(() => import('./pages/simulator-page.tsx').then((m) => ({ default: m.SimulatorPage })));
const AuditPage = lazy(() => import('./pages/audit-page.tsx').then((m) => ({ default: m.AuditPage })));
const LiveCodesPage = lazy(() => import('./pages/live-codes-page.tsx').then((m) => ({ default: m.LiveCodesPage })));
const GroupCodesPage = lazy(() => import('./pages/group-codes-page.tsx').then((m) => ({ default: m.GroupCodesPage })));
const StoreCodesPage = lazy(() => import('./pages/store-codes-page.tsx').then((m) => ({ default: m.StoreCodesPage })));
const PostersPage = lazy(() => import('./pages/posters-page.tsx').then((m) => ({ default: m.PostersPage })));
const FissionPage = lazy(() => import('./pages/fission-page.tsx').then((m) => ({ default: m.FissionPage })));
const ReferralPage = lazy(() => import('./pages/referral-page.tsx').then((m) => ({ default: m.ReferralPage })));
const CheckinsPage = lazy(() => import('./pages/checkins-page.tsx').then((m) => ({ default: m.CheckinsPage })));
const RewardsPage = lazy(() => import('./pages/rewards-page.tsx').then((m) => ({ default: m.RewardsPage })));
const MaterialsPage = lazy(() => import('./pages/materials-page.tsx').then((m) => ({ default: m.MaterialsPage })));
const ScriptsPage = lazy(() => import('./pages/scripts-page.tsx').then((m) => ({ default: m.ScriptsPage })));
const KeywordRepliesPage = lazy(() =>
  import('./pages/keyword-replies-page.tsx').then((m) => ({ default: m.KeywordRepliesPage })),
);
const AudiencesPage = lazy(() => import('./pages/audiences-page.tsx').then((m) => ({ default: m.AudiencesPage })));
const AutomationsPage = lazy(() => import('./pages/automations-page.tsx').then((m) => ({ default: m.AutomationsPage })));
const BroadcastsPage = lazy(() => import('./pages/broadcasts-page.tsx').then((m) => ({ default: m.BroadcastsPage })));
const SopsPage = lazy(() => import('./pages/sops-page.tsx').then((m) => ({ default: m.SopsPage })));
const MomentsPage = lazy(() => import('./pages/moments-page.tsx').then((m) => ({ default: m.MomentsPage })));
const GuideTasksPage = lazy(() => import('./pages/guide-tasks-page.tsx').then((m) => ({ default: m.GuideTasksPage })));
const WecomPage = lazy(() => import('./pages/wecom/wecom-page.tsx').then((m) => ({ default: m.WecomPage })));
const NotFoundPage = lazy(() => import('./pages/not-found-page.tsx').then((m) => ({ default: m.NotFoundPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again; network and 5xx errors get one more try.
      retry: (count, err) => count < 1 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
    },
    mutations: { retry: false },
  },
});

/** Hands the API layer the app's message API and router, so errors toast in the app's theme and 401s navigate. */
const ApiBridge = () => {
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  useEffect(() => {
    setErrorNotifier((key, text) => {
      void message.error({ key, content: text, duration: 4 });
    });
    setUnauthorizedHandler(() => {
      qc.setQueryData(SESSION_KEY, null);
      if (window.location.pathname !== '/login') {
        navigate('/login', { replace: true, state: { from: window.location.pathname + window.location.search } });
      }
    });
  }, [message, navigate, qc]);
  return null;
};

const page = (node: ReactNode) => <Suspense fallback={<FullPageSpin />}>{node}</Suspense>;

export const App = () => {
  const { i18n } = useTranslation();
  const isEn = i18n.language === 'en';
  useEffect(() => {
    dayjs.locale(isEn ? 'en' : 'zh-cn');
  }, [isEn]);

  return (
    <ConfigProvider locale={isEn ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <ApiBridge />
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route element={<RequireAuth />}>
                <Route element={<AppLayout />}>
                  <Route index element={page(<HomePage />)} />
                  <Route path="customers" element={page(<CustomersPage />)} />
                  <Route path="tags" element={page(<TagsPage />)} />
                  <Route path="groups" element={page(<GroupsPage />)} />
                  <Route path="groups/:id" element={page(<GroupDetailPage />)} />
                  <Route path="org" element={<RequireSection section="org">{page(<OrgPage />)}</RequireSection>} />
                  <Route path="orders" element={page(<OrdersPage />)} />
                  <Route path="simulator" element={page(<SimulatorPage />)} />
                  <Route path="audit" element={<RequireSection section="audit">{page(<AuditPage />)}</RequireSection>} />
                  <Route path="wecom" element={<RequireSection section="wecom">{page(<WecomPage />)}</RequireSection>} />
                  <Route
                    path="live-codes/*"
                    element={<RequireSection section="liveCodes">{page(<LiveCodesPage />)}</RequireSection>}
                  />
                  <Route
                    path="group-codes/*"
                    element={<RequireSection section="groupCodes">{page(<GroupCodesPage />)}</RequireSection>}
                  />
                  <Route
                    path="store-codes/*"
                    element={<RequireSection section="storeCodes">{page(<StoreCodesPage />)}</RequireSection>}
                  />
                  <Route path="posters/*" element={<RequireSection section="posters">{page(<PostersPage />)}</RequireSection>} />
                  <Route path="fission/*" element={<RequireSection section="fission">{page(<FissionPage />)}</RequireSection>} />
                  <Route
                    path="referral/*"
                    element={<RequireSection section="referral">{page(<ReferralPage />)}</RequireSection>}
                  />
                  <Route
                    path="checkins/*"
                    element={<RequireSection section="checkins">{page(<CheckinsPage />)}</RequireSection>}
                  />
                  <Route path="rewards/*" element={<RequireSection section="rewards">{page(<RewardsPage />)}</RequireSection>} />
                  <Route
                    path="materials/*"
                    element={<RequireSection section="materials">{page(<MaterialsPage />)}</RequireSection>}
                  />
                  <Route path="scripts/*" element={<RequireSection section="scripts">{page(<ScriptsPage />)}</RequireSection>} />
                  <Route
                    path="keyword-replies/*"
                    element={<RequireSection section="keywordReplies">{page(<KeywordRepliesPage />)}</RequireSection>}
                  />
                  <Route
                    path="audiences/*"
                    element={<RequireSection section="audiences">{page(<AudiencesPage />)}</RequireSection>}
                  />
                  <Route
                    path="automations/*"
                    element={<RequireSection section="automations">{page(<AutomationsPage />)}</RequireSection>}
                  />
                  <Route
                    path="broadcasts/*"
                    element={<RequireSection section="broadcasts">{page(<BroadcastsPage />)}</RequireSection>}
                  />
                  <Route path="sops/*" element={<RequireSection section="sops">{page(<SopsPage />)}</RequireSection>} />
                  <Route path="moments/*" element={<RequireSection section="moments">{page(<MomentsPage />)}</RequireSection>} />
                  <Route
                    path="guide-tasks/*"
                    element={<RequireSection section="guideTasks">{page(<GuideTasksPage />)}</RequireSection>}
                  />
                  <Route path="*" element={page(<NotFoundPage />)} />
                </Route>
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
};
