// MIC's progress board for a running campaign: days to the deadline, counts by state, by
// prefecture and by type of body, and the bodies that have not submitted, to which a
// reminder can be sent (they read it on their home page).
import { useMemo, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Campaign, Job, ResponseState } from '../api/types';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { errorProps, Field } from '../components/Field';
import { Link } from '../components/Link';
import { StatusArea, type ActionResult } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { ResponseStateTag } from '../components/StatusTag';
import { serverMessage, useLang } from '../i18n';
import { formatDeadline } from '../lib/format';
import { pct } from '../lib/rates';
import { useAsync } from '../lib/useAsync';
import { useJob } from '../lib/useJob';
import { LoadError } from './LoadError';

const STATES: ResponseState[] = ['draft', 'ready_for_review', 'returned', 'submitted', 'accepted'];
const TYPE_ORDER = ['prefecture', 'designated_city', 'special_ward', 'city', 'town', 'village', 'union', 'independent_agency'];
const PAGE = 200;

interface Progress {
  campaign: Campaign;
  days_left: number;
  overdue: boolean;
  total: number;
  counts: Partial<Record<ResponseState, number>>;
  by_prefecture: { prefecture_code: string; name: string; total: number; counts: Partial<Record<ResponseState, number>> }[];
  by_type: { type: string; total: number; counts: Partial<Record<ResponseState, number>> }[];
  pending: { response_id: number; body_code: string; body_name: string; body_type: string; state: ResponseState; locked: boolean }[];
}

export default function ProgressPage({ campaignId }: { campaignId: number }) {
  const { t, lang } = useLang();
  const data = useAsync(() => api.get<Progress>(`/api/campaigns/${campaignId}/progress`), [campaignId]);
  const [pref, setPref] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [shown, setShown] = useState(PAGE);
  const [message, setMessage] = useState(() => t('progress.defaultMessage'));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [resultKey, setResultKey] = useState(0);
  const [busy, setBusy] = useState(false);
  // The e-mail copies (when the server has an SMTP relay): report how their sending ended.
  const mailJob = useJob((job, e) => {
    if (e) setResult({ kind: 'error', text: serverMessage(e.body, lang) });
    else if (job?.state === 'done') setResult({ kind: 'success', text: t('progress.mailed', { count: job.total }) });
    else if (job?.error) setResult({ kind: 'error', text: serverMessage(job.error, lang) });
    setResultKey((k) => k + 1);
  });

  const pending = useMemo(
    () => (data.data?.pending ?? []).filter((p) => !pref || p.body_code.startsWith(pref)),
    [data.data, pref],
  );

  if (data.error) return <LoadError error={data.error} />;
  const d = data.data;
  if (!d) return <p>{t('common.loading')}</p>;
  const done = (d.counts.submitted ?? 0) + (d.counts.accepted ?? 0);
  const submittedRate = (n: number, total: number) => (total ? pct(n / total) : '—');

  const send = async () => {
    const list: FieldError[] = [];
    if (selected.size === 0) list.push({ fieldId: 'pending-all', label: t('progress.pending'), message: t('progress.chooseBodies') });
    if (!message.trim()) list.push({ fieldId: 'reminder-message', label: t('progress.message'), message: t('review.commentRequired') });
    setErrors(list);
    if (list.length) {
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy(true);
    try {
      const r = await api.post<{ sent: number; mail: null | { bodies: number; job: Job | null } }>(
        `/api/campaigns/${campaignId}/reminders`,
        { body_codes: [...selected], message },
      );
      setSelected(new Set());
      const mailing = r.mail ? ` ${t('progress.mailing', { count: r.mail.bodies })}` : '';
      setResult({ kind: 'success', text: t('progress.sent', { count: r.sent }) + mailing });
      if (r.mail?.job) mailJob.start(r.mail.job);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setResult({ kind: 'error', text: serverMessage(e.body, lang) });
    } finally {
      setBusy(false);
      setResultKey((k) => k + 1);
    }
  };

  const stateCells = (counts: Partial<Record<ResponseState, number>>) =>
    STATES.map((s) => (
      <td key={s} className="num">
        {counts[s] ?? 0}
      </td>
    ));
  const stateHeads = STATES.map((s) => (
    <th key={s} scope="col" className="num">
      {t(`states.${s}`)}
    </th>
  ));
  const messageError = errors.find((e) => e.fieldId === 'reminder-message')?.message;
  const bodiesError = errors.find((e) => e.fieldId === 'pending-all')?.message;

  return (
    <>
      <p className="mb-2">
        <Link href="/admin/campaigns">{t('common.back')}: {t('admin.campaigns')}</Link>
      </p>
      <PageTitle caption={d.campaign.title}>{t('progress.title')}</PageTitle>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <StatusArea result={result} focusKey={resultKey} />
      <p className="summary-sentence">
        {d.overdue
          ? t('progress.summaryOverdue', { deadline: formatDeadline(d.campaign.closes_at, lang), total: d.total.toLocaleString(), done: done.toLocaleString(), rate: submittedRate(done, d.total) })
          : t('progress.summary', { deadline: formatDeadline(d.campaign.closes_at, lang), count: d.days_left, total: d.total.toLocaleString(), done: done.toLocaleString(), rate: submittedRate(done, d.total) })}
      </p>

      <section className="mb-8" aria-labelledby="sec-states">
        <h2 id="sec-states" className="mb-2 text-std-24B-150">{t('progress.byState')}</h2>
        <TableScroll label={t('progress.byState')}>
        <table className="table">
          <caption className="sr-only">{t('progress.byState')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.group')}</th>
              <th scope="col" className="num">{t('results.bodies')}</th>
              {stateHeads}
              <th scope="col" className="num">{t('progress.submittedRate')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('results.national')}</th>
              <td className="num">{d.total}</td>
              {stateCells(d.counts)}
              <td className="num">{submittedRate(done, d.total)}</td>
            </tr>
            {[...d.by_type].sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type)).map((g) => (
              <tr key={g.type}>
                <th scope="row" className="font-normal">{t(`bodyTypes.${g.type}`)}</th>
                <td className="num">{g.total}</td>
                {stateCells(g.counts)}
                <td className="num">{submittedRate((g.counts.submitted ?? 0) + (g.counts.accepted ?? 0), g.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      </section>

      <section className="mb-8" aria-labelledby="sec-prefs">
        <h2 id="sec-prefs" className="mb-2 text-std-24B-150">{t('progress.byPrefecture')}</h2>
        <TableScroll label={t('progress.byPrefecture')}>
          <table className="table">
            <caption className="sr-only">{t('progress.byPrefecture')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bodies.prefecture')}</th>
                <th scope="col" className="num">{t('results.bodies')}</th>
                {stateHeads}
                <th scope="col" className="num">{t('progress.submittedRate')}</th>
              </tr>
            </thead>
            <tbody>
              {d.by_prefecture.map((g) => (
                <tr key={g.prefecture_code}>
                  <th scope="row" className="font-normal">{g.name}</th>
                  <td className="num">{g.total}</td>
                  {stateCells(g.counts)}
                  <td className="num">{submittedRate((g.counts.submitted ?? 0) + (g.counts.accepted ?? 0), g.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <section aria-labelledby="sec-pending">
        <h2 id="sec-pending" className="mb-2 text-std-24B-150">
          {t('progress.pending')}（{d.pending.length}）
        </h2>
        <div className="mb-3 flex flex-wrap items-end gap-4">
          <Field id="pending-pref" label={t('bodies.prefecture')}>
            <select id="pending-pref" className="input" value={pref} onChange={(e) => { setPref(e.target.value); setShown(PAGE); }}>
              <option value="">{t('bodies.all')}</option>
              {d.by_prefecture.map((g) => (
                <option key={g.prefecture_code} value={g.prefecture_code}>{g.name}</option>
              ))}
            </select>
          </Field>
        </div>
        {bodiesError && <p id="pending-all-error" className="field-error">{bodiesError}</p>}
        <label htmlFor="pending-all" className="choice">
          <input
            id="pending-all"
            type="checkbox"
            checked={pending.length > 0 && pending.every((p) => selected.has(p.body_code))}
            onChange={(e) => {
              const next = new Set(selected);
              for (const p of pending) e.target.checked ? next.add(p.body_code) : next.delete(p.body_code);
              setSelected(next);
            }}
            {...errorProps('pending-all', bodiesError)}
          />
          <span>{t('progress.selectAll', { count: pending.length })}</span>
        </label>
        <p className="mb-2" role="status">{t('progress.selected', { count: selected.size })}</p>
        <TableScroll label={t('progress.pending')}>
        <table className="table">
          <caption className="sr-only">{t('progress.pending')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('progress.choose')}</th>
              <th scope="col">{t('bodies.name')}</th>
              <th scope="col">{t('bodies.type')}</th>
              <th scope="col">{t('bodies.state')}</th>
            </tr>
          </thead>
          <tbody>
            {pending.slice(0, shown).map((p) => (
              <tr key={p.response_id}>
                <td>
                  <input
                    type="checkbox"
                    className="h-6 w-6"
                    aria-label={p.body_name}
                    checked={selected.has(p.body_code)}
                    onChange={(e) => {
                      const next = new Set(selected);
                      if (e.target.checked) next.add(p.body_code);
                      else next.delete(p.body_code);
                      setSelected(next);
                    }}
                  />
                </td>
                <th scope="row" className="font-normal">
                  <Link href={`/responses/${p.response_id}/review`}>{p.body_name}</Link>
                </th>
                <td>{t(`bodyTypes.${p.body_type}`)}</td>
                <td>
                  <ResponseStateTag state={p.state} locked={p.locked} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
        {pending.length > shown && (
          <button type="button" className="btn-secondary mt-3" onClick={() => setShown((n) => n + PAGE)}>
            {t('bodies.showMore', { shown: Math.min(shown, pending.length), total: pending.length })}
          </button>
        )}
        <div className="action-panel">
          <Field id="reminder-message" label={t('progress.message')} required error={messageError}>
            <textarea id="reminder-message" rows={3} className="input w-full" value={message} maxLength={2000} onChange={(e) => setMessage(e.target.value)} {...errorProps('reminder-message', messageError)} />
          </Field>
          <button type="button" className="btn-primary mt-3" disabled={busy} onClick={() => void send()}>
            {t('progress.send', { count: selected.size })}
          </button>
        </div>
      </section>
    </>
  );
}
