// The history of one answer: who changed it, when, and from what to what (newest first).
import { api } from '../api/client';
import type { AnswerContent, HistoryEntry } from '../api/types';
import { Link } from '../components/Link';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { useLang } from '../i18n';
import { formatTimestamp, formatValue } from '../lib/format';
import { importNote } from '../lib/historyNote';
import { loadResponse } from '../lib/responseData';
import { useAsync } from '../lib/useAsync';
import { LoadError } from './LoadError';

export function HistoryPage({ id, qid }: { id: number; qid: string }) {
  const { t, lang } = useLang();
  const data = useAsync(async () => {
    const [r, h] = await Promise.all([
      loadResponse(id),
      api.get<{ history: HistoryEntry[] }>(`/api/responses/${id}/answers/${encodeURIComponent(qid)}/history`),
    ]);
    return { ...r, history: h.history };
  }, [id, qid]);
  if (data.error) return <LoadError error={data.error} />;
  if (!data.data) return <p>{t('common.loading')}</p>;
  const q = data.data.questions.get(qid);
  // How an entry was written when not by a save: from a workbook or a legacy answer sheet.
  const via = (note?: string) => {
    const n = importNote(note);
    if (!n) return '';
    return n.kind === 'workbook'
      ? t('history.viaWorkbook', { file: n.file, at: formatTimestamp(n.downloadedAt, lang) })
      : t('history.viaLegacy', { file: n.file });
  };
  const show = (c: AnswerContent | null) =>
    !c ? '—' : c.not_applicable ? t('check.notApplicable', { reason: c.na_reason }) : formatValue(q, c.value, lang);
  return (
    <>
      <p className="mb-2">
        <Link href={`/responses/${id}/categories/${q?.category ?? 1}#q-${qid}`}>{t('common.back')}</Link>
      </p>
      <PageTitle caption={q?.text[lang]}>{t('history.title')}</PageTitle>
      {data.data.history.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <TableScroll label={t('history.title')}>
        <table className="table">
          <caption className="sr-only">{t('history.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.when')}</th>
              <th scope="col">{t('history.who')}</th>
              <th scope="col">{t('history.old')}</th>
              <th scope="col">{t('history.new')}</th>
            </tr>
          </thead>
          <tbody>
            {data.data.history.map((h) => (
              <tr key={h.version}>
                <td>{formatTimestamp(h.at, lang)}</td>
                <td>
                  {h.user}
                  {via(h.note) && <div className="text-std-16N-170">{via(h.note)}</div>}
                </td>
                <td>{show(h.old)}</td>
                <td>
                  {show(h.new)} <span className="text-std-16N-170">（{t(`badge.${h.new.state}`)}）</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      )}
    </>
  );
}
