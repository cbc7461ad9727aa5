/**
 * Headless Debian Chromium through playwright-core: never a downloaded
 * browser, a fresh profile per launch (removed on close), and the flags
 * that keep it off the network.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launch(
  options: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'rig-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the form, as a person would. */
export async function signInWithForm(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

/** Bytes the page received over the network (bodies as sent, plus headers), from now on. */
export function countBytes(page: Page): { total: () => number; reset: () => void } {
  let total = 0;
  page.on('requestfinished', (request) => {
    void request
      .sizes()
      .then((s) => (total += s.responseBodySize + s.responseHeadersSize))
      .catch(() => undefined);
  });
  return { total: () => total, reset: () => (total = 0) };
}
