// Requests a page will need, started as soon as the application's code runs, beside the
// session check instead of after it (no request waterfall on a slow network). A page takes
// its early answer once (takePrefetched); a prefetch that failed (not signed in, say) is
// simply fetched again the usual way. Chart code is loaded with the figures' data.
import { api } from '../api/client';
import type { Catalog, ResponseSummary, ResponseView } from '../api/types';
import { match } from './router';

const early = new Map<string, Promise<unknown>>();

function prefetch<T>(path: string): Promise<T> {
  const p = api.getQuietly<T>(path);
  p.catch(() => early.delete(path));
  early.set(path, p);
  return p;
}

/** The early answer for `path`, once; undefined when there is none. A failed early answer
 *  is fetched again normally (with re-sign-in). */
export function takePrefetched<T>(path: string): Promise<T> | undefined {
  const p = early.get(path) as Promise<T> | undefined;
  if (!p) return undefined;
  early.delete(path);
  return p.catch(() => api.get<T>(path));
}

/** Loads the charting code (its own chunk) without waiting for it. */
export function preloadCharts(): void {
  void import('../components/echartsSetup').catch(() => undefined);
}

let catalogLoader: ((id: string, version: string) => Promise<Catalog>) | null = null;
/** How a response's catalogue is fetched (lib/responseData.ts registers it). */
export function setCatalogLoader(load: (id: string, version: string) => Promise<Catalog>): void {
  catalogLoader = load;
}

function prefetchResponse(id: string): void {
  prefetch<ResponseView>(`/api/responses/${id}`)
    .then((v) => catalogLoader?.(v.catalog_id, v.catalog_version))
    .catch(() => undefined);
}

/** Starts what the page at `path` will ask for first. Called once, at start. */
export function prefetchFor(path: string): void {
  let m: Record<string, string> | null;
  if (path === '/') {
    prefetch<{ responses: ResponseSummary[] }>('/api/me/responses')
      .then((r) => r.responses[0] && prefetchResponse(String(r.responses[0].id)))
      .catch(() => undefined);
  } else if ((m = match('/responses/:id/results', path))) {
    preloadCharts();
    prefetch(`/api/responses/${m.id}/trend`);
    prefetch(`/api/responses/${m.id}/benchmark`);
  } else if (path === '/admin/analytics' || path === '/prefecture/analytics') {
    preloadCharts();
  } else if ((m = match('/responses/:id', path) ?? match('/responses/:id/:rest', path) ?? match('/responses/:id/categories/:n', path) ?? match('/responses/:id/categories/:n/check', path))) {
    prefetchResponse(m.id);
  }
}
