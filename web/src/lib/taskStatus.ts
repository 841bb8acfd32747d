// The task list's counts and status of one category, computed in the browser as answers are
// saved, so the category page's status and 「n / m 問回答済み」 follow the user's input. The
// server computes the same for every response view (src/domain/task_status.*); both are
// held to tests/cases/task_status.json. The words themselves: docs/ARCHITECTURE.md, "Status
// words".
import type { CategoryStatus } from '../api/types';

/** What the counts need to know of one answer. */
export interface AnswerFacts {
  visible: boolean;
  /** A value, or 該当なし. */
  has_value: boolean;
  state: string;
  needs_confirmation: boolean;
  /** 0: never saved in this campaign. */
  version: number;
}

export interface CategoryProgress {
  questions: number;
  answered: number;
  carried_over_unconfirmed: number;
  needs_confirmation: number;
  touched: number;
}

export function progressOf(answers: AnswerFacts[]): CategoryProgress {
  const p: CategoryProgress = { questions: 0, answered: 0, carried_over_unconfirmed: 0, needs_confirmation: 0, touched: 0 };
  for (const a of answers) {
    if (!a.visible) continue;
    p.questions += 1;
    const carried = a.state === 'carried_over';
    if (a.has_value && !carried) p.answered += 1;
    if (carried) p.carried_over_unconfirmed += 1;
    if (a.needs_confirmation) p.needs_confirmation += 1;
    if (a.version > 0) p.touched += 1;
  }
  return p;
}

export function taskStatus(ready: boolean, returnComment: string, p: CategoryProgress): CategoryStatus {
  if (ready) return 'complete';
  if (returnComment) return 'returned';
  return p.touched === 0 ? 'not_started' : 'in_progress';
}
