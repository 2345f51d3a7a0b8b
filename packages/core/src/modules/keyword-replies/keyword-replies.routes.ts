import type { App } from '../../http/app-env.ts';

/** HTTP routes of the keyword-replies module. */
export function registerKeywordReplyRoutes(app: App): void {
  void app;
}
