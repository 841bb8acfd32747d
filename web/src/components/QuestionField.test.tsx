// The data-driven renderer: each question type renders its control, autosaves the value in
// the API's shape, shows server errors inline, shows the conflict view on 409, and typing
// in one question never re-renders the others.
import { Profiler } from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALL_TYPES, answer, question } from '../test/questions';
import type { Answer, Question } from '../api/types';
import { QuestionField } from './QuestionField';

interface Call {
  url: string;
  body: Record<string, unknown>;
}

let calls: Call[] = [];
let reply: (call: Call) => { status: number; body: unknown };

beforeEach(() => {
  calls = [];
  reply = (c) => ({ status: 200, body: { ...c.body, question_id: 'x', state: 'changed', version: Number(c.body.version) + 1, updated_by: '担当者', updated_at: '2026-11-21T01:02:03.000Z' } });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const call = { url, body: JSON.parse(String(init.body)) };
    calls.push(call);
    const r = reply(call);
    return new Response(JSON.stringify(r.body), { status: r.status });
  });
});
afterEach(() => vi.unstubAllGlobals());

function renderField(q: Question, a: Answer = answer(q), onSaved = vi.fn(), onError = vi.fn()) {
  render(<QuestionField responseId={7} question={q} answer={a} editable onSaved={onSaved} onError={onError} />);
  return { onSaved, onError };
}

describe('QuestionField renders every type from the catalogue', () => {
  const expected: Record<string, { role: string; count: number }> = {
    yes_no: { role: 'radio', count: 2 },
    single: { role: 'radio', count: 3 },
    maturity: { role: 'radio', count: 5 },
    multi: { role: 'checkbox', count: 3 },
    number: { role: 'textbox', count: 3 }, // value, comment, evidence
    percent: { role: 'textbox', count: 3 },
    text: { role: 'textbox', count: 3 },
  };
  it.each(ALL_TYPES)('%s', (type) => {
    const q = question(type);
    renderField(q);
    expect(screen.getByText(`設問（${type}）`)).toBeTruthy();
    expect(screen.getByText('※必須')).toBeTruthy();
    if (type === 'date') expect(document.querySelector('input[type=date]')).not.toBeNull();
    else expect(screen.getAllByRole(expected[type].role).length).toBe(expected[type].count);
  });

  it('shows the stored value (radio checked, checkboxes ticked)', () => {
    renderField(question('single'), answer(question('single'), { value: 'b' }));
    expect((screen.getByLabelText('選択肢B') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('選択肢A') as HTMLInputElement).checked).toBe(false);
  });
});

describe('autosave sends the value in the API shape', () => {
  it.each([
    ['yes_no', () => fireEvent.click(screen.getByLabelText('はい')), 'yes'],
    ['single', () => fireEvent.click(screen.getByLabelText('選択肢C')), 'c'],
    ['maturity', () => fireEvent.click(screen.getByLabelText('実施済み')), 3],
    ['multi', () => { fireEvent.click(screen.getByLabelText('選択肢C')); fireEvent.click(screen.getByLabelText('選択肢A')); }, ['a', 'c']],
    ['number', (q: Question) => { fireEvent.input(document.getElementById(`q-${q.id}-input`)!, { target: { value: '１２' } }); fireEvent.blur(document.getElementById(`q-${q.id}-input`)!); }, 12],
    ['date', (q: Question) => fireEvent.input(document.getElementById(`q-${q.id}-input`)!, { target: { value: '2026-04-01' } }), '2026-04-01'],
    ['text', (q: Question) => { fireEvent.input(document.getElementById(`q-${q.id}-input`)!, { target: { value: '記述' } }); fireEvent.blur(document.getElementById(`q-${q.id}-input`)!); }, '記述'],
  ] as const)('%s', async (type, act_, value) => {
    const q = question(type);
    const { onSaved } = renderField(q);
    act_(q);
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const last = calls[calls.length - 1];
    expect(last.url).toBe(`/api/responses/7/answers/${q.id}`);
    expect(last.body.value).toEqual(value);
    expect(last.body.version).toBe(3);
    expect(await screen.findByText(/に保存しました/)).toBeTruthy();
  });

  it('does not send a number it cannot read, and says why', async () => {
    const q = question('number');
    const { onError } = renderField(q);
    const input = document.getElementById(`q-${q.id}-input`)!;
    fireEvent.input(input, { target: { value: '十二' } });
    fireEvent.blur(input);
    expect(await screen.findByText('半角数字で入力してください。')).toBeTruthy();
    expect(onError).toHaveBeenCalledWith(q.id, '半角数字で入力してください。', `q-${q.id}-input`);
    expect(calls).toHaveLength(0);
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the server message below the control', async () => {
    reply = () => ({ status: 400, body: { code: 'invalid_value', message_ja: '入力内容に誤りがあります。', message_en: 'Invalid.', fields: { value: { message_ja: '0〜100の範囲で入力してください。', message_en: 'Enter 0 to 100.' } } } });
    const q = question('number');
    renderField(q);
    const input = document.getElementById(`q-${q.id}-input`)!;
    fireEvent.input(input, { target: { value: '1000' } });
    fireEvent.blur(input);
    const err = await screen.findByText('0〜100の範囲で入力してください。');
    expect(err.id).toBe(`q-${q.id}-error`);
    expect(input.getAttribute('aria-describedby')).toContain(`q-${q.id}-error`);
  });

  it('not applicable waits for its reason, then saves; a blank reason is reported at the reason', async () => {
    const q = question('yes_no', { na_allowed: true });
    renderField(q);
    fireEvent.click(screen.getByLabelText('該当なし'));
    const reason = await screen.findByLabelText(/該当しない理由/);
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByText('該当しない理由を入力してください。')).toBeNull(); // not yet: still typing
    expect(calls).toHaveLength(0);
    fireEvent.blur(reason);
    const err = await screen.findByText('該当しない理由を入力してください。');
    expect(err.id).toBe(`q-${q.id}-na-reason-error`);
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(reason, { target: { value: '庁舎を持たないため' } });
    fireEvent.blur(reason);
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].body).toMatchObject({ value: null, not_applicable: true, na_reason: '庁舎を持たないため' });
    await waitFor(() => expect(screen.queryByText('該当しない理由を入力してください。')).toBeNull());
  });

  it('going back to the saved value clears the error without a request', async () => {
    const q = question('number');
    renderField(q, answer(q, { value: 12 }));
    const input = document.getElementById(`q-${q.id}-input`)!;
    fireEvent.input(input, { target: { value: '13' } });
    fireEvent.blur(input);
    await waitFor(() => expect(calls).toHaveLength(1));
    fireEvent.input(input, { target: { value: 'abc' } });
    fireEvent.blur(input);
    expect(await screen.findByText('半角数字で入力してください。')).toBeTruthy();
    fireEvent.input(input, { target: { value: '13' } });
    fireEvent.blur(input);
    await waitFor(() => expect(screen.queryByText('半角数字で入力してください。')).toBeNull());
    expect(calls).toHaveLength(1);
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  it('a pending save is sent when the question goes away (navigation, a condition)', async () => {
    const q = question('text');
    const { unmount } = render(
      <QuestionField responseId={7} question={q} answer={answer(q)} editable onSaved={vi.fn()} onError={vi.fn()} />,
    );
    fireEvent.input(document.getElementById(`q-${q.id}-input`)!, { target: { value: '途中まで入力' } });
    unmount();
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].body.value).toBe('途中まで入力');
  });
});

describe('conflict (409 stale_version)', () => {
  it('shows both values and saves mine over the newer version', async () => {
    const q = question('number');
    reply = (c) =>
      c.body.version === 3
        ? { status: 409, body: { code: 'stale_version', message_ja: 'この回答は他の人（確認者）が先に更新しました。', message_en: 'Updated by someone else.', fields: {}, current: { ...answer(q), value: 15, version: 4, updated_by: '確認者' } } }
        : { status: 200, body: { ...answer(q), value: c.body.value, version: 5, state: 'changed' } };
    renderField(q);
    const input = document.getElementById(`q-${q.id}-input`)!;
    fireEvent.input(input, { target: { value: '20' } });
    fireEvent.blur(input);
    expect(await screen.findByText('この回答は先に更新されています')).toBeTruthy();
    expect(screen.getByTestId('conflict-mine').textContent).toBe('20 回');
    expect(screen.getByTestId('conflict-theirs').textContent).toBe('15 回');
    fireEvent.click(screen.getByText('自分の入力で上書きする'));
    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[1].body).toMatchObject({ value: 20, version: 4 });
    await waitFor(() => expect(screen.queryByText('この回答は先に更新されています')).toBeNull());
  });

  it('"use the stored answer" puts the stored value in the form', async () => {
    const q = question('single');
    reply = () => ({ status: 409, body: { code: 'stale_version', message_ja: '先に更新されました。', message_en: '', fields: {}, current: { ...answer(q), value: 'a', version: 4, updated_by: '確認者' } } });
    renderField(q, answer(q, { value: 'b' }));
    fireEvent.click(screen.getByLabelText('選択肢C'));
    fireEvent.click(await screen.findByText('保存されている内容を使う'));
    await waitFor(() => expect((screen.getByLabelText('選択肢A') as HTMLInputElement).checked).toBe(true));
    expect(calls).toHaveLength(1);
  });
});

describe('performance contract', () => {
  it('typing in one of 60 questions re-renders none of the others', async () => {
    const qs = Array.from({ length: 60 }, (_, i) => question(i % 2 ? 'text' : 'number', { id: `q${i}` }));
    const renders = new Map<string, number>();
    const onRender = (id: string) => renders.set(id, (renders.get(id) ?? 0) + 1);
    const onSaved = vi.fn();
    const onError = vi.fn();
    render(
      <>
        {qs.map((q) => (
          <Profiler key={q.id} id={q.id} onRender={onRender}>
            <QuestionField responseId={7} question={q} answer={answer(q)} editable onSaved={onSaved} onError={onError} />
          </Profiler>
        ))}
      </>,
    );
    renders.clear();
    const input = document.getElementById('q-q1-input')!;
    for (const text of ['t', 'ty', 'typ', 'typi', 'typin', 'typing'])
      act(() => {
        fireEvent.input(input, { target: { value: text } });
      });
    expect([...renders.keys()].filter((id) => id !== 'q1')).toEqual([]);
    expect(renders.get('q1') ?? 0).toBe(0);
  });
});
