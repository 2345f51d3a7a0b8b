import { Page } from '../ui.tsx';

// Placeholder: replaced by the module that owns this page.
export const RewardsPage = () => (
  <Page title="rewards">
    <p className="muted">…</p>
  </Page>
);
