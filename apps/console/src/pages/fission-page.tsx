import { Route, Routes } from 'react-router';
import { CampaignDetail } from './fission/campaign-detail.tsx';
import { CampaignForm } from './fission/campaign-form.tsx';
import { CampaignList } from './fission/campaign-list.tsx';
import { NotFoundPage } from './not-found-page.tsx';

/** Fission tasks (任务宝): the campaign list, the create/edit form and each campaign's numbers. */
export const FissionPage = () => (
  <Routes>
    <Route index element={<CampaignList />} />
    <Route path="new" element={<CampaignForm />} />
    <Route path=":id" element={<CampaignDetail />} />
    <Route path=":id/edit" element={<CampaignForm />} />
    <Route path="*" element={<NotFoundPage />} />
  </Routes>
);
