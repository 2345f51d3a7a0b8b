import { Route, Routes } from 'react-router';
import { AudienceForm } from './audiences/audience-form.tsx';
import { AudienceList } from './audiences/audience-list.tsx';
import { NotFoundPage } from './not-found-page.tsx';

/** Saved audiences (人群): the list, and the builder to create or edit one. */
export const AudiencesPage = () => (
  <Routes>
    <Route index element={<AudienceList />} />
    <Route path="new" element={<AudienceForm />} />
    <Route path=":id/edit" element={<AudienceForm />} />
    <Route path="*" element={<NotFoundPage />} />
  </Routes>
);
