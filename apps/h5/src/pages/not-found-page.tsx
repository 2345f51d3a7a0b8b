import { Page } from '../ui.tsx';

export const NotFoundPage = () => (
  <Page title="页面不存在">
    <p className="muted">链接可能已失效，请回到聊天中重新打开。</p>
  </Page>
);
