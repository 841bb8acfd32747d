// Launches Debian's chromium through playwright-core with the flags of STACK.md (never
// `playwright install`: no browser is downloaded). Playwright refuses `--user-data-dir` on
// launch() and gives every launch a fresh temporary profile itself, which is what we need.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
