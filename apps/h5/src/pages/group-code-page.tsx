import { Page } from '../ui.tsx';

// Placeholder: replaced by the module that owns this page.
export const GroupCodePage = () => (
  <Page title="group-code">
    <p className="muted">…</p>
  </Page>
);
