// The carry-over state of one answer as a labelled badge (text, not colour, carries the
// meaning): 前年度から引継ぎ・未確認 / 確認済み / 変更あり / 新規設問.
import type { AnswerState } from '../api/types';
import { useLang } from '../i18n';

export function badgeKey(state: AnswerState, lineageKind: string | undefined): string {
  if (state !== 'new') return state;
  return lineageKind === undefined || lineageKind === 'new' ? 'new' : 'no_previous';
}

export function CarryOverBadge({ state, lineageKind }: { state: AnswerState; lineageKind?: string }) {
  const { t } = useLang();
  const key = badgeKey(state, lineageKind);
  return <span className={`badge badge-${key}`}>{t(`badge.${key}`)}</span>;
}
