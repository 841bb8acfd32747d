// The one way the front end talks to the server. Every call:
//  - sends and reads JSON, with the session's CSRF token on state changes;
//  - turns a non-2xx answer into an ApiError carrying the server's envelope
//    (code, message_ja, message_en, fields, current);
//  - on 401 from anything but sign-in, waits for the user to sign in again (the
//    SessionExpiredDialog resolves the wait) and then retries once, so that nothing the user
//    typed is lost when the 8-hour session ends;
//  - on 403 csrf_failed (the session was replaced in another tab), refreshes the token once.
// A GET may adopt the answer api/boot.ts started for the same path before the application ran
// (`early`); it is then handled exactly as if fetched here. A network failure of the early
// request is tried again here.
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

// Sends one request and returns the 2xx response unread; anything else becomes an ApiError
// (after one retry once the user has signed in again, or once the CSRF token is fresh).
async function request(method: string, path: string, body: unknown, accept: string, retried = false, quiet = false, early?: Promise<Response>): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  // A file (an uploaded workbook) goes as itself; anything else as JSON.
  const file = body instanceof Blob;
  if (body !== undefined) headers['Content-Type'] = file ? 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res = early ? await early.catch(() => null) : null;
  if (!res) {
    try {
      res = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : file ? body : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch {
      throw networkError();
    }
  }
  if (res.ok) return res;
  const parsed = parseJson(await res.text());
  const envelope: ErrorEnvelope =
    parsed && typeof parsed === 'object' && 'code' in parsed
      ? (parsed as ErrorEnvelope)
      : { code: 'http_' + res.status, message_ja: `エラーが発生しました（${res.status}）。`, message_en: `Error (${res.status}).`, fields: {} };
  if (!retried && !quiet && path !== '/api/session') {
    if (res.status === 401 && onUnauthenticated) {
      await onUnauthenticated();
      return request(method, path, body, accept, true);
    }
    // Signing in again in another tab replaced the session and its CSRF token: fetch the
    // current token once and retry, but only for the same user.
    if (envelope.code === 'csrf_failed' && onTokenStale && (await onTokenStale())) return request(method, path, body, accept, true);
  }
  throw new ApiError(res.status, envelope);
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

async function send<T>(method: string, path: string, body: unknown, early?: Promise<Response>): Promise<T> {
  const res = await request(method, path, body, 'application/json', false, false, early);
  return parseJson(await res.text()) as T;
}

/** A file the server sent: its bytes and the name from Content-Disposition. */
export interface DownloadedFile {
  blob: Blob;
  name: string;
}

/** The name a download is saved under: Content-Disposition's filename (RFC 6266: the UTF-8
 *  `filename*` wins over the plain `filename`), else `fallback`. */
export function fileNameOf(disposition: string | null, fallback = 'download'): string {
  const d = disposition ?? '';
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(d)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  return /filename\s*=\s*"([^"]+)"/i.exec(d)?.[1] ?? /filename\s*=\s*([^;"\s]+)/i.exec(d)?.[1] ?? fallback;
}

export const api = {
  /** `early`: the answer api/boot.ts started for this very path, handled as if fetched here. */
  get: <T>(path: string, early?: Promise<Response>) => send<T>('GET', path, undefined, early),
  /** A GET started before the page knows whether anyone is signed in (lib/prefetch.ts): a
   *  401 is only an error here, never a re-sign-in. */
  getQuietly: async <T>(path: string, early?: Promise<Response>): Promise<T> => {
    const res = await request('GET', path, undefined, 'application/json', false, true, early);
    return parseJson(await res.text()) as T;
  },
  post: <T>(path: string, body?: unknown) => send<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => send<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, body),
  del: <T>(path: string) => send<T>('DELETE', path, undefined),
  /** Sends a file (a workbook) as the request's body, with the same error handling. */
  upload: <T>(path: string, file: Blob) => send<T>('POST', path, file),
  /** Fetches a file (an export, a report) with the same error handling and re-sign-in as
   *  every other call, so that a refusal is an ApiError the page can show. */
  download: async (path: string): Promise<DownloadedFile> => {
    const res = await request('GET', path, undefined, '*/*');
    return { blob: await res.blob(), name: fileNameOf(res.headers.get('Content-Disposition')) };
  },
};

/** Builds a query string from the non-empty entries. */
export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}
