// Live evaluation of a question's `show_if`, the same rules as the server's is_visible
// (src/domain/answer.cpp): clauses are ANDed; a clause on a question that is itself hidden
// is false; an empty answer satisfies only `!=`. Both are tested over one case file,
// tests/cases/show_if.json.
import type { AnswerValue, Body, Question } from '../api/types';

function bodyAttribute(body: Body, subject: string): string {
  switch (subject) {
    case 'body.network_model':
      return body.network_model;
    case 'body.type':
      return body.type;
    case 'body.core_city':
      return body.core_city ? 'yes' : 'no';
    case 'body.population_band':
      return body.population_band;
    default:
      return '';
  }
}

export function isVisible(
  q: Question,
  body: Body,
  questions: Map<string, Question>,
  valueOf: (qid: string) => AnswerValue | undefined,
): boolean {
  for (const c of q.show_if ?? []) {
    if (!c.subject.startsWith('q:')) {
      const inList = c.values.includes(bodyAttribute(body, c.subject));
      if (c.op === '!=' ? inList : !inList) return false;
      continue;
    }
    const target = questions.get(c.subject.slice(2));
    if (!target || !isVisible(target, body, questions, valueOf)) return false;
    const v = valueOf(target.id);
    if (v === null || v === undefined) {
      if (c.op !== '!=') return false;
      continue;
    }
    if (c.op === 'has') {
      if (!Array.isArray(v) || !v.includes(c.values[0])) return false;
      continue;
    }
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    const inList = c.values.includes(s);
    if (c.op === '!=' ? inList : !inList) return false;
  }
  return true;
}
