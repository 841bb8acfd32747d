// One question of the survey, rendered from its catalogue definition: the one data-driven
// component for every question type. Each question is its own small uncontrolled form
// (react-hook-form), so typing re-renders only this question, never the whole page.
// Changes are saved automatically with the answer's version; a 409 shows both values and
// lets the user choose (ConflictPanel).
import { memo, useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { useForm, useWatch, type UseFormRegisterReturn } from 'react-hook-form';
import { api, ApiError } from '../api/client';
import type { Answer, Question } from '../api/types';
import { serverMessage, useLang } from '../i18n';
import { formatTimestamp, formatValue } from '../lib/format';
import { markUnsaved } from '../lib/unsaved';
import { formValuesOf, payloadOf, sameContent, type AnswerPayload, type FormValues } from './answerForm';
import { CarryOverBadge } from './CarryOverBadge';
import { ConflictPanel } from './ConflictPanel';
import { Link } from './Link';

export interface QuestionFieldProps {
  responseId: number;
  question: Question;
  answer: Answer;
  editable: boolean;
  /** An error from a page-level action (e.g. "mark ready"), shown below the control. */
  externalError?: string;
  onSaved(answer: Answer): void;
  /** Reports the field's own error (null when cleared) and the id of the control it concerns,
   *  for the page's error summary. */
  onError(questionId: string, message: string | null, controlId?: string): void;
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed' };
type Control = 'value' | 'na_reason' | 'evidence_url';
interface FieldErrorState {
  message: string;
  control: Control;
}

const TEXT_DELAY_MS = 700;

function QuestionFieldImpl({ responseId, question: q, answer, editable, externalError, onSaved, onError }: QuestionFieldProps) {
  const { t, lang } = useLang();
  const id = `q-${q.id}`;
  const { register, control, getValues, reset } = useForm<FormValues>({ defaultValues: formValuesOf(answer) });
  const notApplicable = useWatch({ control, name: 'not_applicable' });
  const version = useRef(answer.version);
  const lastSaved = useRef<AnswerPayload | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [error, setError] = useState<FieldErrorState | null>(null);
  const [conflict, setConflict] = useState<{ current: Answer; mine: FormValues } | null>(null);

  // A newer version from outside (a category confirmation, a reload) replaces the form.
  useEffect(() => {
    if (answer.version > version.current && !inFlight.current && !timer.current) {
      version.current = answer.version;
      reset(formValuesOf(answer));
    }
  }, [answer, reset]);

  const controlId = useCallback(
    (c: Control) => (c === 'na_reason' ? `${id}-na-reason` : c === 'evidence_url' ? `${id}-evidence` : `${id}-input`),
    [id],
  );
  const report = useCallback(
    (e: FieldErrorState | null) => {
      setError(e);
      onError(q.id, e?.message ?? null, e ? controlId(e.control) : undefined);
    },
    [controlId, onError, q.id],
  );
  const unsaved = useCallback((v: boolean) => markUnsaved(`${responseId}/${q.id}`, v), [q.id, responseId]);

  // `quiet`: a check that fails is not reported yet (e.g. 該当なし just ticked, its reason
  // not typed): the user has not finished.
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

  // Leaving the page (or a condition hiding the question) must not drop typed input: a
  // pending save is sent at once.
  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(() => () => flushRef.current(), []);

  const valueError = error?.control === 'value' ? error.message : (externalError ?? null);
  const shownError = error?.message ?? externalError ?? null;
  const describedBy = [`${id}-hint`, valueError ? `${id}-error` : ''].filter(Boolean).join(' ');
  const now = (r: UseFormRegisterReturn, quiet = false) => ({ ...r, onChange: async (e: unknown) => { await r.onChange(e as Event); schedule(0, quiet); } });
  // `checkOnBlur`: leaving the field checks it even when nothing was typed (the 該当なし
  // reason: ticking 該当なし waits quietly for it, leaving it empty is then an error).
  const typed = (r: UseFormRegisterReturn, checkOnBlur = false) => ({
    ...r,
    onChange: async (e: unknown) => { await r.onChange(e as Event); schedule(TEXT_DELAY_MS); },
    onBlur: async (e: unknown) => {
      await r.onBlur(e as Event);
      if (checkOnBlur && !timer.current) void save(getValues());
      else flush();
    },
  });
  const inputProps = { 'aria-describedby': describedBy, 'aria-invalid': valueError ? true : undefined };
  const subError = (c: Control) =>
    error?.control === c ? (
      <p id={`${controlId(c)}-error`} className="field-error">{error.message}</p>
    ) : null;
  const subProps = (c: Control) => ({
    'aria-describedby': [`${id}-label`, error?.control === c ? `${controlId(c)}-error` : ''].filter(Boolean).join(' '),
    'aria-invalid': error?.control === c ? true : undefined,
  });
  const disabledValue = editable && q.na_allowed && notApplicable;

  const previous = answer.previous;
  const mergedFrom = previous && typeof previous === 'object' && !Array.isArray(previous) ? previous.merged_from : null;
  const showPrevious = !mergedFrom && previous !== null && previous !== undefined && answer.state === 'changed';

  const label = (
    <>
      {q.text[lang]}
      {q.required && <span className="required-mark">{t('common.required')}</span>}
    </>
  );

  const hint = [
    q.min !== undefined && q.max !== undefined ? t('question.range', { min: q.min, max: q.max }) : '',
    q.type === 'percent' ? '%' : q.unit ? q.unit[lang] : '',
    q.type === 'text' && q.max_length ? t('question.maxLength', { max: q.max_length }) : '',
  ].filter(Boolean).join(' / ');

  let control_: ReactElement;
  if (!editable) {
    control_ = (
      <p className="answer-readonly" id={`${id}-input`} tabIndex={-1}>
        {answer.not_applicable
          ? t('check.notApplicable', { reason: answer.na_reason })
          : formatValue(q, answer.value, lang)}
      </p>
    );
  } else if (q.type === 'yes_no' || q.type === 'single' || q.type === 'maturity' || q.type === 'multi') {
    const options =
      q.type === 'yes_no'
        ? [
            { key: 'yes', label: { ja: 'はい', en: 'Yes' } },
            { key: 'no', label: { ja: 'いいえ', en: 'No' } },
          ]
        : q.options ?? [];
    const multi = q.type === 'multi';
    control_ = (
      <div className={q.type === 'yes_no' ? 'flex flex-wrap gap-x-6' : 'flex flex-col'}>
        {options.map((o, i) => {
          const optId = i === 0 ? `${id}-input` : `${id}-opt-${o.key}`;
          return (
            <label key={o.key} htmlFor={optId} className="choice">
              <input
                id={optId}
                type={multi ? 'checkbox' : 'radio'}
                value={o.key}
                disabled={disabledValue}
                {...inputProps}
                {...now(register(multi ? 'values' : 'value'))}
              />
              <span>{o.label[lang]}</span>
            </label>
          );
        })}
      </div>
    );
  } else if (q.type === 'text') {
    control_ = (
      <textarea id={`${id}-input`} rows={3} className="input w-full" maxLength={q.max_length} disabled={disabledValue} {...inputProps} {...typed(register('value'))} />
    );
  } else {
    control_ = (
      <input
        id={`${id}-input`}
        type={q.type === 'date' ? 'date' : 'text'}
        inputMode={q.type === 'date' ? undefined : 'decimal'}
        className={q.type === 'date' ? 'input' : 'input w-40'}
        disabled={disabledValue}
        {...inputProps}
        {...typed(register('value'))}
      />
    );
  }

  const grouped = editable && (q.type === 'yes_no' || q.type === 'single' || q.type === 'maturity' || q.type === 'multi');

  return (
    // Each question is its own <form>, so that its radio buttons form their own group.
    <form id={id} noValidate onSubmit={(e) => e.preventDefault()} className={`question${shownError ? " question-error" : ""}`} data-type={q.type} data-state={answer.state} data-needs-confirmation={answer.needs_confirmation || undefined}>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <CarryOverBadge state={answer.state} lineageKind={q.lineage?.kind} />
        <span className="text-std-16N-170 text-solid-gray-700">{q.id}</span>
      </div>
      {grouped ? (
        <fieldset aria-describedby={describedBy}>
          <legend id={`${id}-label`} className="question-text">{label}</legend>
          <p id={`${id}-hint`} className="hint">{hint}</p>
          {valueError && <p id={`${id}-error`} className="field-error">{valueError}</p>}
          {control_}
        </fieldset>
      ) : (
        <>
          <label id={`${id}-label`} htmlFor={`${id}-input`} className="question-text block">{label}</label>
          <p id={`${id}-hint`} className="hint">{hint}</p>
          {control_}
          {valueError && <p id={`${id}-error`} className="field-error">{valueError}</p>}
        </>
      )}

      {answer.needs_confirmation && <p className="mt-2 text-std-16B-170">{t('question.needsConfirmation')}</p>}
      {showPrevious && (
        <p className="previous">
          <span className="text-std-16B-170">{t('question.previous')}:</span> {formatValue(q, previous as Answer['value'], lang)}
        </p>
      )}
      {mergedFrom && (
        <div className="previous">
          <p className="text-std-16B-170">{t('question.mergedFrom')}</p>
          <ul className="list-disc pl-6">
            {Object.entries(mergedFrom).map(([old, v]) => (
              <li key={old}>{old}: {formatValue(q, v, lang)}</li>
            ))}
          </ul>
        </div>
      )}

      {editable && q.na_allowed && (
        <div className="mt-3">
          <label htmlFor={`${id}-na`} className="choice">
            <input id={`${id}-na`} type="checkbox" aria-describedby={`${id}-label`} {...now(register('not_applicable'), true)} />
            <span>{t('question.na')}</span>
          </label>
          {notApplicable && (
            <div className="mt-2">
              <label htmlFor={`${id}-na-reason`} className="block text-std-16B-170">{t('question.naReason')}<span className="required-mark">{t('common.required')}</span></label>
              {subError('na_reason')}
              <input id={`${id}-na-reason`} className="input w-full" {...subProps('na_reason')} {...typed(register('na_reason'), true)} />
            </div>
          )}
        </div>
      )}

      <details className="mt-3">
        <summary className="link">{t('question.help')} / {t('question.reason')}</summary>
        <p className="mt-2"><span className="text-std-16B-170">{t('question.help')}:</span> {q.help[lang]}</p>
        <p className="mt-1"><span className="text-std-16B-170">{t('question.reason')}:</span> {q.reason[lang]}</p>
      </details>

      {editable ? (
        <details className="mt-2" open={!!(answer.comment || answer.evidence_url || error?.control === 'evidence_url') || undefined}>
          <summary className="link">{t('question.extra')}</summary>
          <label htmlFor={`${id}-comment`} className="mt-2 block text-std-16B-170">{t('question.comment')}{t('common.optional')}</label>
          <textarea id={`${id}-comment`} rows={2} className="input w-full" maxLength={4000} aria-describedby={`${id}-label`} {...typed(register('comment'))} />
          <label htmlFor={`${id}-evidence`} className="mt-2 block text-std-16B-170">{t('question.evidence')}{t('common.optional')}</label>
          {subError('evidence_url')}
          <input id={`${id}-evidence`} type="url" className="input w-full" {...subProps('evidence_url')} {...typed(register('evidence_url'))} />
        </details>
      ) : (
        (answer.comment || answer.evidence_url) && (
          <p className="mt-2 text-std-16N-170">
            {answer.comment && <>{t('question.comment')}: {answer.comment} </>}
            {answer.evidence_url && <>{t('question.evidence')}: {answer.evidence_url}</>}
          </p>
        )
      )}

      {conflict && (
        <ConflictPanel
          question={q}
          mine={conflict.mine}
          current={conflict.current}
          onKeepMine={() => void save(conflict.mine, conflict.current.version)}
          onUseTheirs={() => {
            version.current = conflict.current.version;
            reset(formValuesOf(conflict.current));
            lastSaved.current = null;
            setConflict(null);
            report(null);
            unsaved(false);
            setSaveState({ kind: 'idle' });
            onSaved({ ...answer, ...conflict.current });
          }}
        />
      )}

      <div className="mt-2 flex flex-wrap items-center gap-4 text-std-16N-170">
        <span role="status" className="save-state">
          {saveState.kind === 'saving' && t('question.saving')}
          {saveState.kind === 'saved' && t('question.savedAt', { time: formatTimestamp(saveState.at, lang) })}
          {saveState.kind === 'failed' && t('question.notSaved')}
          {saveState.kind === 'idle' && answer.updated_by &&
            t('question.lastUpdated', { time: formatTimestamp(answer.updated_at, lang), who: answer.updated_by })}
        </span>
        <Link href={`/responses/${responseId}/answers/${encodeURIComponent(q.id)}/history`}>{t('question.history')}</Link>
      </div>
    </form>
  );
}

export const QuestionField = memo(QuestionFieldImpl);
