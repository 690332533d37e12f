import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext } from 'playwright-core';

// One Chromium start-up for the browser tests (from source) and the report benchmarks (bench/, from
// apps/report/dist/testing/chromium.js, built for them and left out of the published package).

/** Debian's Chromium (`apt-get install -y chromium`); no browser is ever downloaded. */
export const CHROMIUM_PATH = process.env.SC_SAFETY_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep headless Chromium off the network: no background fetches, updates or sync. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM_PATH);

/** Launches the system Chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** What {@link offlineContext} lets through and where it reports what it saw. */
export interface OfflineOptions {
  viewport: { width: number; height: number };
  deviceScaleFactor?: number;
  /** URL prefixes that load; every other request is aborted. Default: file: and data:. */
  allow?: readonly string[];
  /** Receives every URL that was aborted. */
  blocked: string[];
  /** Receives every URL requested, allowed or not. */
  requests?: string[];
}

/** A new browser context with every request outside `allow` aborted and recorded: the report must not go online. */
export async function offlineContext(browser: Browser, options: OfflineOptions): Promise<BrowserContext> {
  const { viewport, deviceScaleFactor, allow = ['file:', 'data:'], blocked, requests } = options;
  const context = await browser.newContext({ viewport, deviceScaleFactor });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests?.push(url);
    if (allow.some((prefix) => url.startsWith(prefix))) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  return context;
}

/**
 * Reports every CSP violation of the context's pages into `violations`: the policy is the last line of
 * defence, and a violation means markup from the data got as far as trying to run or load something.
 */
export async function collectCspViolations(context: BrowserContext, violations: string[]): Promise<void> {
  await context.exposeFunction('__scReportCsp', (v: string) => void violations.push(v));
  await context.addInitScript(
    'document.addEventListener("securitypolicyviolation", (e) => window.__scReportCsp(e.violatedDirective + " " + e.blockedURI))',
  );
}

export type { Browser, BrowserContext, Page } from 'playwright-core';
