// Every request goes through api/client.ts (CSRF, the error envelope, re-sign-in): no other
// module of the app calls fetch or XMLHttpRequest. Tests may stub fetch.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob('/src/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('the API client is the only way to the server', () => {
  it('no module but api/client.ts calls fetch or XMLHttpRequest', () => {
    const offenders = Object.entries(sources)
      .filter(([path]) => !path.endsWith('/api/client.ts') && !/\.test\.tsx?$/.test(path) && !path.startsWith('/src/test/'))
      .filter(([, text]) => /\bfetch\s*\(|XMLHttpRequest|navigator\.sendBeacon/.test(text))
      .map(([path]) => path);
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
});
