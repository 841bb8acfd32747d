// The API client: the error envelope, the wait for re-sign-in on 401, and the one retry
// with a fresh CSRF token after the session was replaced in another tab.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, setCsrfToken, setReauthHandler, setTokenRefresher } from './client';

let replies: { status: number; body: unknown }[] = [];
let sent: { url: string; headers: Record<string, string> }[] = [];

beforeEach(() => {
  sent = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, headers: init.headers as Record<string, string> });
    const r = replies.shift()!;
    return new Response(JSON.stringify(r.body), { status: r.status });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  setReauthHandler(null);
  setTokenRefresher(null);
  setCsrfToken('');
});

const envelope = (code: string) => ({ code, message_ja: 'エラー', message_en: 'Error', fields: {} });

describe('api client', () => {
  it('turns an error answer into an ApiError with the envelope', async () => {
    replies = [{ status: 422, body: envelope('category_ready') }];
    const e = (await api.post('/api/x').catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(422);
    expect(e.code).toBe('category_ready');
  });

  it('sends the CSRF token on changes only', async () => {
    setCsrfToken('tok');
    replies = [{ status: 200, body: {} }, { status: 200, body: {} }];
    await api.get('/api/a');
    await api.put('/api/b', {});
    expect(sent[0].headers['X-CSRF-Token']).toBeUndefined();
    expect(sent[1].headers['X-CSRF-Token']).toBe('tok');
  });

  it('on 401 waits for the re-sign-in, then retries once', async () => {
    let signIn!: () => void;
    setReauthHandler(() => new Promise<void>((r) => (signIn = r)));
    replies = [{ status: 401, body: envelope('unauthenticated') }, { status: 200, body: { ok: true } }];
    const pending = api.put<{ ok: boolean }>('/api/responses/1/answers/q', { version: 1 });
    await vi.waitFor(() => expect(signIn).toBeTypeOf('function'));
    expect(sent).toHaveLength(1);
    setCsrfToken('new');
    signIn();
    await expect(pending).resolves.toEqual({ ok: true });
    expect(sent[1].headers['X-CSRF-Token']).toBe('new');
  });

  it('on csrf_failed refreshes the token once and retries; a second failure is returned', async () => {
    setTokenRefresher(async () => {
      setCsrfToken('fresh');
      return true;
    });
    replies = [{ status: 403, body: envelope('csrf_failed') }, { status: 200, body: { saved: 1 } }];
    await expect(api.post('/api/x')).resolves.toEqual({ saved: 1 });
    expect(sent[1].headers['X-CSRF-Token']).toBe('fresh');

    replies = [{ status: 403, body: envelope('csrf_failed') }, { status: 403, body: envelope('csrf_failed') }];
    const e = (await api.post('/api/x').catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe('csrf_failed');
  });
});
