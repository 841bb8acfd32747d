// One question of the survey, rendered from its catalogue definition. Each question is its
// own small uncontrolled form (react-hook-form), so typing re-renders only this question,
// never the whole page. The parts:
//  - question/controls.tsx: the answer control of each question type;
//  - question/useAutosave.ts: saving with the answer's version, one save at a time, and the
//    409 conflict (shown here with ConflictPanel);
//  - this file: label, hint, errors, 該当なし and its reason, comment and evidence, the
//    previous year's value, and the save state.
import { memo, useCallback, type ReactElement } from 'react';
import { useForm, useWatch, type UseFormRegisterReturn } from 'react-hook-form';
import type { Answer, ItemReuse, Question, Text } from '../api/types';
import { useLang } from '../i18n';
import { formatTimestamp, formatValue } from '../lib/format';
import { formValuesOf, type FormValues } from './answerForm';
import { CarryOverBadge } from './CarryOverBadge';
import { ConflictPanel } from './ConflictPanel';
import { Link } from './Link';
import { ReusePanel } from './ReusePanel';
import { CONTROLS } from './question/controls';
import { useAutosave, type Control, type FieldErrorState } from './question/useAutosave';

export interface QuestionFieldProps {
  responseId: number;
  question: Question;
  answer: Answer;
  editable: boolean;
  /** An error from a page-level action (e.g. "mark ready"), shown below the control. */
  externalError?: string;
  /** Last year's questions a merged answer names (ResponseView.previous_questions). */
  previousQuestions?: Record<string, { number: string; text: Text }>;
  onSaved(answer: Answer): void;
  /** What the question holds from the body's answer in another ministry's survey, if anything. */
  reuse?: ItemReuse;
  /** A decision on an offered value: the answer when a value was taken, and the new state. */
  onReuseDecided?(questionId: string, answer: Answer | null, state: ItemReuse['state']): void;
  /** The offer moved on meanwhile: reload the offers. */
  onReuseStale?(): void;
  /** Reports the field's own error (null when cleared) and the id of the control it concerns,
   *  for the page's error summary. */
  onError(questionId: string, message: string | null, controlId?: string): void;
}

const TEXT_DELAY_MS = 700;

function QuestionFieldImpl({ responseId, question: q, answer, editable, externalError, previousQuestions, onSaved, onError, reuse, onReuseDecided, onReuseStale }: QuestionFieldProps) {
  const { t, lang } = useLang();
  const id = `q-${q.id}`;
  const { register, control, getValues, reset } = useForm<FormValues>({ defaultValues: formValuesOf(answer) });
  const notApplicable = useWatch({ control, name: 'not_applicable' });
  const controlId = useCallback(
    (c: Control) => (c === 'na_reason' ? `${id}-na-reason` : c === 'evidence_url' ? `${id}-evidence` : `${id}-input`),
    [id],
  );
  const reportError = useCallback(
    (e: FieldErrorState | null) => onError(q.id, e?.message ?? null, e ? controlId(e.control) : undefined),
    [controlId, onError, q.id],
  );
  const { saveState, error, conflict, schedule, flush, saveNow, pending, keepMine, takeTheirs } = useAutosave({
    responseId,
    question: q,
    answer,
    getValues,
    reset,
    onSaved,
    onError: reportError,
  });

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
      if (checkOnBlur && !pending()) saveNow();
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
      <span className="question-number">{q.number}</span> {q.text[lang]}
      {q.required && <span className="required-mark">{t('common.required')}</span>}
    </>
  );

  const hint = [
    q.min !== undefined && q.max !== undefined ? t('question.range', { min: q.min, max: q.max }) : '',
    q.type === 'percent' ? '%' : q.unit ? q.unit[lang] : '',
    q.type === 'text' && q.max_length ? t('question.maxLength', { max: q.max_length }) : '',
  ].filter(Boolean).join(' / ');

  const kind = CONTROLS[q.type];
  const grouped = editable && kind.grouped;
  let control_: ReactElement;
  if (!editable) {
    control_ = (
      <p className="answer-readonly" id={`${id}-input`} tabIndex={-1}>
        {answer.not_applicable
          ? t('check.notApplicable', { reason: answer.na_reason })
          : formatValue(q, answer.value, lang)}
      </p>
    );
  } else {
    control_ = (
      <kind.Control
        id={id}
        question={q}
        disabled={disabledValue}
        aria={inputProps}
        immediate={(name) => now(register(name))}
        typed={(name) => typed(register(name))}
      />
    );
  }

  return (
    // Each question is its own <form>, so that its radio buttons form their own group.
    <form id={id} noValidate onSubmit={(e) => e.preventDefault()} className={`question${shownError ? " question-error" : ""}`} data-type={q.type} data-state={answer.state} data-needs-confirmation={answer.needs_confirmation || undefined} data-reuse={reuse?.state}>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <CarryOverBadge state={answer.state} lineageKind={q.lineage?.kind} />
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

      {reuse && (
        <ReusePanel
          responseId={responseId}
          question={q}
          reuse={reuse}
          editable={editable}
          onDecided={(a, state) => {
            if (a) onSaved(a);
            onReuseDecided?.(q.id, a, state);
          }}
          onStale={() => onReuseStale?.()}
        />
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
            {Object.entries(mergedFrom).map(([old, v]) => {
              const named = previousQuestions?.[old];
              return (
                <li key={old}>
                  {named ? `${named.number} ${named.text[lang]}` : old}: {formatValue(q, v, lang)}
                </li>
              );
            })}
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
          onKeepMine={keepMine}
          onUseTheirs={takeTheirs}
        />
      )}

      <div className="mt-2 flex flex-wrap items-center gap-4 text-std-16N-170">
        <span role="status" className="save-state">
          {saveState.kind === 'saving' && t('question.saving')}
          {saveState.kind === 'saved' && t('question.savedAt', { time: formatTimestamp(saveState.at, lang, { seconds: true }) })}
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
