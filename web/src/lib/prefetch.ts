// Requests a page will need, started before the page asks: api/boot.ts starts the opened
// page's first requests from its own tiny script, and this module adopts them (or starts them,
// when boot could not) as soon as the application's code runs, beside the session check
// instead of after it (no request waterfall on a slow network). A page takes its early answer
// once (getPrefetched); a prefetch that failed (not signed in, say) is simply fetched again
// the usual way. Chart code is loaded with the figures' data.
import { planFor, takeEarly } from '../api/boot';
import { api } from '../api/client';
import type { Catalog, ResponseSummary, ResponseView } from '../api/types';

/** How long an early answer may wait for its page: after that it is stale and fetched again
 *  (a page opened later must not show data from when the application started). */
const FRESH_MS = 20_000;
const early = new Map<string, { answer: Promise<unknown>; at: number }>();

function prefetch<T>(path: string): Promise<T> {
  const answer = api.getQuietly<T>(path, takeEarly(path));
  answer.catch(() => early.delete(path));
  early.set(path, { answer, at: Date.now() });
  return answer;
}

/** GET `path`, taking its early answer when there is one (once; not when stale). A failed
 *  early answer is fetched again normally (with re-sign-in). */
export function getPrefetched<T>(path: string): Promise<T> {
  const e = early.get(path);
  early.delete(path);
  if (!e || Date.now() - e.at > FRESH_MS) return api.get<T>(path);
  return (e.answer as Promise<T>).catch(() => api.get<T>(path));
}

/** Loads the charting code (its own chunk) without waiting for it. */
export function preloadCharts(): void {
  void import('../components/echartsSetup').catch(() => undefined);
}

type CatalogLoader = (id: string, version: string, early?: Promise<Response>) => Promise<Catalog>;
let catalogLoader: CatalogLoader | null = null;
/** How a response's catalogue is fetched (lib/responseData.ts registers it). */
export function setCatalogLoader(load: CatalogLoader): void {
  catalogLoader = load;
}

function prefetchResponse(path: string): void {
  const catalog = takeEarly(`catalog-of:${path}`);
  prefetch<ResponseView>(path)
    .then((v) => catalogLoader?.(v.catalog_id, v.catalog_version, catalog))
    .catch(() => undefined);
}

/** Starts (or adopts) what the page at `path` will ask for first. Called once, at start. */
export function prefetchFor(path: string): void {
  const plan = planFor(path);
  if (plan.charts) preloadCharts();
  for (const p of plan.paths) {
    if (p === plan.response) prefetchResponse(p);
    else if (p === '/api/me/responses')
      // The home opens the newest response: its view and catalogue follow.
      prefetch<{ responses: ResponseSummary[] }>(p)
        .then((r) => r.responses[0] && prefetchResponse(`/api/responses/${r.responses[0].id}`))
        .catch(() => undefined);
    else prefetch(p);
  }
}


