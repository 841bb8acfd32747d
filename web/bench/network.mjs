// How long the main pages take on a slow government network: the demo server on loopback,
// Debian chromium, and DevTools network emulation (CDP Network.emulateNetworkConditions) with
// three profiles. Cold loads run with the browser cache cleared and disabled; warm loads are a
// reload right after a load with the cache on (what a user sees coming back to a page).
// Prints one Markdown table (median of RUNS loads, and the bytes transferred) and the targets of
// issue 10. Figures: docs/PERFORMANCE.md. Not a test: nothing here asserts on time.
//
//   node bench/network.mjs            (RUNS=3 by default; needs build/mamori and web/dist)
//   ONLY='^category' RUNS=1 WATERFALL=1 node bench/network.mjs   (one page, with each request's timing)
import { launchBrowser } from '../e2e/browser.mjs';
import { startServer } from '../e2e/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const kbit = (n) => (n * 1000) / 8; // bytes per second
const PROFILES = [
  { name: 'unthrottled', conditions: null },
  { name: 'LGWAN-like (1.5 Mbit/s down, 0.75 up, 150 ms RTT)', conditions: { latency: 150, downloadThroughput: kbit(1500), uploadThroughput: kbit(750) } },
  { name: '0.5 Mbit/s down, 0.25 up, 300 ms RTT', conditions: { latency: 300, downloadThroughput: kbit(500), uploadThroughput: kbit(250) } },
];

const server = await startServer();
const browser = await launchBrowser();

/** A signed-in page of `login` with a CDP session that counts the bytes received. */
async function signedIn(login) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  await page.goto(server.base + '/');
  await page.getByLabel('ログインID').fill(login);
  await page.getByLabel('パスワード').fill(server.accounts[login]);
  await page.getByRole('button', { name: 'サインインする' }).click();
  await page.locator('h1', { hasNotText: 'サインイン' }).waitFor();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const counter = { bytes: 0, requests: new Map() };
  cdp.on('Network.requestWillBeSent', (e) => counter.requests.set(e.requestId, { url: e.request.url.replace(server.base, ''), start: e.timestamp }));
  cdp.on('Network.loadingFinished', (e) => {
    counter.bytes += e.encodedDataLength;
    const r = counter.requests.get(e.requestId);
    if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength });
  });
  const responses = await page.evaluate(() => fetch('/api/me/responses').then((r) => r.json()));
  return { page, cdp, counter, responseId: responses.responses?.[0]?.id };
}

async function throttle(cdp, conditions) {
  if (conditions) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
  else await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

/** One load of `path` until `ready(page)` resolves: seconds and bytes received. */
async function load(who, path, ready, { warm }) {
  if (warm) {
    await who.cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await who.page.goto(server.base + path);
    await ready(who.page);
  } else {
    await who.cdp.send('Network.clearBrowserCache');
    await who.cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  }
  await who.page.goto('about:blank');
  who.counter.bytes = 0;
  who.counter.requests.clear();
  const t0 = performance.now();
  await who.page.goto(server.base + path, { waitUntil: 'commit' });
  await ready(who.page);
  const seconds = (performance.now() - t0) / 1000;
  // Let late requests (prefetches the page did not wait for) finish before counting bytes.
  await who.page.waitForLoadState('networkidle').catch(() => undefined);
  if (process.env.WATERFALL) {
    // Each request's start and end (s) from the first one, and its bytes: what waits on what.
    const reqs = [...who.counter.requests.values()];
    const first = Math.min(...reqs.map((r) => r.start));
    for (const r of reqs.sort((a, b) => a.start - b.start))
      process.stderr.write(`    ${(r.start - first).toFixed(2)}–${r.end ? (r.end - first).toFixed(2) : '…'} s ${String(r.bytes ?? '').padStart(7)} B ${r.url.slice(0, 90)}\n`);
  }
  return { seconds, bytes: who.counter.bytes };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const respondent = await signedIn('demo-respondent');
const auditor = await signedIn('demo-auditor');
const admin = await signedIn('demo-admin');
const rid = respondent.responseId;
const categoryReady = async (p) => {
  await p.locator('h1', { hasText: '5. ' }).waitFor();
  await p.locator('form.question').first().waitFor();
};
const chartsReady = (count) => async (p) => {
  await p.locator('.chart svg').nth(count - 1).waitFor();
};
const ONLY = process.env.ONLY ? new RegExp(process.env.ONLY) : null;
const ALL_CASES = [
  { page: 'category page (5. 技術的セキュリティ), main content visible', who: respondent, path: `/responses/${rid}/categories/5`, ready: categoryReady, warm: false, target: [2.0, null, 5.0] },
  { page: 'category page, warm reload', who: respondent, path: `/responses/${rid}/categories/5`, ready: categoryReady, warm: true, target: [1.0, null, null] },
  { page: 'home of a body (task list)', who: respondent, path: `/responses/${rid}`, ready: (p) => p.locator('.task-list-item').first().waitFor(), warm: false, target: [2.0, null, null] },
  { page: 'home of a body, warm reload', who: respondent, path: `/responses/${rid}`, ready: (p) => p.locator('.task-list-item').first().waitFor(), warm: true, target: [1.0, null, null] },
  { page: '結果と比較, charts drawn', who: auditor, path: `/responses/${auditor.responseId}/results`, ready: chartsReady(2), warm: false, target: [3.5, null, null] },
  { page: '全国の集計, charts drawn', who: admin, path: '/admin/analytics', ready: chartsReady(1), warm: false, target: [null, null, null] },
];
const CASES = ALL_CASES.filter((c) => !ONLY || ONLY.test(c.page));

const rows = [];
const misses = [];
try {
  for (const c of CASES) {
    const cells = [];
    for (const [i, profile] of PROFILES.entries()) {
      const seconds = [];
      let bytes = 0;
      for (let r = 0; r < RUNS; r++) {
        await throttle(c.who.cdp, null);
        const once = await (async () => {
          await throttle(c.who.cdp, profile.conditions);
          return load(c.who, c.path, c.ready, { warm: c.warm });
        })();
        seconds.push(once.seconds);
        bytes = once.bytes;
      }
      const m = median(seconds);
      // Target: the figure for the LGWAN-like profile (index 1) and the 0.5 Mbit/s one.
      const target = i === 1 ? c.target[0] : i === 2 ? c.target[2] : null;
      if (target !== null && m > target) misses.push(`${c.page} on ${profile.name}: ${m.toFixed(2)} s > ${target} s`);
      cells.push(`${m.toFixed(2)} s (${Math.round(bytes / 1000)} kB)${target !== null ? (m <= target ? ' ✓' : ' ✗') : ''}`);
      process.stderr.write(`${c.page} | ${profile.name}: ${seconds.map((s) => s.toFixed(2)).join(', ')} s\n`);
    }
    rows.push(`| ${c.page} | ${cells.join(' | ')} |`);
  }
} finally {
  await throttle(respondent.cdp, null).catch(() => undefined);
  await browser.close();
  await server.stop();
}

console.log(`median of ${RUNS} loads; bytes = received over the network (compressed), cold = cache cleared and disabled`);
console.log(`| page | ${PROFILES.map((p) => p.name).join(' | ')} |`);
console.log(`|---|${PROFILES.map(() => '---').join('|')}|`);
for (const r of rows) console.log(r);
console.log(misses.length ? `targets missed:\n  ${misses.join('\n  ')}` : 'every target met (✓: LGWAN-like ≤ 2.0 s cold / ≤ 1.0 s warm for the category page and the home, results ≤ 3.5 s; 0.5 Mbit/s category page ≤ 5 s)');
