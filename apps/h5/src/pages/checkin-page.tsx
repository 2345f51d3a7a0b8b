import { Page } from '../ui.tsx';

// Placeholder: replaced by the module that owns this page.
export const CheckinPage = () => (
  <Page title="checkin">
    <p className="muted">…</p>
  </Page>
);
