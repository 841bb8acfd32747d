// show_if evaluated live in the browser, over the case file the server's tests read too
// (tests/cases/show_if.json, also read by src/domain/show_if_cases_test.cpp): the two
// implementations of the rule are held to one table.
import { describe, expect, it } from 'vitest';
import type { AnswerValue, Body, Condition, Question, QuestionType } from '../api/types';
import shared from '../../../tests/cases/show_if.json';
import { question } from '../test/questions';
import { isVisible } from './conditions';

interface SharedQuestion {
  id: string;
  type: string;
  options?: string[];
  show_if?: Condition[];
}
interface SharedCase {
  name: string;
  body?: Partial<Body>;
  show_if?: Condition[];
  question?: string;
  answers: Record<string, AnswerValue>;
  visible: boolean;
}

const defaultBody: Body = {
  name_ja: '', name_kana: '', type_label_ja: '', prefecture_code: '13', members: [],
  ...(shared.default_body as Partial<Body>),
} as Body;

const toQuestion = (q: SharedQuestion): Question =>
  question(q.type as QuestionType, {
    id: q.id,
    show_if: q.show_if,
    ...(q.options ? { options: q.options.map((key) => ({ key, label: { ja: key, en: key } })) } : {}),
  });

describe('isVisible over tests/cases/show_if.json', () => {
  const cases = shared.cases as SharedCase[];
  it('has the shared cases', () => expect(cases.length).toBeGreaterThanOrEqual(40));
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const all = new Map<string, Question>((shared.questions as SharedQuestion[]).map((q) => [q.id, toQuestion(q)]));
    const target = c.question ? all.get(c.question)! : question('text', { id: 'target', show_if: c.show_if ?? [] });
    const body = { ...defaultBody, ...(c.body ?? {}) };
    expect(isVisible(target, body, all, (id) => c.answers[id])).toBe(c.visible);
  });
});
