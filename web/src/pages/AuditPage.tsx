// The audit trail: MIC searches every entry (by actor, body, action and dates) and exports
// what it found as CSV; a body's approver sees the entries about the body (bodyCode). Newest
// first, 100 at a time.
import { useState } from 'react';
import { api, query } from '../api/client';
import type { AuditEntry } from '../api/types';
import { DownloadButton } from '../components/DownloadButton';
import { Notice } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { serverMessage, useLang } from '../i18n';
import { formatTimestamp } from '../lib/format';
import { useAsync } from '../lib/useAsync';

type Criteria = { actor: string; body: string; action: string; from: string; to: string };
const EMPTY: Criteria = { actor: '', body: '', action: '', from: '', to: '' };

export default function AuditPage({ bodyCode }: { bodyCode?: string }) {
  const { t, lang } = useLang();
  const [form, setForm] = useState<Criteria>(EMPTY);
  const [criteria, setCriteria] = useState<Criteria>(EMPTY);
  const [before, setBefore] = useState<number | undefined>();
  const base = bodyCode ? `/api/bodies/${bodyCode}/audit` : '/api/admin/audit';
  const q = query({ ...criteria, body: bodyCode ? undefined : criteria.body, before: before ? String(before) : undefined, limit: '100' });
  const data = useAsync(() => api.get<{ entries: AuditEntry[]; next_before?: number }>(base + q), [base, q]);
  const fields: (keyof Criteria)[] = bodyCode ? ['actor', 'action', 'from', 'to'] : ['actor', 'body', 'action', 'from', 'to'];
  const entries = data.data?.entries;
  return (
    <>
      <PageTitle>{t(bodyCode ? 'audit.bodyTitle' : 'audit.title')}</PageTitle>
      <p className="mb-4 max-w-3xl">{t(bodyCode ? 'audit.bodyIntro' : 'audit.intro')}</p>
      <form
        className="mb-6 flex flex-wrap gap-3 items-end"
        onSubmit={(e) => {
          e.preventDefault();
          setBefore(undefined);
          setCriteria(form);
        }}
      >
        {fields.map((f) => (
          <div key={f}>
            <label htmlFor={`audit-${f}`} className="block text-std-16B-170">
              {t(`audit.${f}`)}
            </label>
            <input
              id={`audit-${f}`}
              className="input"
              type={f === 'from' || f === 'to' ? 'date' : 'text'}
              value={form[f]}
              onChange={(e) => setForm({ ...form, [f]: e.target.value })}
            />
          </div>
        ))}
        <button type="submit" className="btn-secondary">
          {t('audit.search')}
        </button>
      </form>
      {!bodyCode && (
        <div className="mb-4">
          <DownloadButton href={'/api/admin/audit.csv' + query({ ...criteria })} label={t('audit.csv')} />
        </div>
      )}
      {data.error ? (
        <Notice kind="error" title={serverMessage(data.error.body, lang)} />
      ) : !entries ? (
        <p>{t('common.loading')}</p>
      ) : entries.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <TableScroll label={t('audit.title')}>
          <table className="table">
            <caption className="sr-only">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">{t('audit.seq')}</th>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.body')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.outcome')}</th>
                <th scope="col">{t('audit.address')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td className="num">{e.seq}</td>
                  <td>{formatTimestamp(e.at, lang, { seconds: true })}</td>
                  <td>{e.actor || '—'}</td>
                  <td>{e.body_code || '—'}</td>
                  <td>{e.action}</td>
                  <td className="break-all">{e.target || '—'}</td>
                  <td>
                    {t(`audit.outcomes.${e.outcome}`)}
                    {e.detail && ` (${e.detail})`}
                  </td>
                  <td>{e.address || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {data.data?.next_before && (
        <button type="button" className="btn-secondary mt-2" onClick={() => setBefore(data.data?.next_before)}>
          {t('audit.older')}
        </button>
      )}
    </>
  );
}
