// The signed-in user's responses (newest first), fetched once per user and page load: the
// home page and the response home both need them, and asked for them separately before.
import type { ResponseSummary } from '../api/types';
import { getPrefetched } from './prefetch';

let cached: { userId: number; list: Promise<ResponseSummary[]> } | null = null;

export function loadMyResponses(userId: number): Promise<ResponseSummary[]> {
  if (!cached || cached.userId !== userId) {
    const path = '/api/me/responses';
    const list = getPrefetched<{ responses: ResponseSummary[] }>(path).then(
      (r) => r.responses,
    );
    list.catch(() => {
      if (cached?.list === list) cached = null;
    });
    cached = { userId, list };
  }
  return cached.list;
}
