import { Route, Routes } from 'react-router';
import { CampaignDetail } from './checkins/campaign-detail.tsx';
import { CampaignForm } from './checkins/campaign-form.tsx';
import { CampaignList } from './checkins/campaign-list.tsx';
import { NotFoundPage } from './not-found-page.tsx';

/** Check-in campaigns (打卡): the list, the create/edit form, and each campaign's results. */
export const CheckinsPage = () => (
  <Routes>
    <Route index element={<CampaignList />} />
    <Route path="new" element={<CampaignForm />} />
    <Route path=":id" element={<CampaignDetail />} />
    <Route path=":id/edit" element={<CampaignForm />} />
    <Route path="*" element={<NotFoundPage />} />
  </Routes>
);
