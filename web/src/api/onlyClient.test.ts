// Every request goes through api/client.ts (CSRF, the error envelope, re-sign-in): no other
// module of the app calls fetch or XMLHttpRequest — but api/boot.ts, which only starts the
// first page's GETs for the client to adopt. Tests may stub fetch.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob('/src/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('the API client is the only way to the server', () => {
  it('no module but api/client.ts (and api/boot.ts) calls fetch or XMLHttpRequest', () => {
    const offenders = Object.entries(sources)
      .filter(([path]) => !path.endsWith('/api/client.ts') && !path.endsWith('/api/boot.ts') && !/\.test\.tsx?$/.test(path) && !path.startsWith('/src/test/'))
      .filter(([, text]) => /\bfetch\s*\(|XMLHttpRequest|navigator\.sendBeacon/.test(text))
      .map(([path]) => path);
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
  it('api/boot.ts imports nothing, so its entry stays a tiny file the browser runs first', () => {
    const boot = sources['/src/api/boot.ts'];
    expect(boot).toBeDefined();
    expect(boot).not.toMatch(/^\s*import\s/m);
  });
});
