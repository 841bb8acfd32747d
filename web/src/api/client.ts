// The one way the front end talks to the server. Every call:
//  - sends and reads JSON, with the session's CSRF token on state changes;
//  - turns a non-2xx answer into an ApiError carrying the server's envelope
//    (code, message_ja, message_en, fields, current);
//  - on 401 from anything but sign-in, waits for the user to sign in again (the
//    SessionExpiredDialog resolves the wait) and then retries once, so that nothing the user
//    typed is lost when the 8-hour session ends;
//  - on 403 csrf_failed (the session was replaced in another tab), refreshes the token once.
import type { FieldMessage } from './types';

export interface ErrorEnvelope {
  code: string;
  message_ja: string;
  message_en: string;
  fields: Record<string, FieldMessage>;
  current?: unknown;
  incident?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorEnvelope;
  constructor(status: number, body: ErrorEnvelope) {
    super(body.message_en || body.code);
    this.status = status;
    this.body = body;
  }
  get code(): string {
    return this.body.code;
  }
}

type ReauthWaiter = () => Promise<void>;

let csrfToken = '';
let onUnauthenticated: ReauthWaiter | null = null;
let onTokenStale: (() => Promise<boolean>) | null = null;

/** Registers how to refresh a stale CSRF token; resolves true when the retry may go ahead. */
export function setTokenRefresher(refresh: (() => Promise<boolean>) | null): void {
  onTokenStale = refresh;
}

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Registers what to do when a request meets 401: resolve once the user has signed in again. */
export function setReauthHandler(handler: ReauthWaiter | null): void {
  onUnauthenticated = handler;
}

function networkError(): ApiError {
  return new ApiError(0, {
    code: 'network',
    message_ja: 'サーバーに接続できません。ネットワークを確認して、もう一度お試しください。',
    message_en: 'Cannot reach the server. Check the network and try again.',
    fields: {},
  });
}

async function send<T>(method: string, path: string, body: unknown, retried: boolean): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw networkError();
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (res.ok) return parsed as T;
  const envelope: ErrorEnvelope =
    parsed && typeof parsed === 'object' && 'code' in parsed
      ? (parsed as ErrorEnvelope)
      : { code: 'http_' + res.status, message_ja: `エラーが発生しました（${res.status}）。`, message_en: `Error (${res.status}).`, fields: {} };
  const err = new ApiError(res.status, envelope);
  if (!retried && path !== '/api/session') {
    if (res.status === 401 && onUnauthenticated) {
      await onUnauthenticated();
      return send<T>(method, path, body, true);
    }
    // Signing in again in another tab replaced the session and its CSRF token: fetch the
    // current token once and retry, but only for the same user.
    if (envelope.code === 'csrf_failed' && onTokenStale && (await onTokenStale())) return send<T>(method, path, body, true);
  }
  throw err;
}

export const api = {
  get: <T>(path: string) => send<T>('GET', path, undefined, false),
  post: <T>(path: string, body?: unknown) => send<T>('POST', path, body ?? {}, false),
  put: <T>(path: string, body: unknown) => send<T>('PUT', path, body, false),
  del: <T>(path: string) => send<T>('DELETE', path, undefined, false),
};

/** Builds a query string from the non-empty entries. */
export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}
