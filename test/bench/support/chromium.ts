import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (the `chromium` package `.ci/run` installs). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless, sandbox-free for containers, and every background network feature off. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True when the browser the report test needs is installed. */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** What the page did while it loaded and drew. */
export interface RenderedReport {
  readonly page: Page;
  /** Every URL the page requested (the file itself included). */
  readonly requests: readonly string[];
  /** Console errors and uncaught exceptions. */
  readonly errors: readonly string[];
}

/** A running browser with a fresh profile, removed again by `close`. */
export interface ReportBrowser {
  open(htmlPath: string, viewport?: { width: number; height: number }): Promise<RenderedReport>;
  close(): Promise<void>;
}

/** Launch Chromium with a fresh user-data directory. */
export async function launchReportBrowser(): Promise<ReportBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'gemini-guard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const browser: Browser | null = context.browser();
  return {
    async open(htmlPath, viewport = { width: 1280, height: 900 }) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
      await page.waitForFunction(
        () => (window as { benchReport?: { ready?: boolean } }).benchReport?.ready === true,
        {
          timeout: 15_000,
        },
      );
      return { page, requests, errors };
    },
    async close() {
      await context.close();
      await browser?.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
