// One question of every type, shaped like GET /api/catalogs/{id}, and a matching Answer.
import type { Answer, Question, QuestionType } from '../api/types';

const t = (ja: string, en = ja) => ({ ja, en });

export function question(type: QuestionType, extra: Partial<Question> = {}): Question {
  const base: Question = {
    id: `q-${type}`,
    number: '1-1',
    category: 1,
    guideline: '1',
    type,
    text: t(`設問（${type}）`, `Question (${type})`),
    help: t('手引き', 'Guidance'),
    reason: t('理由', 'Reason'),
    required: true,
    na_allowed: false,
  };
  if (type === 'single' || type === 'multi')
    base.options = [
      { key: 'a', label: t('選択肢A', 'Option A') },
      { key: 'b', label: t('選択肢B', 'Option B') },
      { key: 'c', label: t('選択肢C', 'Option C') },
    ];
  if (type === 'maturity')
    base.options = ['未実施', '計画中', '一部実施', '実施済み', '実施・定期的に見直し'].map((ja, i) => ({
      key: String(i),
      label: t(ja),
      value: i,
    }));
  if (type === 'number') Object.assign(base, { min: 0, max: 100, unit: t('回', 'times') });
  if (type === 'percent') Object.assign(base, { min: 0, max: 100 });
  if (type === 'text') base.max_length = 200;
  return { ...base, ...extra };
}

export function answer(q: Question, extra: Partial<Answer> = {}): Answer {
  return {
    question_id: q.id,
    value: null,
    state: 'new',
    not_applicable: false,
    na_reason: '',
    comment: '',
    evidence_url: '',
    previous: null,
    needs_confirmation: false,
    version: 3,
    updated_by: '',
    updated_at: '2026-11-21T00:00:00.000Z',
    category: 1,
    visible: true,
    ...extra,
  };
}

export const ALL_TYPES: QuestionType[] = ['yes_no', 'single', 'multi', 'number', 'percent', 'date', 'text', 'maturity'];
