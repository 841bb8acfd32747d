// The first page's requests, started by a tiny script of their own (src/boot.ts, loaded by
// index.html before the application), so they travel while the application's code (~115 kB compressed) is still
// downloading: on a slow network the answer and its catalogue then arrive with the code
// instead of after it (docs/PERFORMANCE.md, "On a slow network").
//
// Contract: this module imports nothing, so it stays its own small file. It only starts GETs
// with exactly the options of api/client.ts (same URL, `Accept: application/json`, same-origin
// credentials) and keeps each Response promise for the application to adopt once
// (`takeEarly`). The client handles an adopted answer exactly as one it fetched itself (a 401
// is a 401); only a network failure is tried again.
// Beside api/client.ts this is the only module that calls fetch (api/onlyClient.test.ts).

const early = new Map<string, Promise<Response>>();

function get(path: string): Promise<Response> {
  const p = fetch(path, { method: 'GET', headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  p.catch(() => undefined); // adopted or not, a failure is handled by whoever takes it
  return p;
}

/** What the page at `path` asks for first, besides `/api/session` (always started).
 *  `response`: the response whose catalogue follows. */
export interface Plan {
  paths: string[];
  response?: string;
  charts: boolean;
}

export function planFor(path: string): Plan {
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { paths: ['/api/me/responses'], charts: false };
  if (parts[0] === 'responses' && /^\d+$/.test(parts[1] ?? '')) {
    const id = parts[1];
    if (parts[2] === 'results' && parts.length === 3)
      return { paths: [`/api/responses/${id}/trend`, `/api/responses/${id}/benchmark`], charts: true };
    return { paths: [`/api/responses/${id}`], response: `/api/responses/${id}`, charts: false };
  }
  if (path === '/admin/analytics' || path === '/prefecture/analytics') return { paths: [], charts: true };
  return { paths: [], charts: false };
}

/** The catalogue URL a response view names (versioned: cacheable for good). */
export function catalogPathOf(view: { catalog_id: string; catalog_version: string }): string {
  return `/api/catalogs/${encodeURIComponent(view.catalog_id)}?v=${encodeURIComponent(view.catalog_version)}`;
}

/** The early answer for `key` (an API path, or `catalog-of:<response path>`), once. */
export function takeEarly(key: string): Promise<Response> | undefined {
  const p = early.get(key);
  early.delete(key);
  return p;
}

/** Starts the requests of the page the browser opened. Called once, by src/boot.ts (its own
 *  entry in index.html, which runs before the application's entry). */
export function startEarly(): void {
  if (early.size > 0) return;
  // Every page first asks who is signed in (lib/session.tsx adopts it).
  early.set('/api/session', get('/api/session'));
  const plan = planFor(window.location.pathname);
  for (const path of plan.paths) early.set(path, get(path));
  if (plan.response) {
    const view = early.get(plan.response)!;
    const catalog = view
      .then((r) => (r.ok ? r.clone().json() : Promise.reject(new Error(String(r.status)))))
      .then((v: { catalog_id: string; catalog_version: string }) => get(catalogPathOf(v)));
    catalog.catch(() => undefined);
    early.set(`catalog-of:${plan.response}`, catalog);
  }
}
