// The autosave rules on their own, without any control: one save in flight at a time with
// the version chained, nothing sent for unchanged content, the 409 conflict and both ways
// out of it, server field errors at their control, and a pending save sent on unmount.
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../api/types';
import { answer, question } from '../../test/questions';
import { formValuesOf, type FormValues } from '../answerForm';
import { useAutosave, type AutosaveOptions } from './useAutosave';

interface Pending {
  body: Record<string, unknown>;
  resolve(status: number, body: unknown): void;
}
let requests: Pending[] = [];

beforeEach(() => {
  requests = [];
  vi.stubGlobal('fetch', (_url: string, init: RequestInit) =>
    new Promise<Response>((done) => {
      requests.push({
        body: JSON.parse(String(init.body)),
        resolve: (status, body) => done(new Response(JSON.stringify(body), { status })),
      });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

const q = question('number');
const stored = answer(q, { value: 5, version: 3 });
const savedAs = (version: number, value: unknown): Partial<Answer> => ({ value: value as Answer['value'], version, updated_at: '2026-12-02T01:00:00.000Z', updated_by: '担当者' });

function setup(extra: Partial<AutosaveOptions> = {}) {
  let values: FormValues = formValuesOf(stored);
  const form = {
    set(v: Partial<FormValues>) { values = { ...values, ...v }; },
    getValues: vi.fn(() => values) as unknown as AutosaveOptions['getValues'],
    reset: vi.fn((v?: unknown) => { values = v as FormValues; }) as unknown as AutosaveOptions['reset'],
  };
  const onSaved = vi.fn();
  const onError = vi.fn();
  const hook = renderHook((props: { answer: Answer }) =>
    useAutosave({ responseId: 7, question: q, answer: props.answer, getValues: form.getValues, reset: form.reset, onSaved, onError, ...extra }),
  { initialProps: { answer: stored } });
  return { ...hook, form, onSaved, onError };
}

describe('useAutosave', () => {
  it('keeps one save in flight; a change meanwhile is sent after it with the returned version', async () => {
    const { result, form, onSaved } = setup();
    form.set({ value: '6' });
    act(() => { result.current.schedule(0); });
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0].body).toMatchObject({ version: 3, value: 6 });

    form.set({ value: '7' });
    act(() => { result.current.schedule(0); });
    await new Promise((r) => setTimeout(r, 20));
    expect(requests).toHaveLength(1); // waits for the first

    await act(async () => requests[0].resolve(200, savedAs(4, 6)));
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1].body).toMatchObject({ version: 4, value: 7 });
    await act(async () => requests[1].resolve(200, savedAs(5, 7)));
    await waitFor(() => expect(result.current.saveState.kind).toBe('saved'));
    expect(onSaved).toHaveBeenLastCalledWith(expect.objectContaining({ version: 5, value: 7 }));
  });

  it('sends nothing when the content is what was last saved', async () => {
    const { result, form } = setup();
    form.set({ value: '6' });
    act(() => { result.current.schedule(0); });
    await waitFor(() => expect(requests).toHaveLength(1));
    await act(async () => requests[0].resolve(200, savedAs(4, 6)));
    await waitFor(() => expect(result.current.saveState.kind).toBe('saved'));
    act(() => { result.current.schedule(0); });
    await new Promise((r) => setTimeout(r, 20));
    expect(requests).toHaveLength(1);
  });

  it('a client-side problem is reported at its control and nothing is sent; quiet waits', async () => {
    const { result, form, onError } = setup();
    form.set({ value: 'abc' });
    act(() => { result.current.schedule(0, true); });
    await new Promise((r) => setTimeout(r, 20));
    expect(onError).not.toHaveBeenCalledWith(expect.objectContaining({ control: 'value' }));
    act(() => { result.current.saveNow(); });
    await waitFor(() => expect(result.current.error?.control).toBe('value'));
    expect(onError).toHaveBeenLastCalledWith(expect.objectContaining({ control: 'value' }));
    expect(requests).toHaveLength(0);
  });

  it('a server field error lands on the field it names', async () => {
    const { result, form } = setup();
    form.set({ evidence_url: 'https://intra.example.lg.jp/a' });
    act(() => { result.current.saveNow(); });
    await waitFor(() => expect(requests).toHaveLength(1));
    await act(async () =>
      requests[0].resolve(422, {
        code: 'validation_failed', message_ja: '入力を確認してください。', message_en: 'Check.',
        fields: { evidence_url: { message_ja: 'このURLは登録できません。', message_en: 'This URL cannot be used.' } },
      }),
    );
    await waitFor(() => expect(result.current.error).toEqual({ message: 'このURLは登録できません。', control: 'evidence_url' }));
    expect(result.current.saveState.kind).toBe('failed');
  });

  it('409: keep mine saves over the stored version; take theirs puts it in the form', async () => {
    const theirs = { ...stored, value: 9, version: 8, updated_by: '別の担当者' };
    const { result, form, onSaved } = setup();
    form.set({ value: '6' });
    act(() => { result.current.saveNow(); });
    await waitFor(() => expect(requests).toHaveLength(1));
    await act(async () =>
      requests[0].resolve(409, { code: 'stale_version', message_ja: '別の担当者が先に保存しました。', message_en: 'Saved first.', fields: {}, current: theirs }),
    );
    await waitFor(() => expect(result.current.conflict?.current.version).toBe(8));
    expect(result.current.conflict?.mine.value).toBe('6');

    act(() => { result.current.keepMine(); });
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1].body).toMatchObject({ version: 8, value: 6 });
    await act(async () =>
      requests[1].resolve(409, { code: 'stale_version', message_ja: '別の担当者が先に保存しました。', message_en: 'Saved first.', fields: {}, current: theirs }),
    );
    await waitFor(() => expect(result.current.conflict).not.toBeNull());
    act(() => { result.current.takeTheirs(); });
    expect(result.current.conflict).toBeNull();
    expect(result.current.error).toBeNull();
    expect(form.reset).toHaveBeenLastCalledWith(expect.objectContaining({ value: '9' }));
    expect(onSaved).toHaveBeenLastCalledWith(expect.objectContaining({ version: 8 }));
  });

  it('a newer version from outside replaces the form, unless a save is pending', async () => {
    const { rerender, form, result } = setup();
    rerender({ answer: { ...stored, value: 11, version: 4 } });
    expect(form.reset).toHaveBeenLastCalledWith(expect.objectContaining({ value: '11' }));

    form.set({ value: '12' });
    act(() => { result.current.schedule(10_000); });
    const calls = (form.reset as unknown as { mock: { calls: unknown[] } }).mock.calls.length;
    rerender({ answer: { ...stored, value: 13, version: 5 } });
    expect((form.reset as unknown as { mock: { calls: unknown[] } }).mock.calls.length).toBe(calls);
  });

  it('a pending save is sent when the question unmounts', async () => {
    const { result, form, unmount } = setup();
    form.set({ value: '42' });
    act(() => { result.current.schedule(10_000); });
    expect(result.current.pending()).toBe(true);
    unmount();
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0].body).toMatchObject({ value: 42, version: 3 });
  });
});
