/** Debian's Chromium driven by playwright-core, as CI installs it (apt-get install chromium). */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.THREADLINE_CHROMIUM ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/**
 * For a browser test file: CI installs Chromium, so there a missing browser is an error;
 * elsewhere the file is skipped and says why.
 */
export function requireChromiumUnlessLocal(file: string): void {
  if (chromiumAvailable()) return;
  if (process.env.CI)
    throw new Error(`Chromium not found at ${CHROMIUM}; install it (apt-get install chromium).`);
  console.warn(`${file} skipped: no Chromium at ${CHROMIUM} (set THREADLINE_CHROMIUM).`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}
