// Loading a response together with its catalogue (catalogues are immutable, so they are
// fetched once per page load and kept), and reading what the server says the viewer may do
// with it. The rules themselves live only on the server (domain/access_policy.cpp).
import { api } from '../api/client';
import type { Catalog, CategoryPermission, Question, ResponseView } from '../api/types';

const catalogs = new Map<string, Promise<Catalog>>();

export function loadCatalog(id: string): Promise<Catalog> {
  let c = catalogs.get(id);
  if (!c) {
    c = api.get<Catalog>(`/api/catalogs/${encodeURIComponent(id)}`);
    c.catch(() => catalogs.delete(id));
    catalogs.set(id, c);
  }
  return c;
}

export interface ResponseData {
  view: ResponseView;
  catalog: Catalog;
  questions: Map<string, Question>;
}

export async function loadResponse(id: number): Promise<ResponseData> {
  const view = await api.get<ResponseView>(`/api/responses/${id}`);
  const catalog = await loadCatalog(view.catalog_id);
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
