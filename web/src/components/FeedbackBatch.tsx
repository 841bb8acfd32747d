// The feedback reports of a campaign's bodies as one ZIP: a background job with a progress
// bar, then a download. MIC may pick one prefecture (`prefectures`), or a page may fix it
// (`prefecture`); either way the server gives only the bodies the user may read. The job
// lives as long as the component: leaving the page and coming back starts afresh.
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Body, Campaign, Job } from '../api/types';
import { serverMessage, useLang } from '../i18n';
import { useJob } from '../lib/useJob';
import { DownloadButton } from './DownloadButton';
import { Field } from './Field';
import { Notice } from './Notice';

export function FeedbackBatch({
  campaign,
  prefectures,
  prefecture = '',
}: {
  campaign: Campaign;
  /** The prefectures MIC may choose from; without them the choice is not offered. */
  prefectures?: Body[];
  prefecture?: string;
}) {
  const { t, lang } = useLang();
  const [chosenPref, setPref] = useState('');
  const [posting, setPosting] = useState(false);
  const pref = prefecture || chosenPref;
  const [error, setError] = useState<string | null>(null);
  const { job, start, running } = useJob((next, e) => {
    if (e) setError(serverMessage(e.body, lang));
    else if (next?.state === 'failed' && next.error) setError(serverMessage(next.error, lang));
  });
  const make = async () => {
    setError(null);
    setPosting(true);  // no second batch from a double click
    try {
      const r = await api.post<{ job: Job }>(`/api/campaigns/${campaign.id}/feedback-reports`, pref ? { prefecture: pref } : {});
      start(r.job);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(serverMessage(e.body, lang));
    } finally {
      setPosting(false);
    }
  };
  const id = `batch-${campaign.id}`;
  return (
    <section className="mt-4" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="text-std-17B-170">{t('batch.title')}</h3>
      <p className="mb-2">{t('batch.hint')}</p>
      <div className="flex flex-wrap items-end gap-3">
        {prefectures && (
          <Field id={`${id}-pref`} label={t('bodies.prefecture')}>
            <select id={`${id}-pref`} className="input" value={chosenPref} disabled={running} onChange={(e) => setPref(e.target.value)}>
              <option value="">{t('batch.everyBody')}</option>
              {prefectures.map((b) => (
                <option key={b.code} value={b.prefecture_code}>{b.name_ja}</option>
              ))}
            </select>
          </Field>
        )}
        <button type="button" className="btn-secondary" disabled={running || posting} onClick={() => void make()}>
          {t('batch.make')}
        </button>
      </div>
      {job && running && (
        <div className="my-3">
          <label htmlFor={`${id}-progress`} className="block">
            {t('batch.making', { done: job.done, total: job.total })}
          </label>
          <progress id={`${id}-progress`} max={job.total || 1} value={job.done} className="w-full" />
        </div>
      )}
      <div aria-live="polite">
        {job?.state === 'done' && job.result && (
          <div className="my-3 flex flex-wrap items-center gap-3">
            <p>{t('batch.ready', { count: job.total })}</p>
            <DownloadButton href={job.result.url} label={t('batch.download', { name: job.result.name })} />
          </div>
        )}
      </div>
      {error && <Notice kind="error" title={error} />}
    </section>
  );
}
