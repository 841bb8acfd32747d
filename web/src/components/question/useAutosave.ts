// Saving one question's answer as the user works, separate from how the question looks.
//
// Contract:
//  - `schedule(delay)` saves the form's current values after `delay` ms of quiet (typing);
//    `flush()` sends a scheduled save at once (leaving a field, leaving the page);
//    `saveNow()` checks and saves even when nothing was typed (leaving a required reason).
//  - One save is in flight at a time; a change during it is saved right after, with the
//    version the first save returned, so saves never race each other.
//  - A save that would send what was last saved sends nothing.
//  - A 409 stale_version becomes `conflict` (the stored answer and mine); `keepMine()` saves
//    mine over the stored version, `takeTheirs()` puts the stored answer into the form.
//  - Client-side problems and server field errors become `error`, at the control concerned;
//    `onError` is told of every change so the page can list them in its error summary.
//  - A newer version arriving from outside (a category confirmation, a reload) replaces the
//    form, unless the user has something pending.
//  - Unmounting (navigation, a condition hiding the question) sends a pending save.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UseFormGetValues, UseFormReset } from 'react-hook-form';
import { api, ApiError } from '../../api/client';
import type { Answer, Question } from '../../api/types';
import { serverMessage, useLang } from '../../i18n';
import { markUnsaved } from '../../lib/unsaved';
import { formValuesOf, payloadOf, sameContent, type AnswerPayload, type FormValues } from '../answerForm';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed' };
/** The part of a question an error concerns. */
export type Control = 'value' | 'na_reason' | 'evidence_url';
export interface FieldErrorState {
  message: string;
  control: Control;
}
export interface Conflict {
  current: Answer;
  mine: FormValues;
}

export interface AutosaveOptions {
  responseId: number;
  question: Question;
  answer: Answer;
  getValues: UseFormGetValues<FormValues>;
  reset: UseFormReset<FormValues>;
  onSaved(answer: Answer): void;
  onError(error: FieldErrorState | null): void;
}

export interface Autosave {
  saveState: SaveState;
  error: FieldErrorState | null;
  conflict: Conflict | null;
  /** Save after `delay` ms; `quiet`: a failed client check is not reported yet (the user has
   *  not finished, e.g. 該当なし just ticked and its reason not typed). */
  schedule(delay: number, quiet?: boolean): void;
  flush(): void;
  saveNow(): void;
  /** Whether a save is scheduled and not yet sent. */
  pending(): boolean;
  keepMine(): void;
  takeTheirs(): void;
}

export function useAutosave({ responseId, question: q, answer, getValues, reset, onSaved, onError }: AutosaveOptions): Autosave {
  const { t, lang } = useLang();
  const version = useRef(answer.version);
  const lastSaved = useRef<AnswerPayload | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [error, setError] = useState<FieldErrorState | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  useEffect(() => {
    if (answer.version > version.current && !inFlight.current && !timer.current) {
      version.current = answer.version;
      reset(formValuesOf(answer));
    }
  }, [answer, reset]);

  const report = useCallback(
    (e: FieldErrorState | null) => {
      setError(e);
      onError(e);
    },
    [onError],
  );
  const unsaved = useCallback((v: boolean) => markUnsaved(`${responseId}/${q.id}`, v), [q.id, responseId]);

  const save = useCallback(
    async (values: FormValues, atVersion?: number, quiet = false) => {
      if (inFlight.current) {
        again.current = true;
        return;
      }
      const built = payloadOf(q, values, atVersion ?? version.current);
      if ('error' in built) {
        if (!quiet) report({ message: t(`question.${built.error}`), control: built.field });
        return;
      }
      report(null);
      if (atVersion === undefined && lastSaved.current && sameContent(lastSaved.current, built.payload)) {
        unsaved(false);
        return;
      }
      inFlight.current = true;
      unsaved(true);
      setSaveState({ kind: 'saving' });
      try {
        const saved = await api.put<Answer>(`/api/responses/${responseId}/answers/${encodeURIComponent(q.id)}`, built.payload);
        version.current = saved.version;
        lastSaved.current = built.payload;
        setConflict(null);
        unsaved(false);
        setSaveState({ kind: 'saved', at: saved.updated_at });
        onSaved({ ...answer, ...saved });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        setSaveState({ kind: 'failed' });
        if (e.code === 'stale_version' && e.body.current) {
          setConflict({ current: e.body.current as Answer, mine: values });
          report({ message: serverMessage(e.body, lang), control: 'value' });
        } else {
          const key = (['value', 'na_reason', 'evidence_url'] as const).find((k) => e.body.fields[k]);
          const field = key ? e.body.fields[key] : Object.values(e.body.fields)[0];
          report({ message: serverMessage(field ?? e.body, lang), control: key ?? 'value' });
        }
      } finally {
        inFlight.current = false;
      }
      if (again.current) {
        again.current = false;
        void save(getValues());
      }
    },
    [answer, getValues, lang, onSaved, q, report, responseId, t, unsaved],
  );

  const schedule = useCallback(
    (delay: number, quiet = false) => {
      if (timer.current) clearTimeout(timer.current);
      unsaved(true);
      timer.current = setTimeout(() => {
        timer.current = null;
        void save(getValues(), undefined, quiet);
      }, delay);
    },
    [getValues, save, unsaved],
  );

  const flush = useCallback(() => {
    if (!timer.current) return;
    clearTimeout(timer.current);
    timer.current = null;
    void save(getValues());
  }, [getValues, save]);

  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(() => () => flushRef.current(), []);

  const keepMine = useCallback(() => {
    if (conflict) void save(conflict.mine, conflict.current.version);
  }, [conflict, save]);

  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    version.current = conflict.current.version;
    reset(formValuesOf(conflict.current));
    lastSaved.current = null;
    setConflict(null);
    report(null);
    unsaved(false);
    setSaveState({ kind: 'idle' });
    onSaved({ ...answer, ...conflict.current });
  }, [answer, conflict, onSaved, report, reset, unsaved]);

  return {
    saveState,
    error,
    conflict,
    schedule,
    flush,
    saveNow: useCallback(() => void save(getValues()), [getValues, save]),
    pending: useCallback(() => timer.current !== null, []),
    keepMine,
    takeTheirs,
  };
}
