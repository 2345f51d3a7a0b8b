import { Route, Routes } from 'react-router';
import { BroadcastDetail } from './broadcasts/broadcast-detail.tsx';
import { BroadcastForm } from './broadcasts/broadcast-form.tsx';
import { BroadcastList } from './broadcasts/broadcast-list.tsx';
import { NotFoundPage } from './not-found-page.tsx';

/** Broadcasts (群发): the list, the create/edit wizard of a draft, and each broadcast's results. */
export const BroadcastsPage = () => (
  <Routes>
    <Route index element={<BroadcastList />} />
    <Route path="new" element={<BroadcastForm />} />
    <Route path=":id" element={<BroadcastDetail />} />
    <Route path=":id/edit" element={<BroadcastForm />} />
    <Route path="*" element={<NotFoundPage />} />
  </Routes>
);
