// Loading a response with its catalogue, and reading what the server says the viewer may do
// with it. A catalogue is fetched under its version (/api/catalogs/{id}?v=…), which the
// server marks cacheable for good, so after the first visit it comes from the browser's
// cache; it is also kept in memory for the page's life. The rules themselves live only on
// the server (domain/access_policy.cpp).
import { api } from '../api/client';
import type { Catalog, CategoryPermission, Question, ResponseView } from '../api/types';
import { catalogPathOf } from '../api/boot';
import { getPrefetched, setCatalogLoader } from './prefetch';

const catalogs = new Map<string, Promise<Catalog>>();

/** The catalogue `id`; with `version` (as a response view names it) from the browser's cache
 *  after the first time. `early`: its answer as api/boot.ts started it. */
export function loadCatalog(id: string, version?: string, early?: Promise<Response>): Promise<Catalog> {
  const key = `${id}@${version ?? ''}`;
  let c = catalogs.get(key);
  if (!c) {
    const path = version ? catalogPathOf({ catalog_id: id, catalog_version: version }) : `/api/catalogs/${encodeURIComponent(id)}`;
    c = api.get<Catalog>(path, early);
    c.catch(() => catalogs.delete(key));
    catalogs.set(key, c);
  }
  return c;
}

setCatalogLoader(loadCatalog);

/** The response view alone (pages that need no question texts), taken from the page's
 *  early fetch when there is one. */
export function loadView(id: number): Promise<ResponseView> {
  const path = `/api/responses/${id}`;
  return getPrefetched<ResponseView>(path);
}

export interface ResponseData {
  view: ResponseView;
  catalog: Catalog;
  questions: Map<string, Question>;
}

export async function loadResponse(id: number): Promise<ResponseData> {
  const view = await loadView(id);
  const catalog = await loadCatalog(view.catalog_id, view.catalog_version);
  return { view, catalog, questions: new Map((catalog.questions ?? []).map((q) => [q.id, q])) };
}

/** May this viewer answer for the response now (the server's decision, see ResponsePermissions). */
export function mayAnswer(v: ResponseView): boolean {
  return v.permissions.edit && v.permissions.open;
}

/** The server's decision for one category; a category it did not list is not editable. */
export function categoryPermission(v: ResponseView, n: number): CategoryPermission {
  return v.permissions.categories.find((c) => c.number === n) ?? { number: n, editable: false, assigned_to_other: false };
}
