// The task list's counts and status in the browser, over the case file the server's tests
// read too (tests/cases/task_status.json, also read by src/domain/task_status_cases_test.cpp).
import { describe, expect, it } from 'vitest';
import shared from '../../../tests/cases/task_status.json';
import { progressOf, taskStatus, type AnswerFacts } from './taskStatus';

interface SharedCase {
  name: string;
  ready: boolean;
  return_comment: string;
  answers: AnswerFacts[];
  expect: { questions: number; answered: number; carried_over_unconfirmed: number; needs_confirmation: number; status: string };
}

describe('progressOf and taskStatus over tests/cases/task_status.json', () => {
  const cases = shared.cases as SharedCase[];
  it('has the shared cases', () => expect(cases.length).toBeGreaterThanOrEqual(10));
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const p = progressOf(c.answers);
    expect({
      questions: p.questions,
      answered: p.answered,
      carried_over_unconfirmed: p.carried_over_unconfirmed,
      needs_confirmation: p.needs_confirmation,
      status: taskStatus(c.ready, c.return_comment, p),
    }).toEqual(c.expect);
  });
});
