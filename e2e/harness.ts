// What every browser flow shares: Debian's Chromium driven by playwright-core against the server
// global-setup.ts started (`inject('baseUrl')`), a zh-CN / Asia/Shanghai context per screen, a
// screenshot of each screen into e2e/artifacts when a test fails, and a few helpers. Not a test
// file itself: e2e/vitest.config.ts only runs `*.e2e.ts`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';

export const artifacts = join(fileURLToPath(new URL('..', import.meta.url)), 'e2e/artifacts');

/** The demo tenant's administrator, seeded by `pond start` on a fresh data directory. */
export const DEMO_ADMIN = { tenant: 'demo', username: 'admin', password: 'pond-demo' };

export type TScreen = {
  /** 1400×900 unless given. */
  viewport?: { width: number; height: number };
  /** A phone: 2× pixels, mobile layout and touch. */
  mobile?: boolean;
};

export type TSession = { readonly browser: Browser; readonly context: BrowserContext; readonly page: Page };

const DESKTOP = { width: 1400, height: 900 };

/**
 * Registers the hooks that launch one browser for this file with a context and a page per screen,
 * screenshot every screen when a test fails (`e2e/artifacts/failed-<suite>[-<screen>]-<test>.png`),
 * and close the browser at the end. The sessions' fields are there from `beforeAll` on.
 */
export function useBrowserScreens<K extends string>(suite: string, screens: Record<K, TScreen>): Record<K, TSession> {
  let browser: Browser | undefined;
  const opened = new Map<K, { context: BrowserContext; page: Page }>();
  const names = Object.keys(screens) as K[];

  const session = (name: K): TSession => {
    const get = () => {
      const s = opened.get(name);
      if (!browser || !s) throw new Error(`e2e harness: the ${suite} browser is used before beforeAll`);
      return { browser, ...s };
    };
    return {
      get browser() {
        return get().browser;
      },
      get context() {
        return get().context;
      },
      get page() {
        return get().page;
      },
    };
  };

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    const b = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    browser = b;
    for (const name of names) {
      const { viewport = DESKTOP, mobile = false } = screens[name];
      const context = await b.newContext({
        baseURL: inject('baseUrl'),
        viewport,
        ...(mobile ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      context.setDefaultTimeout(20_000);
      opened.set(name, { context, page: await context.newPage() });
    }
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail') return;
    const test = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    for (const name of names) {
      const page = opened.get(name)?.page;
      const prefix = names.length === 1 ? suite : `${suite}-${name}`;
      await page?.screenshot({ path: join(artifacts, `failed-${prefix}-${test}.png`), fullPage: true });
    }
  });

  afterAll(async () => {
    await browser?.close();
  });

  return Object.fromEntries(names.map((name) => [name, session(name)])) as Record<K, TSession>;
}

/** One browser with one page: a desktop-sized one unless `options.viewport` says otherwise. */
export function useBrowser(suite: string, options: TScreen = {}): TSession {
  return useBrowserScreens(suite, { main: options }).main;
}

/** GETs `path` with the context's cookies (the API as the logged-in browser sees it); expects a 200. */
export async function apiGet<T>(context: BrowserContext, path: string): Promise<T> {
  const res = await context.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

/** Logs in through the console's login page and waits for the navigation. */
export async function loginConsole(page: Page, account: { tenant: string; username: string; password: string }): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-tenant').fill(account.tenant);
  await page.getByTestId('login-username').fill(account.username);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-customers').waitFor();
}
