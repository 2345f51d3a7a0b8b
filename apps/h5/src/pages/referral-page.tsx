import { Page } from '../ui.tsx';

// Placeholder: replaced by the module that owns this page.
export const ReferralPage = () => (
  <Page title="referral">
    <p className="muted">…</p>
  </Page>
);
