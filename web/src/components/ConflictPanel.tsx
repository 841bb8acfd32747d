// Shown when another save of the same answer came first (409 stale_version): the user's own
// input and the stored answer side by side, and a choice between them.
import type { Answer, Question } from '../api/types';
import { useLang } from '../i18n';
import { formatTimestamp, formatValue } from '../lib/format';
import { payloadOf, type FormValues } from './answerForm';

export function ConflictPanel({ question, mine, current, onKeepMine, onUseTheirs }: {
  question: Question;
  mine: FormValues;
  current: Answer;
  onKeepMine(): void;
  onUseTheirs(): void;
}) {
  const { t, lang } = useLang();
  const built = payloadOf(question, mine, current.version);
  const mineText = 'payload' in built ? formatValue(question, built.payload.value, lang) : mine.value;
  return (
    <div className="conflict" role="group" aria-labelledby={`q-${question.id}-conflict`}>
      <h3 id={`q-${question.id}-conflict`} className="text-std-18B-160">{t('question.conflictTitle')}</h3>
      <dl className="mt-2 grid gap-2 sm:grid-cols-2">
        <div className="conflict-side">
          <dt className="text-std-16B-170">{t('question.yours')}</dt>
          <dd data-testid="conflict-mine">{mineText}</dd>
        </div>
        <div className="conflict-side">
          <dt className="text-std-16B-170">{t('question.theirs', { who: current.updated_by, time: formatTimestamp(current.updated_at, lang) })}</dt>
          <dd data-testid="conflict-theirs">
            {current.not_applicable ? t('check.notApplicable', { reason: current.na_reason }) : formatValue(question, current.value, lang)}
          </dd>
        </div>
      </dl>
      <div className="mt-3 flex flex-wrap gap-3">
        <button type="button" className="btn-primary" onClick={onKeepMine}>{t('question.keepMine')}</button>
        <button type="button" className="btn-secondary" onClick={onUseTheirs}>{t('question.useTheirs')}</button>
      </div>
    </div>
  );
}
