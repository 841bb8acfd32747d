// MIC's campaigns: create one, open it (a background job with a progress bar), extend the
// deadline, close it, and go to the bodies' responses.
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, ApiError } from '../api/client';
import type { Body, Campaign, Catalog, Job } from '../api/types';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { DownloadButton } from '../components/DownloadButton';
import { FeedbackBatch } from '../components/FeedbackBatch';
import { errorProps, Field } from '../components/Field';
import { Link } from '../components/Link';
import { Notice, StatusArea, useActionResult } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { ReuseTotals } from '../components/ReuseTotals';
import { serverMessage, useLang } from '../i18n';
import { formatDeadline } from '../lib/format';
import { hasRole, useSession } from '../lib/session';
import { useAsync } from '../lib/useAsync';
import { useJob } from '../lib/useJob';

interface CreateForm {
  title: string;
  fiscal_year: string;
  catalog_id: string;
  opens_at: string;
  closes_at: string;
}

function OpenProgress({ job }: { job: Job }) {
  const { t } = useLang();
  return (
    <div className="my-3">
      <label htmlFor={`job-${job.id}`} className="block">
        {t('admin.opening', { done: job.done, total: job.total })}
      </label>
      <progress id={`job-${job.id}`} max={job.total || 1} value={job.done} className="w-full" />
    </div>
  );
}

export function CampaignsPage() {
  const { t, lang } = useLang();
  // MIC manages every survey; a partner ministry's analyst its own ministry's (the server
  // lists and allows only those), without MIC's national tools.
  const { user } = useSession();
  const admin = hasRole(user, 'national_admin');
  const data = useAsync(async () => {
    const [c, k, p] = await Promise.all([
      api.get<{ campaigns: Campaign[] }>('/api/campaigns'),
      api.get<{ catalogs: Catalog[] }>('/api/catalogs'),
      api.get<{ bodies: Body[] }>('/api/bodies?type=prefecture'),
    ]);
    return { campaigns: c.campaigns, catalogs: k.catalogs, prefectures: p.bodies };
  }, []);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [notice, noticeKey, setNotice] = useActionResult();
  // The open job: when it ends, report and reload the list once.
  const { job, start: setJob, running: opening } = useJob(async (next, error) => {
    if (error) setNotice({ kind: 'error', text: serverMessage(error.body, lang) });
    else if (next?.state === 'done') setNotice({ kind: 'success', text: t('admin.opened') });
    else if (next?.error) setNotice({ kind: 'error', text: serverMessage(next.error, lang) });
    if (next) await data.reload();
  });
  const { register, handleSubmit, reset } = useForm<CreateForm>();

  const fieldLabels: Record<string, string> = {
    title: t('admin.titleField'),
    fiscal_year: t('admin.fiscalYear'),
    catalog_id: t('admin.catalog'),
    opens_at: t('admin.opensAt'),
    closes_at: t('admin.closesAt'),
  };

  // `form`: the id prefix of the form whose fields the server named ("create", "extend-3").
  const fail = (e: unknown, form: string) => {
    if (!(e instanceof ApiError)) throw e;
    setErrors(
      Object.entries(e.body.fields).map(([k, m]) => ({
        fieldId: form === 'create' ? `create-${k}-input` : form,
        label: form === 'create' ? (fieldLabels[k] ?? k) : t('admin.newDeadline'),
        message: serverMessage(m, lang),
      })),
    );
    setNotice({ kind: 'error', text: serverMessage(e.body, lang) });
    setFocusKey((k) => k + 1);
  };
  const errorOf = (fieldId: string) => errors.find((e) => e.fieldId === fieldId)?.message;

  const [busy, setBusy] = useState(false);
  const call = async (fn: () => Promise<unknown>, done: string, form: string) => {
    setNotice(null);
    setBusy(true);
    try {
      await fn();
      setErrors([]);
      await data.reload();
      setNotice({ kind: 'success', text: done });
    } catch (e) {
      fail(e, form);
    } finally {
      setBusy(false);
    }
  };

  const onCreate = handleSubmit((f) =>
    call(
      async () => {
        await api.post('/api/campaigns', { ...f, fiscal_year: Number(f.fiscal_year) });
        reset();
      },
      t('admin.created'),
      'create',
    ),
  );

  const open = async (c: Campaign) => {
    setNotice(null);
    try {
      const r = await api.post<{ job: Job }>(`/api/campaigns/${c.id}/open`);
      setJob(r.job);
    } catch (e) {
      fail(e, 'open');
    }
  };

  if (data.error) return <Notice kind="error" title={serverMessage(data.error.body, lang)} />;
  return (
    <>
      <PageTitle>{t('admin.campaigns')}</PageTitle>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {admin && <ReuseTotals />}
      <StatusArea result={notice} focusKey={errors.length ? 0 : noticeKey} />
      {job && opening && <OpenProgress job={job} />}
      {!data.data ? (
        <p>{t('common.loading')}</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {data.data.campaigns.map((c) => (
            <li key={c.id} className="rounded-8 border border-solid-gray-420 p-4">
              <h2 className="text-std-20B-150">{c.title}</h2>
              <p>
                <span className={`tag tag-campaign-${c.state}`}>{t(`admin.campaignStates.${c.state}`)}</span>{' '}
                {t('admin.closesAt')}: {formatDeadline(c.closes_at, lang)} / {t('admin.targets', { count: c.target_count })}
              </p>
              <div className="mt-3 flex flex-wrap items-end gap-4">
                {c.state !== 'draft' && (
                  <Link href={`/admin/campaigns/${c.id}`} className="btn-secondary">
                    {t('admin.responses')}
                  </Link>
                )}
                {c.state !== 'draft' && (
                  <Link href={`/admin/campaigns/${c.id}/progress`} className="btn-secondary">
                    {t('progress.title')}
                  </Link>
                )}
                {c.state !== 'draft' && (
                  <details className="w-full">
                    <summary className="link">{t('admin.exports')}</summary>
                    <div className="mt-2 flex flex-wrap gap-3">
                      <DownloadButton href={`/api/campaigns/${c.id}/export?format=xlsx`} label={t('admin.exportAnswersXlsx')} />
                      <DownloadButton href={`/api/campaigns/${c.id}/export`} label={t('admin.exportAnswersCsv')} />
                      <DownloadButton href={`/api/campaigns/${c.id}/export?encoding=cp932`} label={t('admin.exportAnswersCp932')} />
                      <DownloadButton href={`/api/campaigns/${c.id}/export?table=rates&format=xlsx`} label={t('admin.exportRatesXlsx')} />
                      <DownloadButton href={`/api/campaigns/${c.id}/export?table=rates`} label={t('admin.exportRatesCsv')} />
                    </div>
                    {admin && <FeedbackBatch campaign={c} prefectures={data.data!.prefectures} />}
                  </details>
                )}
                {c.state === 'draft' && (
                  <button type="button" className="btn-primary" disabled={opening} onClick={() => void open(c)}>
                    {t('admin.open')}
                  </button>
                )}
                {c.state === 'open' && (
                  <form
                    className="flex flex-wrap items-end gap-2"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const closes_at = String(new FormData(e.currentTarget).get('closes_at') ?? '');
                      void call(() => api.post(`/api/campaigns/${c.id}/extend`, { closes_at }), t('admin.extended'), `extend-${c.id}`);
                    }}
                  >
                    <Field id={`extend-${c.id}`} label={t('admin.newDeadline')} error={errorOf(`extend-${c.id}`)}>
                      <input id={`extend-${c.id}`} name="closes_at" type="date" className="input" {...errorProps(`extend-${c.id}`, errorOf(`extend-${c.id}`))} />
                    </Field>
                    <button type="submit" className="btn-secondary" disabled={busy}>{t('admin.extend')}</button>
                  </form>
                )}
                {c.state === 'open' && (
                  <button
                    type="button"
                    className="btn-secondary"
                    onClick={() => {
                      if (window.confirm(t('admin.closeConfirm'))) void call(() => api.post(`/api/campaigns/${c.id}/close`), t('admin.closed'), 'close');
                    }}
                  >
                    {t('admin.close')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}

      <section className="mt-10 max-w-xl" aria-labelledby="create-title">
        <h2 id="create-title" className="mb-3 text-std-24B-150">{t('admin.create')}</h2>
        <form noValidate onSubmit={onCreate} className="flex flex-col gap-3">
          <Field id="create-title-input" label={t('admin.titleField')} required error={errorOf('create-title-input')}>
            <input id="create-title-input" className="input w-full" {...errorProps('create-title-input', errorOf('create-title-input'))} {...register('title')} />
          </Field>
          <Field id="create-fiscal_year-input" label={t('admin.fiscalYear')} required error={errorOf('create-fiscal_year-input')}>
            <input id="create-fiscal_year-input" inputMode="numeric" className="input w-32" {...errorProps('create-fiscal_year-input', errorOf('create-fiscal_year-input'))} {...register('fiscal_year')} />
          </Field>
          <Field id="create-catalog_id-input" label={t('admin.catalog')} required error={errorOf('create-catalog_id-input')}>
            <select id="create-catalog_id-input" className="input" {...register('catalog_id')}>
              {(data.data?.catalogs ?? []).filter((k) => admin || k.family === user?.ministry).map((k) => (
                <option key={k.id} value={k.id}>{k.title[lang]}</option>
              ))}
            </select>
          </Field>
          {(['opens_at', 'closes_at'] as const).map((name) => (
            <Field key={name} id={`create-${name}-input`} label={fieldLabels[name]} required error={errorOf(`create-${name}-input`)}>
              <input id={`create-${name}-input`} type="date" className="input" {...errorProps(`create-${name}-input`, errorOf(`create-${name}-input`))} {...register(name)} />
            </Field>
          ))}
          <button type="submit" className="btn-primary self-start" disabled={busy}>{t('admin.create')}</button>
        </form>
      </section>
    </>
  );
}
