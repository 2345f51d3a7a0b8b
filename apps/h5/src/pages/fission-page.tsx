import { Page } from '../ui.tsx';

// Placeholder: replaced by the module that owns this page.
export const FissionPage = () => (
  <Page title="fission">
    <p className="muted">…</p>
  </Page>
);
