// What one question holds from the body's answer in another ministry's survey (docs/MEASURES.md):
// a value filled from there, with where it came from; or a value offered for a person to take
// or leave (要確認 for a partial match, 要再確認 when the other survey's answer changed). The
// badge's text, not its colour, carries the meaning.
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Answer, AnswerValue, ItemReuse, Question } from '../api/types';
import { serverMessage, useLang } from '../i18n';
import { formatTimestamp, formatValue } from '../lib/format';

export interface ReusePanelProps {
  responseId: number;
  question: Question;
  reuse: ItemReuse;
  editable: boolean;
  /** The answer after a decision, and the item's new state. */
  onDecided(answer: Answer | null, state: ItemReuse['state']): void;
  /** The offer moved on meanwhile: the panel shows why; the page reloads the offers. */
  onStale(): void;
}

export function ReusePanel({ responseId, question: q, reuse, editable, onDecided, onStale }: ReusePanelProps) {
  const { t, lang } = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `reuse-${q.id}`;
  const src = reuse.source;
  const from = src
    ? t('reuse.from', {
        survey: src.ministry_name?.[lang] ?? src.catalog_id,
        sample: src.sample ? t('reuse.sampleMark') : '',
        number: src.question_number ?? src.question_id,
        who: src.given_by,
        when: formatTimestamp(src.given_at, lang),
      })
    : t('reuse.sourceGone');

  if (reuse.state === 'rejected') return null;
  if (reuse.state === 'filled' || reuse.state === 'confirmed') {
    return (
      <p className="reuse-note mt-2 text-std-16N-170" id={id}>
        <span className={`badge badge-reuse-${reuse.state}`}>{t(`reuse.badge.${reuse.state}`)}</span> {from}
      </p>
    );
  }

  const decide = async (accept: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<Answer>(`/api/responses/${responseId}/answers/${encodeURIComponent(q.id)}/reuse`, {
        accept,
        measure_revision: reuse.measure_revision,
      });
      onDecided(accept ? answer : null, accept ? 'confirmed' : 'rejected');
    } catch (e) {
      if (e instanceof ApiError) {
        setError(serverMessage(e.body, lang));
        if (e.code === 'reuse_changed' || e.code === 'reuse_not_found') onStale();
      } else throw e;
    } finally {
      setBusy(false);
    }
  };

  const offered: AnswerValue = reuse.candidate;
  return (
    <div className="reuse-panel mt-3 rounded-8 border border-solid-gray-420 p-4" role="group" aria-labelledby={`${id}-title`} id={id}>
      <p id={`${id}-title`} className="text-std-16B-170">
        <span className={`badge badge-reuse-${reuse.state}`}>{t(`reuse.badge.${reuse.state}`)}</span>{' '}
        {t(reuse.state === 'recheck' ? 'reuse.recheckTitle' : 'reuse.proposedTitle')}
      </p>
      <p className="mt-1">{t(`reuse.relation.${reuse.relation}`)}</p>
      <p className="mt-1">
        <span className="text-std-16B-170">{t('reuse.offered')}:</span>{' '}
        {offered === null ? t('reuse.noValue') : formatValue(q, offered, lang)}
      </p>
      <p className="mt-1 text-std-16N-170">{from}</p>
      {reuse.measure && (
        <details className="mt-1">
          <summary className="link">{t('reuse.definition')}</summary>
          <p className="mt-1">{reuse.measure.definition[lang]}</p>
        </details>
      )}
      {error && <p className="field-error mt-2" role="alert">{error}</p>}
      {editable && (
        <div className="mt-3 flex flex-wrap gap-3">
          {offered !== null && (
            <button type="button" className="btn-secondary" disabled={busy} onClick={() => void decide(true)}>
              {t('reuse.take')}
            </button>
          )}
          <button type="button" className="btn-secondary" disabled={busy} onClick={() => void decide(false)}>
            {t('reuse.keep')}
          </button>
        </div>
      )}
    </div>
  );
}
