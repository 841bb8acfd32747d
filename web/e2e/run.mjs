// Entry point of the browser suite: `npm run test:e2e` (and scripts/test.sh). Starts a demo
// server, runs the journey in Debian chromium, and prints `N passed, N failed`.
// MAMORI_SCREENSHOTS=<dir> also saves the main screens there (docs/screenshots).
import { launchBrowser } from './browser.mjs';
import { Runner, startServer, watchPage } from './harness.mjs';
import { defineJourney } from './journey.mjs';

const server = await startServer();
const browser = await launchBrowser();
const problems = [];
const run = new Runner();
defineJourney(run, {
  base: server.base,
  accounts: server.accounts,
  shots: process.env.MAMORI_SCREENSHOTS,
  async newPage() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    watchPage(page, problems);
    return page;
  },
});
run.step('no CSP violations and no uncaught errors in any page', async () => {
  if (problems.length) throw new Error(problems.join('\n'));
});
let result;
try {
  result = await run.run();
} finally {
  await browser.close();
  await server.stop();
}
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed ? 1 : 0);
