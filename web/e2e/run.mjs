// Entry point of the browser suite: `npm run test:e2e` (and scripts/test.sh). Runs the journey
// twice in Debian chromium — at 1280×900 and at a phone's 390×844 — each against a fresh demo
// server (the journey changes the data), with axe at both sizes, and prints `N passed, N failed`.
// MAMORI_SCREENSHOTS=<dir> also saves the main screens there (docs/screenshots; the narrow
// ones as narrow-*.png). MAMORI_VIEWPORTS=wide|narrow runs one size only.
import { launchBrowser } from './browser.mjs';
import { Runner, startServer, watchPage } from './harness.mjs';
import { defineJourney } from './journey.mjs';

const SIZES = [
  { name: 'wide', viewport: { width: 1280, height: 900 }, prefix: '' },
  { name: 'narrow', viewport: { width: 390, height: 844 }, prefix: 'narrow-' },
].filter((s) => !process.env.MAMORI_VIEWPORTS || process.env.MAMORI_VIEWPORTS.split(',').includes(s.name));

let passed = 0;
let failed = 0;
for (const size of SIZES) {
  console.log(`==> journey at ${size.viewport.width}×${size.viewport.height}`);
  const server = await startServer();
  const browser = await launchBrowser();
  const problems = [];
  const run = new Runner(`${size.viewport.width}px`);
  defineJourney(run, {
    base: server.base,
    accounts: server.accounts,
    secrets: server.secrets,
    shots: process.env.MAMORI_SCREENSHOTS,
    shotPrefix: size.prefix,
    viewport: size.viewport,
    async newPage() {
      const context = await browser.newContext({ viewport: size.viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
      const page = await context.newPage();
      page.setDefaultTimeout(15000);
      watchPage(page, problems);
      return page;
    },
  });
  run.step('no CSP violations and no uncaught errors in any page', async () => {
    if (problems.length) throw new Error(problems.join('\n'));
  });
  try {
    const result = await run.run();
    passed += result.passed;
    failed += result.failed;
  } finally {
    await browser.close();
    await server.stop();
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
