// The board of the policy obligation (docs/POLICIES.md): over the bodies the user may read
// (MIC every body, a prefecture's supporter its own), the share of counted organs with an
// adopted 方針 and with a published one, by group of body and by kind of organ, the trend
// by month since 令和8年4月, the bodies with organs still missing, and overdue reviews.
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { BoardShare, PolicyBoard } from '../api/types';
import { DownloadButton } from '../components/DownloadButton';
import { Link } from '../components/Link';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { Field, errorProps } from '../components/Field';
import { StatusArea, useActionResult } from '../components/Notice';
import { serverMessage, useLang } from '../i18n';
import { formatTimestamp } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import { LoadError } from './LoadError';

function percent(n: number, d: number): string {
  return d === 0 ? '—' : `${((n * 100) / d).toFixed(1)}%`;
}

function ShareCells({ s }: { s: BoardShare }) {
  return (
    <>
      <td className="num">{s.required}</td>
      <td className="num">
        {s.adopted}（{percent(s.adopted, s.required)}）
      </td>
      <td className="num">
        {s.published}（{percent(s.published, s.required)}）
      </td>
    </>
  );
}

function ShareHeads({ first }: { first: string }) {
  const { t } = useLang();
  return (
    <>
      <th scope="col">{first}</th>
      <th scope="col" className="num">{t('board.required')}</th>
      <th scope="col" className="num">{t('board.adopted')}</th>
      <th scope="col" className="num">{t('board.published')}</th>
    </>
  );
}

/** One table of shares: a row per group, kind or month, and an optional last column. */
function ShareTable({ id, title, first, rows, extra }: {
  id: string;
  title: string;
  first: string;
  rows: { key: string; label: string; share: BoardShare }[];
  extra?: { head: string; cell(key: string): string };
}) {
  return (
    <>
      <h2 className="text-std-20B-150 mb-2" id={id}>
        {title}
      </h2>
      <TableScroll label={title}>
        <table className="table mb-8" aria-labelledby={id}>
          <thead>
            <tr>
              <ShareHeads first={first} />
              {extra && (
                <th scope="col" className="num">
                  {extra.head}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <ShareCells s={r.share} />
                {extra && <td className="num">{extra.cell(r.key)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

/** MIC's reminder, in-app and by e-mail, to the bodies listed as missing. */
function Reminder({ codes }: { codes: string[] }) {
  const { t, lang } = useLang();
  const [message, setMessage] = useState(t('board.defaultReminder'));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, focusKey, setResult] = useActionResult();
  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!message.trim()) {
      setError(t('review.commentRequired'));
      document.getElementById('board-reminder-message')?.focus();
      return;
    }
    setError('');
    setBusy(true);
    try {
      const r = await api.post<{ sent: number; mail: null | { bodies: number } }>('/api/policy-board/reminders', {
        body_codes: codes,
        message,
      });
      const mailing = r.mail ? ` ${t('progress.mailing', { count: r.mail.bodies })}` : '';
      setResult({ kind: 'success', text: t('progress.sent', { count: r.sent }) + mailing });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setResult({ kind: 'error', text: serverMessage(err.body, lang) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="mb-8 max-w-3xl" onSubmit={(e) => void send(e)} aria-labelledby="board-reminder" noValidate>
      <h3 className="text-std-17B-170 mb-2" id="board-reminder">{t('board.reminder')}</h3>
      <StatusArea result={result} focusKey={focusKey} />
      <Field id="board-reminder-message" label={t('progress.message')} required error={error}>
        <textarea
          id="board-reminder-message"
          rows={3}
          className="input w-full"
          value={message}
          maxLength={2000}
          onChange={(e) => setMessage(e.target.value)}
          {...errorProps('board-reminder-message', error)}
        />
      </Field>
      <button type="submit" className="btn-primary mt-2" disabled={busy} aria-busy={busy}>
        {t('board.remind', { count: codes.length })}
      </button>
    </form>
  );
}

/** `mayRemind`: the reader is MIC, who may send the bodies missing a notice. */
export default function PolicyBoardPage({ mayRemind = false }: { mayRemind?: boolean }) {
  const { t, lang } = useLang();
  const data = useAsync(() => api.get<PolicyBoard>('/api/policy-board'), []);
  if (data.error) return <LoadError error={data.error} />;
  if (!data.data) return <p>{t('common.loading')}</p>;
  const b = data.data;
  return (
    <>
      <PageTitle>{t('board.title')}</PageTitle>
      <p className="mb-4 max-w-3xl">{t('board.intro')}</p>
      <section className="mb-6" aria-labelledby="board-export">
        <h2 className="text-std-17B-170 mb-2" id="board-export">{t('board.export')}</h2>
        <p className="mb-2 max-w-3xl">{t('board.exportIntro')}</p>
        <div className="flex flex-wrap gap-2">
          <DownloadButton href="/api/policy-board/export?format=xlsx" label={t('board.exportXlsx')} />
          <DownloadButton href="/api/policy-board/export?format=csv" label={t('board.exportCsv')} />
          <DownloadButton href="/api/policy-board/export?format=csv&encoding=cp932" label={t('board.exportCp932')} />
        </div>
      </section>
      <ShareTable
        id="board-groups"
        title={t('board.byGroup')}
        first={t('board.group')}
        rows={b.groups.map((g) => ({ key: g.group, label: t(`board.groups.${g.group}`), share: g }))}
        extra={{
          head: t('board.bodiesComplete'),
          cell: (key) => {
            const g = b.groups.find((x) => x.group === key)!;
            return `${g.bodies_complete} / ${g.bodies}（${percent(g.bodies_complete, g.bodies)}）`;
          },
        }}
      />
      <ShareTable
        id="board-kinds"
        title={t('board.byKind')}
        first={t('board.kind')}
        rows={b.kinds.map((k) => ({ key: k.kind, label: k.label, share: k }))}
      />
      <ShareTable
        id="board-trend"
        title={t('board.trend')}
        first={t('board.month')}
        rows={b.trend.map((m) => ({ key: m.month, label: m.label, share: m }))}
      />
      <h2 className="text-std-20B-150 mb-2" id="board-overdue">{t('board.overdue')}</h2>
      {b.overdue.length === 0 ? (
        <p className="mb-8">{t('board.noOverdue')}</p>
      ) : (
        <ul className="mb-8 list-disc pl-6" aria-labelledby="board-overdue">
          {b.overdue.map((o) => (
            <li key={`${o.code}-${o.title}`}>
              <Link href={`/bodies/${o.code}/policies`}>{o.code}</Link> {o.title}（{t('board.due', { date: o.due ?? '—' })}）
            </li>
          ))}
        </ul>
      )}
      <h2 className="text-std-20B-150 mb-2" id="board-failing">
        {t('board.failing', { count: b.failing_checks.length })}
      </h2>
      {b.failing_checks.length === 0 ? (
        <p className="mb-8">{t('board.noFailing')}</p>
      ) : (
        <div className="mb-8">
          <TableScroll label={t('board.failing', { count: b.failing_checks.length })}>
            <table className="table" aria-labelledby="board-failing">
              <thead>
                <tr>
                  <th scope="col">{t('board.body')}</th>
                  <th scope="col">{t('policies.field.title')}</th>
                  <th scope="col">{t('board.result')}</th>
                  <th scope="col">{t('board.checkedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {b.failing_checks.map((c) => (
                  <tr key={c.policy_id}>
                    <th scope="row">
                      <Link href={`/bodies/${c.body_code}/policies`}>{c.body_code}</Link>
                    </th>
                    <td className="break-all">
                      {c.title}
                      <span className="block text-dns-14N-130">{c.url}</span>
                    </td>
                    <td>
                      {t(`board.outcome.${c.outcome}`)}
                      {c.status_code > 0 && `（HTTP ${c.status_code}）`}
                    </td>
                    <td>{formatTimestamp(c.checked_at, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
      )}
      <h2 className="text-std-20B-150 mb-2" id="board-missing">
        {t('board.missing', { count: b.missing_total })}
      </h2>
      {b.missing_total > b.missing.length && <p className="mb-2">{t('board.missingFirst', { count: b.missing.length })}</p>}
      {mayRemind && b.missing.length > 0 && <Reminder codes={b.missing.map((m) => m.code)} />}
      <TableScroll label={t('board.missing', { count: b.missing_total })}>
        <table className="table" aria-labelledby="board-missing">
          <thead>
            <tr>
              <th scope="col">{t('board.body')}</th>
              <th scope="col">{t('board.organsMissing')}</th>
            </tr>
          </thead>
          <tbody>
            {b.missing.map((m) => (
              <tr key={m.code}>
                <th scope="row">
                  <Link href={`/bodies/${m.code}/policies`}>
                    {m.name}（{m.code}）
                  </Link>
                  {!m.registered && <span className="block text-dns-14N-130">{t('board.notRegistered')}</span>}
                </th>
                <td>{m.organs.join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
