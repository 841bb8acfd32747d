// The whole journey of issue 3 in a real browser (Debian chromium), with axe on every page
// and state. Each step depends on the ones before it; the runner stops at the first failure.
//
// respondent: signs in (keyboard), sees carried-over answers, changes one, meets a validation
//   error and fixes it, survives a session expiry without losing input, confirms a category,
//   meets the "incomplete" error summary and fixes it, completes the 8 categories, asks for
//   review;  a second browser context editing the same answer gets the conflict view;
// approver: returns one category with a comment;  respondent fixes it (keyboard only);
// approver submits;  MIC accepts;  the prefecture supporter sees it read-only;
// MIC creates, opens (progress bar), extends and closes a campaign.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { assert, expectNoAxeViolations, freshCode, totp } from './harness.mjs';

const T = 15000;

export function defineJourney(run, env) {
  const { base, accounts, secrets, newPage, shots, shotPrefix = '' } = env;
  const s = {};

  /** Saves what the user sees (the viewport), scrolled to `target` when given. */
  const shot = async (page, name, target) => {
    if (!shots) return;
    mkdirSync(shots, { recursive: true });
    if (target) await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${shots}/${shotPrefix}${name}.png` });
  };
  const h1 = (page) => page.locator('h1').textContent();
  const waitH1 = (page, re) => page.locator('h1', { hasText: re }).waitFor({ timeout: T });
  const axe = (name, page) => run.step(`axe: ${name}`, async () => expectNoAxeViolations(page(), name));

  /** Signs in with the password and, for the roles with a second factor, a code. */
  async function signIn(page, login, path = '/', password = accounts[login], secret = secrets[login]) {
    await page.goto(base + path);
    await page.getByLabel('ログインID').fill(login);
    await page.getByLabel('パスワード').fill(password);
    await page.getByRole('button', { name: 'サインインする' }).click();
    if (secret) {
      await page.getByLabel('確認コード').fill(await freshCode(secret));
      await page.getByRole('button', { name: '確認する' }).click();
    }
    await page.locator('h1', { hasNotText: 'サインイン' }).waitFor({ timeout: T });
  }
  async function signOut(page) {
    await page.getByRole('button', { name: 'サインアウト', exact: true }).click();
    await page.getByText('サインアウトしました。').waitFor({ timeout: T });
  }
  /** The error summary takes focus once it has rendered (an effect after the render that
   *  shows it): waits for that, failing after T. */
  async function summaryFocused(page) {
    await page
      .waitForFunction(() => document.activeElement?.classList.contains('error-summary'), null, { timeout: T })
      .catch(() => assert(false, 'the error summary did not take focus'));
  }
  /** Presses Tab until the focused element satisfies `test` (at most `max` presses). */
  async function tabTo(page, test, max = 80) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const ok = await page.evaluate(test);
      if (ok) return;
    }
    throw new Error('keyboard: target not reached with Tab: ' + test.toString());
  }
  const question = (page, qid) => page.locator(`form#q-${qid}`);
  /** Runs `action` and waits for the answer's PUT it causes; returns the HTTP status. */
  async function putAnswer(page, qid, action) {
    const done = page.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().endsWith(`/answers/${qid}`),
      { timeout: T },
    );
    await action();
    return (await done).status();
  }
  const savedIn = (page, qid) =>
    question(page, qid).locator('[role=status]', { hasText: /保存しました|Saved at/ }).waitFor({ timeout: T });
  /** The category page's live line: its status word and 「回答済み n / m 問」. */
  const progressLine = (page) => page.getByTestId('category-progress').textContent();
  /** The page is never wider than the window (tables scroll inside their own box). */
  async function fitsTheWindow(page, label) {
    const { doc, win } = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, win: window.innerWidth }));
    assert(doc <= win, `${label}: the page is ${doc} px wide in a ${win} px window`);
  }

  /** Answers every visible question that is empty or still needs confirmation, the way a
   *  user would (first option, 1, a date, a word); repeats while conditions reveal more. */
  async function answerOpenQuestions(page) {
    for (let round = 0; round < 8; round++) {
      const todo = await page.$$eval('form.question', (forms) =>
        forms
          .map((f) => {
            const inputs = [...f.querySelectorAll(`[id^="${f.id}-input"], [id^="${f.id}-opt-"]`)];
            const filled = inputs.some((i) => (i.type === 'radio' || i.type === 'checkbox' ? i.checked : i.value.trim() !== ''));
            return { id: f.id.slice(2), type: f.dataset.type, filled, needs: f.dataset.needsConfirmation === 'true', readonly: !!f.querySelector('.answer-readonly') };
          })
          .filter((q) => !q.readonly && (!q.filled || q.needs)),
      );
      if (todo.length === 0) return;
      for (const q of todo) {
        const f = question(page, q.id);
        const status = await putAnswer(page, q.id, async () => {
          if (['yes_no', 'single', 'maturity', 'multi'].includes(q.type)) {
            const unchecked = f.locator('input[type=radio]:not(:checked), input[type=checkbox][id*="-opt-"]:not(:checked), input[type=checkbox][id$="-input"]:not(:checked)');
            await unchecked.first().check();
          } else {
            const value = q.type === 'date' ? '2026-04-01' : q.type === 'text' ? 'テスト入力' : '1';
            await f.locator(`#q-${q.id}-input`).fill(value);
            await f.locator(`#q-${q.id}-input`).press('Tab');
          }
        });
        assert(status === 200, `saving ${q.id} answered ${status}`);
        await savedIn(page, q.id);
      }
    }
    throw new Error('questions kept appearing after 8 rounds');
  }

  async function completeCategory(page, responseId, n) {
    await page.goto(`${base}/responses/${responseId}/categories/${n}`);
    await page.locator('form.question').first().waitFor({ timeout: T });
    const confirm = page.getByRole('button', { name: '前年度と同じ内容で確認する' });
    if (await confirm.count()) {
      await confirm.click();
      await page.getByText(/件の回答を「確認済み」にしました。/).waitFor({ timeout: T });
    }
    await answerOpenQuestions(page);
    await page.getByRole('button', { name: 'この項目を入力完了にする' }).click();
    await page.getByText('この項目を入力完了にしました。').waitFor({ timeout: T });
  }

  // ---- sign-in ---------------------------------------------------------------------------
  run.step('sign-in page: empty submit shows the error summary, which takes focus', async () => {
    s.a = await newPage();
    await s.a.goto(base + '/');
    await waitH1(s.a, 'サインイン');
    await shot(s.a, '01-sign-in');
    await s.a.getByRole('button', { name: 'サインインする' }).click();
    await s.a.getByText('入力内容に問題があります').waitFor({ timeout: T });
    await summaryFocused(s.a);
    assert((await s.a.locator('#login-error').textContent()) === 'ログインIDを入力してください。', 'inline error below login');
  });
  axe('sign-in with errors', () => s.a);
  run.step('sign-in: a wrong password gets the server message', async () => {
    await s.a.getByLabel('ログインID').fill('demo-respondent');
    await s.a.getByLabel('パスワード').fill('wrong-password');
    await s.a.getByRole('button', { name: 'サインインする' }).click();
    await s.a.locator('#password-error', { hasText: 'ログインIDまたはパスワードが正しくありません。' }).waitFor({ timeout: T });
    assert((await s.a.locator('#login-error').count()) === 0, 'the login error of the first attempt is gone');
    assert((await s.a.getByLabel('パスワード').inputValue()) === '', 'the wrong password is cleared from the field');
  });
  run.step('respondent signs in with the keyboard only and lands on the response home', async () => {
    await s.a.goto(base + '/');
    await waitH1(s.a, 'サインイン');
    await tabTo(s.a, () => document.activeElement?.id === 'login');
    await s.a.keyboard.type('demo-respondent');
    await s.a.keyboard.press('Tab');
    await s.a.keyboard.type(accounts['demo-respondent']);
    await s.a.keyboard.press('Enter');
    await waitH1(s.a, '札幌市の回答');
    s.responseId = Number(/\/responses\/(\d+)/.exec(s.a.url())[1]);
    const text = await s.a.locator('main').textContent();
    assert(text.includes('回答は1問ごとに自動で保存されます'), 'autosave promise up front');
    assert(/令和\d+年\d+月\d+日（\d{4}年\d+月\d+日）/.test(text), 'deadline in 和暦 and Gregorian');
    assert(text.includes('前年度から引き継いだ未確認の回答'), 'carried-over counts in the task list');
    assert((await s.a.locator('.task-list-item').count()) === 8, '8 categories');
    assert((await s.a.locator('.tag-not_started').count()) === 8, 'all 未着手');
    await fitsTheWindow(s.a, 'response home');
    await shot(s.a, '02-response-home');
  });
  axe('response home (task list)', () => s.a);

  // ---- category 1: carried-over answers, change, validation ------------------------------
  run.step('category 1 shows carried-over badges and last year beside a changed answer', async () => {
    await s.a.getByRole('link', { name: '1. 組織体制' }).click();
    await waitH1(s.a, '1. 組織体制');
    await question(s.a, 'c1-committee-meetings').waitFor({ timeout: T });
    assert((await s.a.locator('.badge-carried_over').count()) > 10, 'carried-over badges');
    assert((await s.a.locator('.badge', { hasText: '新規設問' }).count()) > 0, 'new-question badges');
    // Beside the 組織体制 questions: the roles 札幌市 has on record (none yet), with the way there.
    const roles = s.a.getByRole('complementary', { name: '登録済みの体制（権限・責任等一覧表）' });
    await roles.getByText('現在の担当者はまだ登録されていません。').waitFor({ timeout: T });
    assert((await roles.getByRole('link', { name: '体制を確認・登録する（方針のページ）' }).count()) === 1, 'link to the roles');
    await shot(s.a, '03-category-carried-over');
  });
  run.step('focus moves to the page heading, which shows no focus box', async () => {
    const h = await s.a.evaluate(() => {
      const el = document.activeElement;
      const st = el ? getComputedStyle(el) : null;
      return { tag: el?.tagName, text: el?.textContent, outline: st?.outlineStyle, shadow: st?.boxShadow };
    });
    assert(h.tag === 'H1' && h.text === '1. 組織体制', `focus on the heading, not ${h.tag} ${h.text}`);
    assert(h.outline === 'none' && h.shadow === 'none', `no box on the heading: outline ${h.outline}, shadow ${h.shadow}`);
  });
  run.step('questions carry their number from the catalogue order (1-1, 1-2 …) and merged-from lines name it', async () => {
    const numbers = await s.a.locator('form.question .question-number').allTextContents();
    assert(numbers[0] === '1-1' && numbers[1] === '1-2', `numbers: ${numbers.slice(0, 3).join(', ')}`);
    // The merged question of category 1 (c1-expert-internal + c1-expert-external) lists last
    // year's answers by number and text, never by id.
    const merged = question(s.a, 'c1-security-expertise');
    assert((await merged.count()) === 1, 'the merged question is on the page');
    const lines = await merged.locator('.previous li').allTextContents();
    assert(lines.length === 2, `two old answers listed: ${lines.join(' | ')}`);
    for (const line of lines) assert(/^\d-\d+ \S/.test(line) && !/c1-[a-z-]+/.test(line), `by number and text, not id: ${line}`);
  });
  axe('category page with carried-over answers', () => s.a);
  run.step('the answering page loads ≤ 200 kB of gzip JavaScript and no chart library', async () => {
    const urls = await s.a.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => e.name).filter((u) => /\.m?js(\?|$)/.test(u)),
    );
    assert(urls.length > 0, 'scripts found');
    assert(!urls.some((u) => /echarts|chart/i.test(u)), 'no chart library: ' + urls.join(', '));
    let gz = 0;
    for (const u of urls) gz += gzipSync(await (await s.a.request.get(u)).body(), { level: 9 }).length;
    console.log(`       JavaScript of the answering page: ${urls.length} file(s), ${(gz / 1024).toFixed(1)} kB gzip`);
    assert(gz <= 200 * 1024, `JavaScript is ${gz} bytes gzip`);
  });
  run.step('a cold load of the largest category page transfers ≤ 250 kB (compressed, catalogue included)', async () => {
    const page = await newPage();
    await signIn(page, 'demo-respondent');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let bytes = 0;
    const urls = [];
    cdp.on('Network.responseReceived', (e) => urls.push(e.response.url.replace(base, '')));
    cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
    await page.goto(`${base}/responses/${s.responseId}/categories/5`);
    await page.locator('form.question').first().waitFor({ timeout: T });
    await page.waitForLoadState('networkidle');
    console.log(`       category 5, cold: ${(bytes / 1000).toFixed(1)} kB in ${urls.length} responses`);
    assert(bytes <= 250_000, `${bytes} bytes: ${urls.join(', ')}`);
    assert(new Set(urls).size === urls.length, 'no request twice: ' + urls.join(', '));
    await page.context().close();
  });
  run.step('a value out of range gets the server message inline and in the summary', async () => {
    const input = s.a.locator('#q-c1-committee-meetings-input');
    const status = await putAnswer(s.a, 'c1-committee-meetings', async () => {
      await input.fill('1000');
      await input.press('Tab');
    });
    assert(status === 400, 'server refused 1000');
    await s.a.locator('#q-c1-committee-meetings-error').waitFor({ timeout: T });
    assert(/100/.test(await s.a.locator('#q-c1-committee-meetings-error').textContent()), 'range in message');
    await s.a.locator('.error-summary a', { hasText: '情報セキュリティ委員会' }).waitFor({ timeout: T });
    assert((await input.getAttribute('aria-invalid')) === 'true', 'aria-invalid set');
    await shot(s.a, '04-category-error', question(s.a, 'c1-committee-meetings'));
  });
  axe('category page with a field error', () => s.a);
  run.step('fixing the value saves it: badge 変更あり, last year shown, error gone', async () => {
    const input = s.a.locator('#q-c1-committee-meetings-input');
    const status = await putAnswer(s.a, 'c1-committee-meetings', async () => {
      await input.fill('12');
      await input.press('Tab');
    });
    assert(status === 200, 'saved');
    await savedIn(s.a, 'c1-committee-meetings');
    const q = question(s.a, 'c1-committee-meetings');
    await q.locator('.badge-changed').waitFor({ timeout: T });
    assert(/前年度の回答:\s*39 回/.test(await q.locator('.previous').textContent()), 'last year beside');
    assert((await s.a.locator('.error-summary').count()) === 0, 'summary cleared');
  });
  run.step('the category status and count follow the saves; the saved time has seconds', async () => {
    const line = await progressLine(s.a);
    assert(line.includes('入力中') && !line.includes('未着手'), `status after a save: ${line}`);
    const answered = Number(/回答済み (\d+) \/ \d+ 問/.exec(line)?.[1]);
    assert(answered >= 1, `the changed answer counts as answered: ${line}`);
    const saved = await question(s.a, 'c1-committee-meetings').locator('[role=status]').textContent();
    assert(/\d{1,2}:\d{2}:\d{2}/.test(saved), `saved time with seconds: ${saved}`);
  });

  // ---- conflict: a second browser context edits the same answer --------------------------
  run.step('a second context saving over a newer version sees both values and chooses', async () => {
    s.b = await newPage();
    await signIn(s.b, 'demo-approver', `/responses/${s.responseId}/categories/1`);
    await question(s.b, 'c1-committee-meetings').waitFor({ timeout: T });
    const a = s.a.locator('#q-c1-committee-meetings-input');
    const first = await putAnswer(s.a, 'c1-committee-meetings', async () => {
      await a.fill('15');
      await a.press('Tab');
    });
    assert(first === 200, 'first save wins');
    const b = s.b.locator('#q-c1-committee-meetings-input');
    const second = await putAnswer(s.b, 'c1-committee-meetings', async () => {
      await b.fill('20');
      await b.press('Tab');
    });
    assert(second === 409, 'the stale save gets 409');
    await s.b.getByRole('heading', { name: 'この回答は先に更新されています' }).waitFor({ timeout: T });
    assert((await s.b.getByTestId('conflict-mine').textContent()) === '20 回', 'mine shown');
    assert((await s.b.getByTestId('conflict-theirs').textContent()) === '15 回', 'theirs shown');
    await shot(s.b, '05-conflict', s.b.locator('.conflict'));
  });
  axe('conflict view', () => s.b);
  run.step('choosing "save my input" overwrites with the newer version', async () => {
    const status = await putAnswer(s.b, 'c1-committee-meetings', () =>
      s.b.getByRole('button', { name: '自分の入力で上書きする' }).click(),
    );
    assert(status === 200, 'saved over the newer version');
    await savedIn(s.b, 'c1-committee-meetings');
    assert((await s.b.locator('.conflict').count()) === 0, 'conflict panel closed');
    await s.b.close();
    await s.a.reload();
    await question(s.a, 'c1-committee-meetings').waitFor({ timeout: T });
    assert((await s.a.locator('#q-c1-committee-meetings-input').inputValue()) === '20', 'reload shows the stored 20');
  });

  run.step('the history of the answer shows who changed it, when, from what to what', async () => {
    await s.a.locator('form#q-c1-committee-meetings').getByRole('link', { name: '変更履歴' }).click();
    await waitH1(s.a, '変更履歴');
    const rows = s.a.locator('tbody tr');
    assert((await rows.count()) === 3, 'three saves');
    assert(/札幌市 確認者（デモ）.*15 回.*20 回/.test(await rows.nth(0).textContent()), 'newest: approver 15 → 20');
    assert(/札幌市 担当者（デモ）.*39 回.*12 回/.test(await rows.nth(2).textContent()), 'oldest: respondent 39 → 12');
    await shot(s.a, '06-history');
  });
  axe('answer history', () => s.a);
  run.step('back to category 1 from the history', async () => {
    await s.a.getByRole('link', { name: '戻る' }).click();
    await question(s.a, 'c1-committee-meetings').waitFor({ timeout: T });
  });

  // ---- session expiry without losing input -----------------------------------------------
  run.step('session expiry: a re-sign-in dialog keeps the typed comment and saves it', async () => {
    await s.a.context().clearCookies();
    const q = question(s.a, 'c1-ciso-appointed');
    await q.getByText('コメント・根拠資料').click();
    const comment = s.a.locator('#q-c1-ciso-appointed-comment');
    await comment.fill('期限切れ後に入力したコメント');
    await comment.press('Tab');
    const dialog = s.a.getByRole('dialog', { name: 'もう一度サインインしてください' });
    await dialog.waitFor({ timeout: T });
    await shot(s.a, '07-session-expired');
    s.dialogShown = true;
  });
  axe('session-expired dialog', () => s.a);
  run.step('after signing in in the dialog the pending save completes', async () => {
    const dialog = s.a.getByRole('dialog');
    await dialog.getByLabel('パスワード').fill(accounts['demo-respondent']);
    await dialog.getByRole('button', { name: 'サインインする' }).click();
    await savedIn(s.a, 'c1-ciso-appointed');
    assert((await s.a.locator('#q-c1-ciso-appointed-comment').inputValue()) === '期限切れ後に入力したコメント', 'input kept');
  });

  // ---- English ------------------------------------------------------------------------------
  run.step('language toggle: the category page in English, question texts from the catalogue', async () => {
    await s.a.getByRole('button', { name: 'Switch to English' }).click();
    await waitH1(s.a, '1. Organisation');
    assert((await s.a.locator('html').getAttribute('lang')) === 'en', 'html lang en');
    assert((await s.a.locator('main').textContent()).includes('Has a Chief Information Security Officer'), 'question in English');
    await shot(s.a, '08-category-english');
  });
  axe('category page in English', () => s.a);
  run.step('language toggle back to Japanese', async () => {
    await s.a.getByRole('button', { name: '日本語に切り替える' }).click();
    await waitH1(s.a, '1. 組織体制');
  });

  // ---- confirm the category, incomplete summary, fix --------------------------------------
  run.step('marking ready before confirming: one grouped line for the carried-over answers, linked to the action', async () => {
    await s.a.getByRole('button', { name: 'この項目を入力完了にする' }).click();
    await s.a.locator('.error-summary').waitFor({ timeout: T });
    const grouped = s.a.locator('.error-summary a', { hasText: /前年度から引き継いだ回答が\d+問、未確認です/ });
    assert((await grouped.count()) === 1, 'one grouped line');
    assert((await s.a.locator('.error-summary a', { hasText: '前年度から引き継いだ回答を確認してください' }).count()) === 0, 'no line per carried-over question');
    const lines = await s.a.locator('.error-summary a').count();
    const perQuestion = await s.a.locator('form.question-error').count();
    assert(lines === 1 + perQuestion, `the summary: the grouped line and one per other problem (${lines} lines, ${perQuestion} questions)`);
    await grouped.click();
    assert(await s.a.evaluate(() => document.activeElement?.id === 'confirm-all'), 'the line moves focus to 前年度と同じ内容で確認する');
    await shot(s.a, '09a-category-carried-over-error');
  });
  axe('category page with the grouped carried-over error', () => s.a);
  run.step('"前年度と同じ内容で確認する" confirms the carried-over answers', async () => {
    const before = await progressLine(s.a);
    await s.a.getByRole('button', { name: '前年度と同じ内容で確認する' }).click();
    await s.a.getByText(/件の回答を「確認済み」にしました。/).waitFor({ timeout: T });
    assert((await s.a.locator('.badge-carried_over').count()) === 1, 'only the merged question stays unconfirmed');
    assert((await s.a.locator('.badge-confirmed').count()) > 10, 'confirmed badges');
    const after = await progressLine(s.a);
    assert(after !== before, `the count follows the confirmation: ${before} → ${after}`);
  });
  run.step('marking ready too early: the summary names each question by number and links to it', async () => {
    await s.a.getByRole('button', { name: 'この項目を入力完了にする' }).click();
    await s.a.locator('.error-summary').waitFor({ timeout: T });
    await summaryFocused(s.a);
    const links = s.a.locator('.error-summary a');
    assert((await links.count()) >= 2, 'one link per question');
    assert(/^1-\d+ /.test(await links.first().textContent()), 'each line starts with the question number');
    await links.first().click();
    assert(await s.a.evaluate(() => /^q-.*-input$/.test(document.activeElement?.id ?? '')), 'link moves focus to the field');
    await shot(s.a, '09-category-incomplete');
  });
  axe('category page with the incomplete summary', () => s.a);
  run.step('answering the open questions and marking category 1 ready', async () => {
    await answerOpenQuestions(s.a);
    await s.a.getByRole('button', { name: 'この項目を入力完了にする' }).click();
    await s.a.getByText('この項目を入力完了にしました。').waitFor({ timeout: T });
    assert((await s.a.locator('.answer-readonly').count()) > 10, 'ready category is read-only');
    assert((await progressLine(s.a)).includes('入力完了'), 'status 入力完了');
  });
  axe('category marked ready (read-only)', () => s.a);
  run.step('check your answers for category 1 lists every answer', async () => {
    await s.a.goto(`${base}/responses/${s.responseId}/categories/1/check`);
    await waitH1(s.a, '1. 組織体制の回答の確認');
    assert((await s.a.locator('.check-row').count()) > 15, 'rows');
    assert((await s.a.locator('.check-row', { hasText: '20 回' }).count()) === 1, 'changed value listed');
    await shot(s.a, '10-check-answers');
  });
  axe('check your answers', () => s.a);
  // ---- Excel, both ways (issue 15) ----------------------------------------------------------
  // The workbook is edited by openpyxl (an xlsx library independent of mamori's writer), as a
  // person's Excel would; the approver changes one of the same answers meanwhile.
  const editWorkbook = (src, dst, edits) => {
    const spec = join(tmpdir(), `mamori-e2e-edits-${process.pid}.json`);
    writeFileSync(spec, JSON.stringify(edits));
    execFileSync('/usr/bin/python3', [fileURLToPath(new URL('../../tests/tools/edit_workbook.py', import.meta.url)), src, dst, spec]);
  };
  const set = (question, value) => ({ question, column: 'F', value });
  run.step('Excel: the response home leads to 「Excelで作業する」, which downloads the workbook', async () => {
    await s.a.goto(`${base}/responses/${s.responseId}`);
    await waitH1(s.a, '札幌市の回答');
    await s.a.getByRole('link', { name: 'Excelで作業する' }).click();
    await waitH1(s.a, 'Excelで作業する');
    const [download] = await Promise.all([
      s.a.waitForEvent('download', { timeout: T }),
      s.a.getByRole('button', { name: 'ワークブック（.xlsx）をダウンロード' }).click(),
    ]);
    assert(/^mamori_011002_fy2026_\d{8}-\d{4}\.xlsx$/.test(download.suggestedFilename()), download.suggestedFilename());
    s.workbook = join(tmpdir(), `mamori-e2e-${process.pid}-${env.viewport.width}.xlsx`);
    await download.saveAs(s.workbook);
    await fitsTheWindow(s.a, 'workbook page');
    await shot(s.a, '19-workbook');
  });
  axe('the workbook page', () => s.a);
  run.step('Excel: three answers changed and one invalid, uploaded: the preview names the cell and applies nothing', async () => {
    s.edited = s.workbook.replace('.xlsx', '-edited.xlsx');
    editWorkbook(s.workbook, s.edited, [set('c5-edr-coverage', 55), set('c3-loss-incidents', 45), set('c7-outsourcing-count', 24),
      set('c8-self-check-coverage', 150)]);
    await s.a.getByLabel('ファイル（.xlsx または .csv、16MBまで）').setInputFiles(s.edited);
    await s.a.getByRole('button', { name: '内容を確認する' }).click();
    const errors = s.a.locator('#workbook-errors');
    await errors.waitFor({ timeout: T });
    const text = await errors.textContent();
    assert(/分類8 シート \d+行 F列: 0から100までの数値で入力してください/.test(text), text);
    assert(await s.a.getByRole('button', { name: /この内容で反映する/ }).isDisabled(), 'apply is disabled while a cell is invalid');
    await shot(s.a, '20-workbook-error', errors);
  });
  axe('the workbook preview with an invalid cell', () => s.a);
  run.step('Excel: meanwhile the approver changes one of the same answers in the browser', async () => {
    const approver = await newPage();
    await signIn(approver, 'demo-approver', `/responses/${s.responseId}/categories/7`);
    const input = approver.locator('#q-c7-outsourcing-count-input');
    await input.waitFor({ timeout: T });
    const status = await putAnswer(approver, 'c7-outsourcing-count', async () => {
      await input.fill('36');
      await input.press('Tab');
    });
    assert(status === 200, `approver's save answered ${status}`);
    await approver.context().close();
  });
  run.step('Excel: the fixed file previews four changes, one in conflict with who changed the server\'s', async () => {
    // A file of its own name, as a person saving the corrected copy would.
    s.fixed = s.workbook.replace('.xlsx', '-fixed.xlsx');
    editWorkbook(s.workbook, s.fixed, [set('c5-edr-coverage', 55), set('c3-loss-incidents', 45), set('c7-outsourcing-count', 24),
      set('c8-self-check-coverage', 80)]);
    await s.a.getByLabel('ファイル（.xlsx または .csv、16MBまで）').setInputFiles(s.fixed);
    await s.a.getByRole('button', { name: '内容を確認する' }).click();
    await s.a.locator('#workbook-changes').waitFor({ timeout: T });
    assert((await s.a.locator('#workbook-errors').count()) === 0, 'no errors left');
    assert((await s.a.locator('#workbook-changes tbody tr').count()) === 4, 'four changes');
    const conflict = s.a.locator('#workbook-changes tbody tr', { hasText: 'ダウンロード後にサーバーの値が変更されています' });
    assert((await conflict.count()) === 1, 'one conflict');
    const row = await conflict.textContent();
    assert(row.includes('札幌市 確認者（デモ）') && row.includes('36') && row.includes('24'), row);
    await fitsTheWindow(s.a, 'workbook preview');
    await shot(s.a, '21-workbook-conflict', conflict);
  });
  axe('the workbook preview with a conflict', () => s.a);
  run.step('Excel: applying without choosing is refused; keeping the file\'s value applies all four', async () => {
    await s.a.getByRole('button', { name: 'この内容で反映する（4件）' }).click();
    await s.a.getByText('競合しているすべての回答について、どちらの値を残すか選んでください。').waitFor({ timeout: T });
    await s.a.getByRole('radio', { name: 'ファイルの値を残す' }).check();
    await s.a.getByRole('button', { name: 'この内容で反映する（4件）' }).click();
    await s.a.getByText('4件の回答を反映しました。').waitFor({ timeout: T });
  });
  axe('the workbook applied', () => s.a);
  run.step('Excel: the history of an imported answer says it came from Excel', async () => {
    await s.a.locator('#workbook-applied a').first().click();
    await waitH1(s.a, '変更履歴');
    const first = await s.a.locator('tbody tr').first().textContent();
    assert(first.includes('Excelから取り込み（') && first.includes('.xlsx'), first);
    await shot(s.a, '22-history-from-excel');
  });
  axe('the history of an imported answer', () => s.a);
  run.step('categories 2–8: confirm, answer the new questions, mark ready', async () => {
    for (let n = 2; n <= 8; n++) await completeCategory(s.a, s.responseId, n);
    await s.a.goto(`${base}/responses/${s.responseId}`);
    await waitH1(s.a, '札幌市の回答');
    assert((await s.a.locator('.tag-complete').count()) === 8, 'all 入力完了');
  });
  run.step('respondent asks for review', async () => {
    await s.a.getByRole('link', { name: '確認依頼・提出へ進む' }).click();
    await waitH1(s.a, '確認依頼と提出');
    await s.a.getByRole('button', { name: '確認を依頼する' }).click();
    await s.a.getByText('確認者に確認を依頼しました。').waitFor({ timeout: T });
    assert((await s.a.locator('.tag-state-ready_for_review').count()) === 1, 'state 確認依頼中');
  });
  run.step('while review is requested the categories still say 入力完了, and the home\'s counts agree', async () => {
    await s.a.goto(`${base}/responses/${s.responseId}`);
    await waitH1(s.a, '札幌市の回答');
    assert((await s.a.locator('.tag-complete').count()) === 8, 'the same word as before the request');
    const text = await s.a.locator('main').textContent();
    assert(!text.includes('前年度から引き継いだ未確認の回答'), 'no unconfirmed answers left beside a complete task list');
  });
  axe('review page (respondent, awaiting review)', () => s.a);

  // ---- approver returns one category -------------------------------------------------------
  run.step('the approver\'s home says a review request is waiting, with a link to it', async () => {
    await signOut(s.a);
    await signIn(s.a, 'demo-approver');
    await waitH1(s.a, '札幌市の回答');
    await s.a.getByText('確認依頼が届いています。').waitFor({ timeout: T });
    await shot(s.a, '10a-approver-banner');
  });
  axe('approver home with the review banner', () => s.a);
  run.step('approver returns category 3 with a comment (差戻し)', async () => {
    await s.a.getByRole('link', { name: '確認と提出へ進む' }).click();
    await waitH1(s.a, '確認依頼と提出');
    await s.a.locator('details', { hasText: 'この項目を差し戻す' }).nth(2).locator('summary').click();
    await s.a.locator('#return-3').fill('サーバー室の入退室記録の回答を見直してください。');
    await s.a.locator('details[open]').getByRole('button', { name: 'この項目を差し戻す' }).click();
    await s.a.getByText('項目3を差し戻しました。').waitFor({ timeout: T });
    assert((await s.a.locator('.tag-state-draft').count()) === 1, 'back to 回答中');
    await shot(s.a, '11-review-approver');
  });
  axe('review page (approver, after a return)', () => s.a);

  // ---- respondent fixes it, keyboard only ----------------------------------------------------
  run.step('respondent sees the return comment and fixes category 3 with the keyboard only', async () => {
    await signOut(s.a);
    await signIn(s.a, 'demo-respondent');
    await waitH1(s.a, '札幌市の回答');
    assert((await s.a.locator('main').textContent()).includes('サーバー室の入退室記録の回答を見直してください。'), 'comment on home');
    assert((await s.a.locator('.tag-returned').count()) === 1 && (await s.a.locator('.tag-complete').count()) === 7, 'one 差戻し, seven 入力完了');
    await tabTo(s.a, () => document.activeElement?.textContent === '3. 物理的セキュリティ');
    await s.a.keyboard.press('Enter');
    await waitH1(s.a, '3. 物理的セキュリティ');
    await tabTo(s.a, () => document.activeElement?.id === 'q-c3-power-seismic-input');
    assert((await putAnswer(s.a, 'c3-power-seismic', () => s.a.keyboard.press('ArrowRight'))) === 200, 'saved');
    await savedIn(s.a, 'c3-power-seismic');
    await tabTo(s.a, () => document.activeElement?.textContent === 'この項目を入力完了にする', 400);
    await s.a.keyboard.press('Enter');
    await s.a.getByText('この項目を入力完了にしました。').waitFor({ timeout: T });
  });
  run.step('respondent asks for review again', async () => {
    await s.a.goto(`${base}/responses/${s.responseId}/review`);
    await s.a.getByRole('button', { name: '確認を依頼する' }).click();
    await s.a.getByText('確認者に確認を依頼しました。').waitFor({ timeout: T });
  });

  // ---- approver submits ----------------------------------------------------------------------
  run.step('approver goes to the check before submitting: the changes from last year come before the button', async () => {
    await signOut(s.a);
    await signIn(s.a, 'demo-approver', `/responses/${s.responseId}/review`);
    await waitH1(s.a, '確認依頼と提出');
    assert((await s.a.getByRole('button', { name: '回答を提出する' }).count()) === 0, 'no one-click submit on the review page');
    await s.a.getByRole('link', { name: '提出前の確認へ進む' }).click();
    await waitH1(s.a, '提出前の確認');
    const order = await s.a.evaluate(() => {
      const table = document.querySelector('main table');
      const button = [...document.querySelectorAll('main button')].find((b) => b.textContent === '回答を提出する');
      return table && button ? table.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    assert(order, 'the changes table is above the submit button');
    const text = await s.a.locator('main').textContent();
    assert(text.includes('（今年度の新しい設問）'), 'new questions are named as new');
    assert(!text.includes('未回答'), 'no 「未回答」 for a question that did not exist last year');
    assert(/\d-\d+ /.test(await s.a.locator('main tbody tr').first().textContent()), 'changes named by question number');
    await fitsTheWindow(s.a, 'submit page');
    await shot(s.a, '11a-submit-check');
  });
  axe('check before submitting', () => s.a);
  run.step('approver submits with 「回答を提出する」; the response becomes read-only', async () => {
    await s.a.getByRole('button', { name: '回答を提出する' }).click();
    await s.a.getByText('回答を提出しました。').waitFor({ timeout: T });
    assert((await s.a.locator('.tag-state-submitted').count()) === 1, 'state 提出済み');
    assert((await s.a.locator('main').textContent()).includes('この回答は提出済みのため変更できません。'), 'read-only notice');
    const diff = s.a.locator('section', { has: s.a.getByRole('heading', { name: '前年度からの変更' }) });
    assert((await diff.locator('tbody tr').count()) > 0, 'diff against last year');
    await s.a.goto(`${base}/responses/${s.responseId}/categories/1`);
    await waitH1(s.a, '1. 組織体制');
    assert((await s.a.locator('form.question input').count()) === 0, 'no inputs after submission');
  });
  axe('submitted response, read-only category page', () => s.a);

  // ---- MIC accepts ----------------------------------------------------------------------------
  run.step('MIC finds 札幌市 by its reading and accepts the response', async () => {
    await signOut(s.a);
    await signIn(s.a, 'demo-admin');
    await waitH1(s.a, '調査の管理');
    await s.a.locator('li', { hasText: '令和8年度 地方公共団体における情報セキュリティ対策に関する調査' }).first()
      .getByRole('link', { name: '団体の回答状況' }).click();
    await waitH1(s.a, '団体の回答状況');
    await s.a.getByLabel('団体名・ふりがなで検索').fill('さっぽろ');
    await s.a.getByRole('button', { name: '絞り込む' }).click();
    // The counts are of the bodies found, not of the whole campaign.
    await s.a.getByRole('status').filter({ hasText: /^1団体 — 提出済み 1$/ }).waitFor({ timeout: T });
    await fitsTheWindow(s.a, 'bodies list');
    await shot(s.a, '12-bodies-list');
    await s.a.getByRole('link', { name: '札幌市' }).click();
    await waitH1(s.a, '確認依頼と提出');
    await s.a.getByRole('button', { name: '受理する' }).click();
    await s.a.getByText('回答を受理しました。').waitFor({ timeout: T });
    assert((await s.a.locator('.tag-state-accepted').count()) === 1, 'state 受理済み');
  });
  axe('review page (MIC, accepted)', () => s.a);
  run.step('MIC bodies list filters by prefecture, type and state', async () => {
    await s.a.goBack();
    await waitH1(s.a, '団体の回答状況');
    await s.a.getByLabel('都道府県').selectOption({ label: '北海道' });
    await s.a.getByLabel('団体区分').selectOption({ label: '政令指定都市' });
    await s.a.getByLabel('状態').selectOption({ label: '受理済み' });
    await s.a.getByLabel('団体名・ふりがなで検索').fill('');
    await s.a.getByRole('button', { name: '絞り込む' }).click();
    await s.a.getByRole('status').filter({ hasText: /^1団体 —/ }).waitFor({ timeout: T });
    assert((await s.a.locator('tbody tr').count()) === 1, 'one row: 札幌市');
  });
  axe('bodies list (MIC, filtered)', () => s.a);

  // ---- the prefecture supporter sees it -----------------------------------------------------
  run.step('the prefecture supporter sees 札幌市 accepted and opens it read-only', async () => {
    await signOut(s.a);
    await signIn(s.a, 'demo-prefecture');
    await waitH1(s.a, '北海道の団体の回答状況');
    const row = s.a.locator('tbody tr', { hasText: '札幌市' });
    await row.locator('.tag-state-accepted').waitFor({ timeout: T });  // 札幌市 受理済み
    await row.getByRole('link', { name: '札幌市' }).click();
    await waitH1(s.a, '確認依頼と提出');
    assert((await s.a.locator('main button, main select, main textarea').count()) === 0, 'no actions on another body');
    await s.a.getByRole('link', { name: '回答全体を確認する' }).click();
    await waitH1(s.a, '回答全体の確認');
    assert((await s.a.getByRole('link', { name: /^変更/ }).count()) === 0, 'no change links');
  });
  run.step('the supporter opens a draft of another body of the prefecture: no way to change it', async () => {
    await s.a.goto(`${base}/prefecture`);
    await waitH1(s.a, '北海道の団体の回答状況');
    await s.a.getByRole('link', { name: '小樽市' }).click();
    await waitH1(s.a, '確認依頼と提出');
    assert((await s.a.locator('.tag-state-draft').count()) === 1, '小樽市 is a draft');
    assert((await s.a.locator('main button, main select, main textarea').count()) === 0, 'no actions');
    await s.a.getByRole('link', { name: /^1\. / }).first().click();
    await s.a.locator('form.question').first().waitFor({ timeout: T });
    assert((await s.a.locator('form.question input, form.question textarea').count()) === 0, 'no inputs');
    assert((await s.a.getByRole('button', { name: '前年度と同じ内容で確認する' }).count()) === 0, 'no confirm');
  });
  axe('a draft of another body, read-only (prefecture supporter)', () => s.a);
  axe('whole response, read-only (prefecture supporter)', () => s.a);

  // ---- figures (issue 4): the body's results, the prefecture's and the national dashboards -----
  run.step('the supporter sorts its bodies by overall rate', async () => {
    await s.a.getByRole('link', { name: '団体の集計' }).click();
    await waitH1(s.a, '北海道の団体の集計');
    await s.a.locator('tbody tr').first().waitFor({ timeout: T });
    assert((await s.a.locator('tbody tr').count()) === 180, '180 bodies of 北海道');
    // FY2026 has only 札幌市 counted so far: look at FY2025, where every body is.
    await s.a.getByLabel('調査').selectOption({ label: '令和7年度 地方公共団体における情報セキュリティ対策に関する調査（サンプルデータ）' });
    await s.a.getByRole('button', { name: '表示する' }).click();
    await s.a.getByText(/令和7年度に提出済みの180団体/).waitFor({ timeout: T });
    await s.a.getByRole('button', { name: '全体で並べ替え' }).click();
    const first = await s.a.locator('tbody tr').nth(0).locator('td.num').first().textContent();
    const second = await s.a.locator('tbody tr').nth(1).locator('td.num').first().textContent();
    assert(parseFloat(first) >= parseFloat(second), `sorted descending: ${first} ≥ ${second}`);
    assert((await s.a.locator('th[aria-sort=descending]').count()) === 1, 'aria-sort on the column');
    await shot(s.a, '14-prefecture-figures');
  });
  axe('prefecture figures (sorted)', () => s.a);
  run.step('a body sees its results: peers, national, 5 years of trend and its gaps with reasons', async () => {
    await signOut(s.a);
    await signIn(s.a, 'demo-auditor');
    await s.a.getByRole('link', { name: '結果と比較', exact: true }).click();
    await waitH1(s.a, '札幌市の結果と比較');
    await s.a.locator('.chart svg').first().waitFor({ timeout: T });
    assert((await s.a.locator('.chart svg').count()) === 2, 'two charts drawn (SVG)');
    const narrow = (env.viewport?.width ?? 1280) < 640;
    assert((await s.a.locator('.chart-figure-narrow').count()) === (narrow ? 2 : 0), 'table-first figures exactly on a narrow screen');
    await fitsTheWindow(s.a, 'results');
    const text = await s.a.locator('main').textContent();
    assert(/令和8年度の集計は表示していません。(提出済みの団体がまだ5団体に満たない|調査の締切後に公開される)ためです。令和7年度の結果を表示しています。/.test(text),
      'says why FY2026 is withheld');
    assert(/令和7年度の札幌市の実施率は\d+\.\d%で、政令指定都市（\d+\.\d%）/.test(text), 'summary sentence');
    assert(text.includes('サンプルデータ'), 'sample data marked');
    const trendRows = s.a.locator('section', { has: s.a.locator('#sec-trend') }).locator('tbody tr');
    assert((await trendRows.count()) === 6, 'FY2021–FY2026 in the trend table');
    const gaps = s.a.locator('#sec-gaps ~ ol > li');
    assert((await gaps.count()) > 0, 'gaps listed');
    assert((await gaps.first().textContent()).includes('この対策が必要な理由'), 'each gap with its reason');
    for (const [name, ext] of [[/フィードバック報告（PDF）をダウンロード/, '.pdf'], ['同じ内容をExcelでダウンロード', '.xlsx']]) {
      const download = s.a.waitForEvent('download', { timeout: 30000 });
      await s.a.getByRole('button', { name }).click();
      const d = await download;
      assert(d.suggestedFilename().startsWith('feedback-011002-') && d.suggestedFilename().endsWith(ext), d.suggestedFilename());
    }
    await shot(s.a, '15-body-results');
  });
  axe('body results with charts', () => s.a);
  run.step('the results seen through NIST CSF 2.0: every function and category, said to be indicative', async () => {
    await s.a.getByRole('link', { name: 'NIST サイバーセキュリティフレームワーク（CSF 2.0）から見る（参考）' }).click();
    await waitH1(s.a, 'NIST CSF 2.0 から見た対策状況（参考）');
    await s.a.getByText('認証や適合の判定ではありません。').waitFor({ timeout: T });
    assert((await s.a.locator('main table tbody tr').count()) === 28, '6 functions and 22 categories');
    await s.a.locator('details summary', { hasText: 'RC.RP' }).click();
    await s.a.locator('details[open] li', { hasText: 'RC.RP-03' }).first().waitFor({ timeout: T });
    await fitsTheWindow(s.a, 'CSF view');
    await shot(s.a, '18-csf');
  });
  axe('the NIST CSF 2.0 view', () => s.a);
  run.step('back from the CSF view to the results', async () => {
    await s.a.goBack();
    await waitH1(s.a, '札幌市の結果と比較');
    await s.a.locator('.chart svg').first().waitFor({ timeout: T });
  });
  run.step('the results page in English', async () => {
    await s.a.getByRole('button', { name: 'Switch to English' }).click();
    await waitH1(s.a, 'Results of 札幌市');
    await s.a.locator('.chart svg').first().waitFor({ timeout: T });
  });
  axe('body results in English', () => s.a);
  run.step('back to Japanese', async () => {
    await s.a.getByRole('button', { name: '日本語に切り替える' }).click();
    await waitH1(s.a, '札幌市の結果と比較');
  });
  run.step('MIC: national figures by type and prefecture; FY2025 weak spots equal seed 003 within 1 point', async () => {
    await signOut(s.a);
    await signIn(s.a, 'demo-admin');
    await s.a.getByRole('link', { name: '全国の集計' }).click();
    await waitH1(s.a, '全国の集計');
    await s.a.locator('.chart svg').first().waitFor({ timeout: T });
    const text = await s.a.locator('main').textContent();
    assert(/令和7年度の全国の実施率は\d+\.\d%（1,788団体）で、前年度から\+\d+\.\dpt/.test(text), 'national summary');
    const pref = s.a.locator('section', { has: s.a.locator('#sec-pref') }).locator('tbody tr');
    assert((await pref.count()) === 47, '47 prefectures in the heat grid');
    const weak = s.a.locator('section', { has: s.a.locator('#sec-weak') });
    const header = await weak.locator('thead th').allTextContents();
    const col = header.indexOf('令和7年度');
    assert(col > 1, 'a FY2025 column');
    const rows = weak.locator('tbody tr');
    assert((await rows.count()) === 16, '16 weak spots');
    for (let i = 0; i < 16; i++) {
      const cells = await rows.nth(i).locator('th, td').allTextContents();
      const ref = parseFloat(cells[1]);
      const fy25 = parseFloat(cells[col]);
      assert(Math.abs(ref - fy25) <= 1.0, `${cells[0]}: FY2025 ${fy25} vs reference ${ref}`);
    }
    await fitsTheWindow(s.a, 'national figures');
    await shot(s.a, '16-national-figures');
  });
  axe('national figures with heat grid and charts', () => s.a);

  // ---- MIC manages a campaign ---------------------------------------------------------------
  run.step('MIC sees how many entries bodies did not have to make again (answers from other surveys)', async () => {
    await s.a.getByRole('link', { name: '調査の管理', exact: true }).click();
    await waitH1(s.a, '調査の管理');
    const text = await s.a.getByTestId('entries-saved').textContent();
    const n = Number(/全国で ([\d,]+) 件/.exec(text)?.[1].replace(/,/g, '') ?? 0);
    assert(n > 0, `entries saved nationwide: ${text}`);
    assert((await s.a.locator('section[aria-labelledby=reuse-totals] tbody tr', { hasText: '番号法' }).count()) === 1, 'PPC\'s campaign listed');
  });
  run.step('MIC downloads the FY2025 answers as Excel and the rate table as CSV', async () => {
    const card = s.a.locator('li', { hasText: '令和7年度 地方公共団体における情報セキュリティ対策に関する調査（サンプルデータ）' });
    await card.getByText('データを出力する').click();
    for (const [label, ext] of [['全回答（Excel）', '.xlsx'], ['実施率表（CSV・UTF-8）', '.csv']]) {
      const download = s.a.waitForEvent('download', { timeout: 60000 });
      await card.getByRole('button', { name: label }).click();
      const d = await download;
      assert(d.suggestedFilename().endsWith(ext), `${label}: ${d.suggestedFilename()}`);
    }
  });
  run.step('MIC makes the FY2025 feedback reports of 鳥取県 as one ZIP (a job with progress)', async () => {
    const card = s.a.locator('li', { hasText: '令和7年度 地方公共団体における情報セキュリティ対策に関する調査（サンプルデータ）' });
    await card.getByLabel('都道府県').selectOption({ label: '鳥取県' });
    await card.getByRole('button', { name: '報告書を一括作成する' }).click();
    await card.getByText(/\d+団体の報告書ができました。/).waitFor({ timeout: 120000 });
    const download = s.a.waitForEvent('download', { timeout: 30000 });
    await card.getByRole('button', { name: 'feedback-FY2025-pref31.zip をダウンロード' }).click();
    const d = await download;
    assert(d.suggestedFilename() === 'feedback-FY2025-pref31.zip', d.suggestedFilename());
    const bytes = await readFile(await d.path());
    assert(bytes.subarray(0, 2).toString() === 'PK', 'a ZIP file');
    assert(bytes.includes(Buffer.from('310000_鳥取県.pdf')), 'the prefecture\'s own report, named by code and name');
  });
  axe('campaigns page with the exports open', () => s.a);
  run.step('MIC: the progress board of FY2026 and a reminder to 小樽市', async () => {
    const card = s.a.locator('li', { hasText: '令和8年度 地方公共団体における情報セキュリティ対策に関する調査' }).first();
    await card.getByRole('link', { name: '回答の進捗' }).click();
    await waitH1(s.a, '回答の進捗');
    const text = await s.a.locator('main').textContent();
    assert(/1,788団体のうち1団体（0\.1%）が提出しました/.test(text), 'summary counts 札幌市 as submitted');
    assert((await s.a.locator('#sec-prefs ~ div tbody tr').count()) === 47, '47 prefectures');
    await s.a.getByRole('button', { name: /選んだ0団体にお知らせを送る/ }).click();
    await s.a.locator('.error-summary').waitFor({ timeout: T });
    await s.a.locator('#pending-pref').selectOption({ label: '北海道' });
    await s.a.getByRole('checkbox', { name: '小樽市' }).check();
    await s.a.getByRole('checkbox', { name: '北海道', exact: true }).check();
    await s.a.locator('#reminder-message').fill('回答期限が近づいています。未提出の項目を確認してください。');
    await s.a.getByRole('button', { name: '選んだ2団体にお知らせを送る' }).click();
    await s.a.getByText('2団体にお知らせを送りました。').waitFor({ timeout: T });
    await shot(s.a, '17-progress');
  });
  axe('progress board after a reminder', () => s.a);
  run.step('MIC: creating a campaign with empty fields lists every problem', async () => {
    await s.a.getByRole('link', { name: '調査の管理', exact: true }).click();
    await waitH1(s.a, '調査の管理');
    await s.a.getByRole('button', { name: '調査を作成する' }).click();
    await s.a.locator('.error-summary').waitFor({ timeout: T });
    assert((await s.a.locator('.error-summary li').count()) >= 3, 'several fields reported');
  });
  axe('campaigns page with errors', () => s.a);
  run.step('MIC creates a campaign, opens it with a progress bar, extends and closes it', async () => {
    await s.a.getByLabel('調査名').fill('令和8年度 追加調査（テスト）');
    await s.a.getByLabel('年度').fill('2026');
    await s.a.getByLabel('調査票').selectOption('fy2026');
    await s.a.getByLabel('開始日').fill('2026-12-01');
    await s.a.locator('#create-closes_at-input').fill('2027-02-26');
    await s.a.getByRole('button', { name: '調査を作成する' }).click();
    await s.a.getByText('調査を作成しました。').waitFor({ timeout: T });
    const card = s.a.locator('li', { hasText: '令和8年度 追加調査（テスト）' });
    await card.getByRole('button', { name: '調査を開始する' }).click();
    await s.a.locator('progress').waitFor({ timeout: T });
    await s.a.getByText('調査を開始しました。').waitFor({ timeout: 60000 });
    await card.getByLabel('新しい回答期限').fill('2027-03-31');
    await card.getByRole('button', { name: '期限を延長する' }).click();
    await s.a.getByText('回答期限を延長しました。').waitFor({ timeout: T });
    assert((await card.textContent()).includes('令和9年3月31日'), 'new deadline shown');
    await shot(s.a, '13-campaigns');
    s.a.once('dialog', (d) => d.accept());
    await card.getByRole('button', { name: '調査を締め切る' }).click();
    await s.a.getByText('調査を締め切りました。').waitFor({ timeout: T });
    assert((await card.locator('.tag-campaign-closed').count()) === 1, 'closed');
  });
  axe('campaigns page', () => s.a);
  run.step('MIC unlocks one body of the closed campaign (reopen)', async () => {
    const card = s.a.locator('li', { hasText: '令和8年度 追加調査（テスト）' });
    await card.getByRole('link', { name: '団体の回答状況' }).click();
    await waitH1(s.a, '団体の回答状況');
    await s.a.getByLabel('団体名・ふりがなで検索').fill('おたる');
    await s.a.getByRole('button', { name: '絞り込む' }).click();
    await s.a.getByRole('status').filter({ hasText: /^1団体 —/ }).waitFor({ timeout: T });
    assert((await s.a.locator('tbody tr', { hasText: '締切によりロック' }).count()) === 1, '小樽市 locked');
    await s.a.getByRole('link', { name: '小樽市' }).click();
    await waitH1(s.a, '確認依頼と提出');
    await s.a.getByRole('button', { name: 'この団体の回答のロックを解除する' }).click();
    await s.a.getByText('ロックを解除しました。').waitFor({ timeout: T });
    assert((await s.a.locator('.tag', { hasText: '締切によりロック' }).count()) === 0, 'unlocked');
  });
  axe('review page after reopen (MIC)', () => s.a);
  run.step('MIC sees a sign-in held back by repeated wrong passwords and lifts it', async () => {
    // Someone tries five wrong passwords for one login (from this machine's address).
    for (let i = 0; i < 5; i++) {
      const r = await fetch(base + '/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'demo-viewer-guessed', password: `guess-${i}` }),
      });
      assert(r.status === 401, `guess ${i} answered ${r.status}`);
    }
    await s.a.getByRole('link', { name: 'サインインの制限' }).click();
    await waitH1(s.a, 'サインインの制限');
    const row = s.a.locator('tbody tr', { hasText: 'demo-viewer-guessed' });
    await row.waitFor({ timeout: T });
    assert((await row.textContent()).includes('ログインID・アドレス'), 'the kind of limit');
    await shot(s.a, '18-sign-in-limits');
    await row.getByRole('button', { name: '解除する' }).click();
    await s.a.getByText('demo-viewer-guessed のサインインの制限を解除しました。').waitFor({ timeout: T });
    assert((await s.a.locator('tbody tr', { hasText: 'demo-viewer-guessed' }).count()) === 0, 'the row is gone');
  });
  axe('sign-in limits page', () => s.a);
  run.step('北海道 reads the reminder on its page and marks it read; 札幌市 got none', async () => {
    await signOut(s.a);
    await signIn(s.a, 'demo-prefecture');
    await waitH1(s.a, '北海道の団体の回答状況');
    const notice = s.a.locator('section', { has: s.a.getByRole('heading', { name: '総務省からのお知らせ' }) });
    await notice.waitFor({ timeout: T });
    assert((await notice.textContent()).includes('回答期限が近づいています。'), 'the message');
    await shot(s.a, '18-reminder');
  });
  axe('a reminder on the supporter page', () => s.a);
  run.step('marking the reminder read removes it', async () => {
    await s.a.getByRole('button', { name: '確認した' }).click();
    await s.a.getByRole('heading', { name: '総務省からのお知らせ' }).waitFor({ state: 'detached', timeout: T });
    await signOut(s.a);
    await signIn(s.a, 'demo-respondent');
    await waitH1(s.a, '札幌市の回答');
    assert((await s.a.getByText('総務省からのお知らせ').count()) === 0, 'no notice for 札幌市');
  });

  // Identity and audit (issue 13): MIC invites an approver, who sets a password with the
  // one-time link, must enrol a second factor before anything else, saves the recovery codes
  // and signs in again with a code; MIC searches the audit trail.
  const invitee = { login: 'e2e-approver', password: 'yuki no hi ni mado wo akeru' };
  run.step('MIC invites an approver and gets a one-time link (no SMTP here)', async () => {
    await signOut(s.a);
    await signIn(s.a, 'demo-admin');
    await s.a.getByRole('link', { name: 'アカウント管理' }).click();
    await waitH1(s.a, 'アカウント管理');
    await s.a.getByLabel('団体コード').first().fill('011002');
    await s.a.getByRole('button', { name: '表示する' }).click();
    await s.a.locator('tbody tr', { hasText: 'demo-approver' }).waitFor({ timeout: T });
    await s.a.locator('#invite-login').fill(invitee.login);
    await s.a.locator('#invite-display_name').fill('招待 承認者');
    await s.a.locator('#invite-role').selectOption('body_approver');
    await s.a.getByRole('button', { name: '招待する' }).click();
    const notice = s.a.getByText('メール送信が設定されていないため');
    await notice.waitFor({ timeout: T });
    const text = await notice.textContent();
    s.inviteLink = text.slice(text.indexOf('http'));
    assert(s.inviteLink.includes('/account/invitation#'), `the link: ${s.inviteLink}`);
    await s.a.locator('tbody tr', { hasText: invitee.login }).waitFor({ timeout: T });
    await shot(s.a, '19-accounts');
  });
  axe('accounts page with an invitation link', () => s.a);
  run.step('MIC searches the audit trail', async () => {
    await s.a.getByRole('link', { name: '監査ログ', exact: true }).click();
    await waitH1(s.a, '監査ログ');
    await s.a.locator('#audit-action').fill('account.');
    await s.a.getByRole('button', { name: '検索する' }).click();
    await s.a.locator('tbody tr', { hasText: 'account.invite' }).waitFor({ timeout: T });
    await shot(s.a, '20-audit');
  });
  axe('audit trail page', () => s.a);
  run.step('MIC opens a body\'s data export by its code; a malformed code is refused on the page', async () => {
    await s.a.getByRole('link', { name: 'データの書き出し', exact: true }).click();
    await waitH1(s.a, '団体データの書き出し');
    await s.a.getByLabel('団体コード（6桁）').fill('0110');
    await s.a.getByRole('button', { name: '表示' }).click();
    await s.a.locator('.field-error', { hasText: '6桁の数字' }).waitFor({ timeout: T });
    await s.a.getByLabel('団体コード（6桁）').fill('011002');
    await s.a.getByRole('button', { name: '表示' }).click();
    await s.a.getByRole('heading', { name: '011002 のデータ' }).waitFor({ timeout: T });
    await s.a.getByRole('button', { name: 'Excel（閲覧用）' }).waitFor({ timeout: T });
  });
  axe('a body\'s data export (MIC)', () => s.a);
  run.step('MIC\'s board of the policy obligation: shares by group, organ and month since 令和8年4月, the bodies missing', async () => {
    await s.a.getByRole('link', { name: '方針の策定状況', exact: true }).click();
    await waitH1(s.a, '方針の策定状況');
    await s.a.getByRole('rowheader', { name: '都道府県' }).waitFor({ timeout: T });
    await s.a.getByRole('rowheader', { name: '令和8年4月' }).waitFor({ timeout: T });
    await s.a.getByRole('heading', { name: /未策定の機関がある団体（\d+団体）/ }).waitFor({ timeout: T });
    await fitsTheWindow(s.a, 'policy board');
  });
  axe('the policy board (MIC)', () => s.a);
  run.step('the invitee sets a password with the link', async () => {
    await signOut(s.a);
    await s.a.goto(s.inviteLink.replace(/^https?:\/\/[^/]+/, base));
    await waitH1(s.a, 'アカウントの利用開始');
    await s.a.getByText(`ログインID ${invitee.login}`).waitFor({ timeout: T });
    assert(!s.a.url().includes('#'), 'the token is gone from the address bar');
    await s.a.getByLabel('新しいパスワード').fill('short');
    await s.a.getByRole('button', { name: 'パスワードを設定する' }).click();
    await s.a.locator('.field-error', { hasText: '12 文字以上' }).waitFor({ timeout: T });
  });
  axe('setting a password with an error', () => s.a);
  run.step('…with a long phrase it is set', async () => {
    await s.a.getByLabel('新しいパスワード').fill(invitee.password);
    await s.a.getByRole('button', { name: 'パスワードを設定する' }).click();
    await s.a.getByText('パスワードを設定しました。').waitFor({ timeout: T });
  });
  run.step('an approver without a second factor can only enrol', async () => {
    await signIn(s.a, invitee.login, '/', invitee.password, null);
    await waitH1(s.a, '二要素認証を登録してください');
    assert((await s.a.getByRole('link', { name: '回答' }).count()) === 0, 'no menu before enrolling');
    await s.a.getByRole('button', { name: 'QRコードを表示する' }).click();
    await s.a.locator('.qr svg').waitFor({ timeout: T });
    invitee.secret = (await s.a.locator('code').textContent()).trim();
    await shot(s.a, '21-enrol');
  });
  axe('enrolling a second factor (QR code)', () => s.a);
  run.step('a first code confirms it and the recovery codes are shown once', async () => {
    await s.a.getByLabel('確認コード').fill(await freshCode(invitee.secret));
    await s.a.getByRole('button', { name: '登録を完了する' }).click();
    await waitH1(s.a, '二要素認証を登録してください');
    await s.a.getByRole('heading', { name: 'リカバリーコード' }).waitFor({ timeout: T });
    assert((await s.a.locator('.recovery-codes li').count()) === 10, 'ten recovery codes');
    assert(await s.a.getByRole('button', { name: '続ける' }).isDisabled(), 'not before saying they are saved');
    await shot(s.a, '22-recovery-codes');
  });
  axe('recovery codes', () => s.a);
  run.step('…saved, the approver goes on to the body\'s response', async () => {
    await s.a.getByLabel('リカバリーコードを保存しました').check();
    await s.a.getByRole('button', { name: '続ける' }).click();
    await waitH1(s.a, '札幌市の回答');
  });
  run.step('the account page lists the sessions', async () => {
    await s.a.getByRole('link', { name: 'アカウント', exact: true }).click();
    await waitH1(s.a, 'アカウント');
    await s.a.getByText('（この端末）').waitFor({ timeout: T });
    await s.a.getByText('登録済みです。').waitFor({ timeout: T });
  });
  axe('account page', () => s.a);
  run.step('signing in again asks for the code; a wrong one is refused', async () => {
    await signOut(s.a);
    await s.a.goto(base + '/');
    await s.a.getByLabel('ログインID').fill(invitee.login);
    await s.a.getByLabel('パスワード').fill(invitee.password);
    await s.a.getByRole('button', { name: 'サインインする' }).click();
    const now = totp(invitee.secret, Math.floor(Date.now() / 30000));
    await s.a.getByLabel('確認コード').fill(now === '000000' ? '111111' : '000000');
    await s.a.getByRole('button', { name: '確認する' }).click();
    await s.a.locator('.field-error', { hasText: '確認コードが正しくありません' }).waitFor({ timeout: T });
  });
  axe('the code step with an error', () => s.a);
  run.step('…the right code signs in', async () => {
    await s.a.getByLabel('確認コード').fill(await freshCode(invitee.secret));
    await s.a.getByRole('button', { name: '確認する' }).click();
    await waitH1(s.a, '札幌市の回答');
  });
  run.step('the approver reads the audit trail of the body: its own sign-ins are there', async () => {
    await s.a.getByRole('link', { name: '監査ログ', exact: true }).click();
    await waitH1(s.a, '団体の監査ログ');
    await s.a.locator('tbody tr', { hasText: 'session.second_factor' }).first().waitFor({ timeout: T });
    assert((await s.a.locator('#audit-body').count()) === 0, 'no body filter: it is the own body');
  });
  axe('the body\'s audit trail (approver)', () => s.a);
  // ---- a body's own data, complete (issue 15 §4) ------------------------------------------
  run.step('the approver downloads the body\'s data as JSON: every year, with history and workflow', async () => {
    await s.a.getByRole('link', { name: 'データの書き出し', exact: true }).click();
    await waitH1(s.a, '団体データの書き出し');
    const [download] = await Promise.all([
      s.a.waitForEvent('download', { timeout: T }),
      s.a.getByRole('button', { name: 'JSON（完全な形式・復元できる）' }).click(),
    ]);
    assert(/^mamori_011002_data_\d{8}\.json$/.test(download.suggestedFilename()), download.suggestedFilename());
    const file = join(tmpdir(), `mamori-e2e-body-${process.pid}-${env.viewport.width}.json`);
    await download.saveAs(file);
    const doc = JSON.parse(await readFile(file, 'utf8'));
    assert(doc.format === 'mamori.body-export' && doc.body.code === '011002', 'the body\'s export document');
    assert(doc.responses.length >= 2, `every year's responses: ${doc.responses.length}`);
    const history = doc.responses.reduce((n, r) => n + r.history.length, 0);
    assert(history > 0, 'the answers\' history is in it');
    await fitsTheWindow(s.a, 'body data page');
  });
  axe('the body\'s data export (approver)', () => s.a);
  // ---- the policy obligation (issue 16) ----------------------------------------------------
  // A joint 方針 of the 議会 and the 市長, marked 策定済み, sent from the page's form.
  const submitJointPolicy = async () => {
    await s.a.getByRole('button', { name: '方針を登録する' }).click();
    await s.a.getByLabel('方針の名称').fill('札幌市情報セキュリティ基本方針');
    await s.a.getByRole('checkbox', { name: '議会' }).check();
    await s.a.getByRole('checkbox', { name: '市長' }).check();
    await s.a.getByLabel('状態').selectOption('adopted');
    await s.a.getByLabel('策定日').fill('2026-03-10');
    await s.a.getByRole('button', { name: '登録する', exact: true }).click();
  };
  run.step('the approver opens 「方針」: the organs of 札幌市 as a task list, none adopted yet', async () => {
    await s.a.getByRole('link', { name: '方針', exact: true }).click();
    await waitH1(s.a, '情報セキュリティ方針（方針の策定状況）');
    const council = s.a.locator('.task-list-item', { hasText: '議会' }).first();
    await council.locator('.tag', { hasText: '未策定' }).waitFor({ timeout: T });
    await s.a.getByText('策定の体制（最高情報セキュリティ責任者と統括情報セキュリティ責任者）が記録されていません').waitFor({ timeout: T });
    await s.a.getByText('この団体の機関はまだ登録されていません。').waitFor({ timeout: T });
    await fitsTheWindow(s.a, 'policies page');
  });
  axe('the body\'s policy page, organs not registered', () => s.a);
  run.step('the approver registers the organs of its type', async () => {
    await s.a.getByRole('button', { name: 'この機関で登録する' }).click();
    await s.a.getByText('機関を登録しました。').waitFor({ timeout: T });
    await s.a.getByRole('button', { name: '方針を登録する' }).waitFor({ timeout: T });
  });
  axe('the body\'s policy page', () => s.a);
  run.step('a joint policy marked 策定済み is refused while the structure is not on record', async () => {
    await submitJointPolicy();
    await s.a.locator('.notice-error', { hasText: '策定の体制が記録されていないため' }).waitFor({ timeout: T });
  });
  axe('the policy form with the refusal', () => s.a);
  run.step('with the CISO and the chief officer on the roles list, the policy is adopted for both organs', async () => {
    for (const [role, person] of [['ciso', '札幌 副市長'], ['chief_officer', '札幌 局長']]) {
      await s.a.locator('#role-role').selectOption(role);
      await s.a.locator('#role-person').fill(person);
      await s.a.locator('#role-since').fill('2025-04-01');
      await s.a.getByRole('button', { name: '担当者を登録する' }).click();
      await s.a.locator('tbody tr', { hasText: person }).waitFor({ timeout: T });
    }
    await submitJointPolicy();
    await s.a.getByText('方針を登録しました。').waitFor({ timeout: T });
    for (const organ of ['議会', '市長'])
      await s.a.locator('.task-list-item', { hasText: organ }).first().locator('.tag', { hasText: '策定済み' }).waitFor({ timeout: T });
    await shot(s.a, '21-policies');
  });
  axe('the policy page with an adopted joint policy', () => s.a);
  run.step('the approver records the publication and the server checks the page at once', async () => {
    await s.a.getByRole('button', { name: /編集する.*札幌市情報セキュリティ基本方針/ }).click();
    await s.a.getByLabel('公表先のURL').fill(`${base}/`);
    await s.a.getByLabel('公表日').fill('2026-03-20');
    await s.a.getByRole('button', { name: '保存する', exact: true }).click();
    await s.a.getByText('方針を保存しました。').waitFor({ timeout: T });
    await s.a.getByRole('button', { name: /公表ページを今すぐ確認する/ }).click();
    // The result says what the check found, and the policy shows it with the time of the check.
    await s.a.locator('.notice-success', { hasText: '公表ページを確認しました。 公表ページを確認できました（HTTP 200）。' })
      .waitFor({ timeout: T });
    await s.a.locator('dd', { hasText: '公表ページを確認できました（HTTP 200）。' }).locator('span', { hasText: 'の確認' })
      .waitFor({ timeout: T });
  });
  axe('the policy page with a checked publication', () => s.a);
  run.step('the forgotten-password page answers the same for any address', async () => {
    await signOut(s.a);
    await s.a.getByRole('link', { name: 'パスワードを忘れた場合' }).click();
    await waitH1(s.a, 'パスワードの再設定');
    await s.a.getByLabel('メールアドレス').fill('nobody@example.lg.jp');
    await s.a.getByRole('button', { name: '再設定用のリンクを送る' }).click();
    await s.a.getByText('受け付けました。').waitFor({ timeout: T });
  });
  axe('forgotten password', () => s.a);

  // ---- one answer, many surveys (issue 14): PPC's sample survey and its analyst -------------
  run.step('the respondent finds PPC\'s sample survey beside MIC\'s, with answers from MIC\'s already in', async () => {
    await s.a.goto(base + '/');
    await signIn(s.a, 'demo-respondent');
    await waitH1(s.a, '札幌市の回答');
    await s.a.getByRole('link', { name: /番号法に基づく定期報告/ }).click();
    await s.a.locator('#reuse-summary').waitFor({ timeout: T });
    const caption = await s.a.locator('main').textContent();
    assert(caption.includes('【サンプル】'), 'the survey says it is a sample');
    const summary = await s.a.locator('#reuse-summary').textContent();
    const filled = Number(/回答済みの (\d+) 項目/.exec(summary)?.[1] ?? 0);
    assert(filled > 0, `items filled from MIC's survey: ${summary}`);
    s.ppcId = Number(/\/responses\/(\d+)/.exec(s.a.url())[1]);
    await fitsTheWindow(s.a, 'partner survey home');
    await shot(s.a, '30-ppc-home');
  });
  axe('a partner survey\'s home with reused answers', () => s.a);
  run.step('an equal item shows where its value came from', async () => {
    await s.a.goto(`${base}/responses/${s.ppcId}/categories/1`);
    await question(s.a, 'ppc-policy-rules-consistency').waitFor({ timeout: T });
    const note = question(s.a, 'ppc-policy-rules-consistency').locator('.reuse-note');
    await note.waitFor({ timeout: T });
    const text = await note.textContent();
    assert(text.includes('他の調査から') && text.includes('総務省'), `provenance: ${text}`);
    await shot(s.a, '31-ppc-provenance', note);
  });
  axe('a partner survey\'s category with provenance', () => s.a);
  run.step('a partial item waits for confirmation (要確認) and taking it fills the answer', async () => {
    await s.a.goto(`${base}/responses/${s.ppcId}/categories/2`);
    const panels = s.a.locator('.reuse-panel');
    await panels.first().waitFor({ timeout: T });
    const before = await panels.count();
    assert((await panels.first().textContent()).includes('要確認'), 'marked 要確認');
    await shot(s.a, '32-ppc-proposed', panels.first());
    await panels.first().getByRole('button', { name: 'この値を使う' }).click();
    await s.a.waitForFunction((n) => document.querySelectorAll('.reuse-panel').length === n - 1, before, { timeout: T });
    await s.a.locator('.badge-reuse-confirmed').first().waitFor({ timeout: T });
  });
  axe('a partner survey\'s category after taking a proposal', () => s.a);
  run.step('PPC\'s analyst lands on its own survey and sees the sample notice', async () => {
    await signOut(s.a);
    await signIn(s.a, 'demo-analyst');
    await waitH1(s.a, '自省庁の調査');
    await s.a.getByText('この調査はmamoriが説明のために作成したサンプルです').waitFor({ timeout: T });
    const rows = await s.a.locator('tbody tr').allTextContents();
    assert(rows.length >= 1 && rows.every((r) => r.includes('【サンプル】')), `its campaigns only: ${rows.join(' | ')}`);
    await shot(s.a, '33-partner-home');
  });
  axe('partner analyst home', () => s.a);
  run.step('…reads one item for every body, named by the MIC item mapped to it', async () => {
    await s.a.getByRole('link', { name: /番号法に基づく定期報告/ }).click();
    await s.a.getByLabel('設問番号').fill('c5-mynumber-separation');
    await s.a.getByRole('button', { name: '表示', exact: true }).click();
    await s.a.getByText('総務省調査の設問 c5-mynumber-separation に対応する項目です').waitFor({ timeout: T });
    const rows = await s.a.locator('tbody tr').count();
    assert(rows > 100, `every body of 北海道: ${rows}`);
    await shot(s.a, '34-partner-item');
  });
  axe('partner campaign: one item for every body', () => s.a);
  run.step('…and an item not mapped to its survey is refused without saying whether it exists', async () => {
    await s.a.getByLabel('設問番号').fill('c1-ciso-position');
    await s.a.getByRole('button', { name: '表示', exact: true }).click();
    await s.a.getByText('この設問は、あなたの省庁の調査の項目でも、それに対応付けられた項目でもありません。').waitFor({ timeout: T });
    assert((await s.a.locator('tbody tr').count()) === 0, 'no table left from before');
  });
  axe('partner campaign: an unmapped item refused', () => s.a);
  run.step('the analyst creates a read-only API token, shown once, that reads the survey', async () => {
    await s.a.getByRole('link', { name: 'APIトークン', exact: true }).click();
    await waitH1(s.a, 'APIトークン');
    await s.a.getByLabel('トークンの名前（用途）').fill('BI連携');
    await s.a.getByRole('button', { name: 'トークンを作成' }).click();
    const token = (await s.a.getByTestId('new-token').textContent()).trim();
    assert(/^mamori_[0-9a-f]{64}$/.test(token), `token shape: ${token}`);
    s.token = token;
    const status = await s.a.evaluate(async (t) => (await fetch('/api/partner/campaigns', { headers: { Authorization: `Bearer ${t}` }, credentials: 'omit' })).status, token);
    assert(status === 200, `the token reads: ${status}`);
    await shot(s.a, '35-api-token');
  });
  axe('API token shown once', () => s.a);
  run.step('…revoking it ends it', async () => {
    await s.a.getByRole('button', { name: 'トークン「BI連携」を失効させる' }).click();
    await s.a.getByText('トークン「BI連携」を失効させました。').waitFor({ timeout: T });
    assert((await s.a.getByTestId('new-token').count()) === 0, 'the secret is no longer on the page');
    const status = await s.a.evaluate(async (t) => (await fetch('/api/partner/campaigns', { headers: { Authorization: `Bearer ${t}` }, credentials: 'omit' })).status, s.token);
    assert(status === 401, `a revoked token: ${status}`);
  });
  axe('API tokens after a revocation', () => s.a);
  run.step('the analyst manages its own ministry\'s campaigns only', async () => {
    await s.a.getByRole('link', { name: '調査の管理', exact: true }).click();
    await waitH1(s.a, '調査の管理');
    // The heading comes before the list is loaded: wait for the list itself.
    await s.a.locator('main li h2').first().waitFor({ timeout: T });
    const titles = await s.a.locator('main li h2').allTextContents();
    assert(titles.length >= 1 && titles.every((x) => x.includes('番号法')), `PPC's campaigns only: ${titles.join(' | ')}`);
    const options = await s.a.locator('#create-catalog_id-input option, select[name=catalog_id] option').allTextContents();
    assert(options.length >= 1 && options.every((o) => o.includes('特定個人情報')), `PPC's catalogues only: ${options.join(' | ')}`);
    assert((await s.a.getByText('報告書を一括作成する').count()) === 0, 'no MIC-only tools');
  });
  axe('campaigns page (partner analyst)', () => s.a);
}
