// The pieces the browser suite stands on: a real mamori server with the demo data on a
// loopback port, a tiny sequential test runner that prints `N passed, N failed`, axe checks,
// and a watch for Content-Security-Policy violations.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Starts `mamori demo` on 127.0.0.1 with a free port and a throwaway database. */
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-e2e-'));
  const db = join(dir, 'e2e.db');
  const bin = process.env.MAMORI_BIN ?? join(ROOT, 'build', 'mamori');
  // MAMORI_WEB: another build of the front end (bench/network.mjs compares two commits).
  const web = process.env.MAMORI_WEB ?? join(ROOT, 'web', 'dist');
  const proc = spawn(
    bin,
    ['--db', db, '--catalog', join(ROOT, 'catalog'), '--web', web, 'demo', '--reset', '--fast-hash',
      '--bodies', join(ROOT, '..', 'shared', 'data', 'localgov', '000925835.xlsx'), '--address', '127.0.0.1', '--port', '0'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  proc.stderr.on('data', (d) => (log += d));
  const base = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('server did not start in 60 s:\n' + log)), 60000);
    proc.stdout.on('data', (d) => {
      log += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
      if (m) {
        clearTimeout(timer);
        ok(`http://127.0.0.1:${m[1]}`);
      }
    });
    proc.on('exit', (code) => fail(new Error(`server exited with ${code}:\n${log}`)));
  });
  const accounts = Object.fromEntries(
    readFileSync(db + '.demo-accounts.txt', 'utf8').trim().split('\n').map((l) => l.split(' ')),
  );
  return {
    base,
    accounts,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs named steps in order; after the first failure the rest are counted as failed too
 *  (they depend on the journey so far). Prints one line per step and the closing tally. */
export class Runner {
  /** `tag` is printed before each step's name (the viewport, when the journey runs twice). */
  constructor(tag = '') {
    this.steps = [];
    this.tag = tag ? `[${tag}] ` : '';
  }
  step(name, fn) {
    this.steps.push({ name, fn });
  }
  async run() {
    let passed = 0;
    let failed = 0;
    let broken = null;
    for (const s of this.steps) {
      if (broken) {
        failed++;
        console.log(`  SKIP ${this.tag}${s.name}`);
        continue;
      }
      const t0 = Date.now();
      try {
        await s.fn();
        passed++;
        console.log(`  ok   ${this.tag}${s.name} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed++;
        broken = s.name;
        console.log(`  FAIL ${this.tag}${s.name}\n${String(e?.stack ?? e).replace(/^/gm, '       ')}`);
      }
    }
    return { passed, failed };
  }
}

/** axe-core with the WCAG 2.1 A/AA rules; throws listing every violation. */
export async function expectNoAxeViolations(page, label) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  if (result.violations.length) {
    const detail = result.violations
      .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`)
      .join('\n');
    throw new Error(`axe found ${result.violations.length} violation(s) on ${label}:\n${detail}`);
  }
  return result.passes.length;
}

/** Collects CSP violations and uncaught page errors of every page in a context. */
export function watchPage(page, sink) {
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) sink.push(`CSP: ${m.text()}`);
  });
  page.on('pageerror', (e) => sink.push(`page error: ${e.message}`));
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}
