// The pieces the browser suite stands on: a real mamori server with the demo data on a
// loopback port, a tiny sequential test runner that prints `N passed, N failed`, axe checks,
// and a watch for Content-Security-Policy violations.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
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
    // The publication check may fetch from this machine: the journey publishes a 方針 at the
    // server's own address and checks it.
    ['--db', db, '--catalog', join(ROOT, 'catalog'), '--web', web, '--publication-allow-address', '127.0.0.1',
      'demo', '--reset', '--fast-hash',
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
  const lines = readFileSync(db + '.demo-accounts.txt', 'utf8').trim().split('\n').map((l) => l.split(' '));
  const accounts = Object.fromEntries(lines.map(([login, password]) => [login, password]));
  // The TOTP secrets of the accounts that sign in with a second factor (the third column).
  const secrets = Object.fromEntries(lines.filter((l) => l[2]).map(([login, , secret]) => [login, secret]));
  return {
    base,
    accounts,
    secrets,
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

/** RFC 4648 base32 (no padding) to bytes. */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The TOTP code (RFC 6238: SHA-1, 6 digits, 30 s) of `secret` for time step `step`. */
export function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', base32(secret)).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1000000).padStart(6, '0');
}

const usedSteps = new Map();
/** A code of `secret` the server has not accepted yet: a code is never accepted twice, so a
 *  second sign-in within the same 30-second step waits for the next one. */
export async function freshCode(secret) {
  for (;;) {
    const step = Math.floor(Date.now() / 30000);
    if ((usedSteps.get(secret) ?? -1) < step) {
      usedSteps.set(secret, step);
      return totp(secret, step);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}
