// Loading a response together with its catalogue (catalogues are immutable, so they are
// fetched once per page load and kept), and the rules that decide what a user may do with it.
import { api } from '../api/client';
import type { Catalog, CategoryView, Question, ResponseView, User } from '../api/types';

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

const sameBody = (u: User, v: ResponseView) => u.body_code === v.body_code;

/** The response accepts answers at all (state and lock), whoever asks. */
export function responseOpen(v: ResponseView): boolean {
  return !v.locked && (v.state === 'draft' || v.state === 'returned');
}

/** The user may answer for this response: respondent, approver, or the body's own supporter. */
export function canEdit(u: User, v: ResponseView): boolean {
  return sameBody(u, v) && u.roles.some((r) => r === 'body_respondent' || r === 'body_approver' || r === 'prefecture_supporter');
}

export function isApprover(u: User, v: ResponseView): boolean {
  return sameBody(u, v) && u.roles.includes('body_approver');
}

/** Whether this user may change answers of this category now, and if not, why. */
export function categoryEditable(u: User, v: ResponseView, c: CategoryView): { editable: boolean; assignedOther: boolean } {
  const assignedOther = !!c.assignee && c.assignee.id !== u.id && !isApprover(u, v);
  return { editable: canEdit(u, v) && responseOpen(v) && !c.ready && !assignedOther, assignedOther };
}
