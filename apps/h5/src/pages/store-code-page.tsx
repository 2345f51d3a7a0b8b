import { Page } from '../ui.tsx';

// Placeholder: replaced by the module that owns this page.
export const StoreCodePage = () => (
  <Page title="store-code">
    <p className="muted">…</p>
  </Page>
);
