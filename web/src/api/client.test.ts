// The API client: the error envelope, the wait for re-sign-in on 401, and the one retry
// with a fresh CSRF token after the session was replaced in another tab.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, fileNameOf, setCsrfToken, setReauthHandler, setTokenRefresher } from './client';

let replies: { status: number; body: unknown; headers?: Record<string, string> }[] = [];
let sent: { url: string; headers: Record<string, string> }[] = [];

beforeEach(() => {
  sent = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, headers: init.headers as Record<string, string> });
    const r = replies.shift()!;
    return new Response(typeof r.body === 'string' ? r.body : JSON.stringify(r.body), { status: r.status, headers: r.headers });
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

describe('api.download (exports, reports)', () => {
  it('returns the bytes and the file name the server gave', async () => {
    replies = [{ status: 200, body: '回答,1\r\n', headers: { 'Content-Disposition': 'attachment; filename="answers_2026.csv"' } }];
    const file = await api.download('/api/campaigns/1/export.csv');
    expect(file.name).toBe('answers_2026.csv');
    expect(await file.blob.text()).toBe('回答,1\r\n');
  });

  it('a refusal is an ApiError with the server\'s message, not a file', async () => {
    replies = [{ status: 422, body: envelope('cp932_unrepresentable') }];
    const e = (await api.download('/api/x.csv').catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('cp932_unrepresentable');
  });

  it('an expired session waits for the re-sign-in and then downloads', async () => {
    let signIn!: () => void;
    setReauthHandler(() => new Promise<void>((r) => (signIn = r)));
    replies = [
      { status: 401, body: envelope('unauthenticated') },
      { status: 200, body: 'PDF', headers: { 'Content-Disposition': 'attachment; filename="report.pdf"' } },
    ];
    const pending = api.download('/api/responses/1/report.pdf');
    await vi.waitFor(() => expect(signIn).toBeTypeOf('function'));
    signIn();
    await expect(pending.then((f) => f.name)).resolves.toBe('report.pdf');
    expect(sent).toHaveLength(2);
  });

  it('reads the file name from Content-Disposition', () => {
    expect(fileNameOf('attachment; filename="a b.zip"')).toBe('a b.zip');
    expect(fileNameOf('attachment; filename=plain.csv')).toBe('plain.csv');
    expect(fileNameOf("attachment; filename=\"x.csv\"; filename*=UTF-8''%E5%9B%9E%E7%AD%94.csv")).toBe('回答.csv');
    expect(fileNameOf(null)).toBe('download');
  });
});
