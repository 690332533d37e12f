import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

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

export type { Browser, BrowserContext, Page } from 'playwright-core';
