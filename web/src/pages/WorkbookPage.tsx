// Excel, both ways (docs/WORKBOOK.md): download the response as a workbook to fill offline,
// upload it back (or a legacy answer sheet), see every change, error and conflict first, choose
// per conflict, then apply all at once. Nothing is saved before "apply", and nothing at all
// when anything is invalid or the server's answers moved since the preview.
import { useRef, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { WorkbookChange, WorkbookPreview, WorkbookSide } from '../api/types';
import { DownloadButton } from '../components/DownloadButton';
import { Link } from '../components/Link';
import { Notice } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { serverMessage, useLang } from '../i18n';
import { formatTimestamp } from '../lib/format';
import { loadView, mayAnswer } from '../lib/responseData';
import { useAsync } from '../lib/useAsync';
import { LoadError } from './LoadError';

type Kind = 'workbook' | 'legacy';

export function WorkbookPage({ id }: { id: number }) {
  const { t, lang } = useLang();
  const view = useAsync(() => loadView(id), [id]);
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<Kind>('workbook');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<WorkbookPreview | null>(null);
  const [choices, setChoices] = useState<Record<string, 'mine' | 'theirs'>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ written: number; kept: number; changes: WorkbookChange[] } | null>(null);
  const [busy, setBusy] = useState(false);

  if (view.error) return <LoadError error={view.error} />;
  if (!view.data) return <p>{t('common.loading')}</p>;
  const v = view.data;
  const editable = mayAnswer(v);
  const base = `/api/responses/${id}/${kind}`;
  const nameParam = (f: File) => `name=${encodeURIComponent(f.name)}`;

  const check = async () => {
    if (!file) {
      setError(t('workbook.chooseFile'));
      return;
    }
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const p = await api.upload<WorkbookPreview>(`${base}/preview?${nameParam(file)}`, file);
      setPreview(p);
      setChoices({});
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setPreview(null);
      setError(serverMessage(e.body, lang));
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!file || !preview) return;
    const conflicts = preview.changes.filter((c) => c.conflict);
    if (conflicts.some((c) => !choices[c.question_id])) {
      setError(t('workbook.chooseEach'));
      return;
    }
    const pick = (which: 'mine' | 'theirs') =>
      conflicts.filter((c) => choices[c.question_id] === which).map((c) => c.question_id).join(',');
    const q = new URLSearchParams({ name: file.name, fingerprint: preview.fingerprint });
    if (pick('mine')) q.set('mine', pick('mine'));
    if (pick('theirs')) q.set('theirs', pick('theirs'));
    setBusy(true);
    setError(null);
    try {
      const r = await api.upload<{ written: number; kept_server: number }>(`${base}/apply?${q.toString()}`, file);
      setDone({ written: r.written, kept: r.kept_server, changes: preview.changes });
      setPreview(null);
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(serverMessage(e.body, lang));
      // The server's answers moved, or a cell went invalid: show the preview as it is now.
      const fresh = (e.body as unknown as { preview?: WorkbookPreview }).preview;
      if (fresh) {
        setPreview(fresh);
        setChoices({});
      }
    } finally {
      setBusy(false);
    }
  };

  const shown = (s: WorkbookSide) => {
    if (s.not_applicable) return t('check.notApplicable', { reason: s.na_reason });
    if (s.shown === null || s.shown === '') return t('workbook.empty');
    return String(s.shown);
  };
  const extra = (s: WorkbookSide) => [s.comment && `${t('workbook.comment')}: ${s.comment}`, s.evidence_url].filter(Boolean).join(' / ');

  return (
    <>
      <p className="mb-2">
        <Link href={`/responses/${id}`}>{t('common.back')}</Link>
      </p>
      <PageTitle caption={`${v.body.name_ja} — ${v.campaign.title}`}>{t('workbook.title')}</PageTitle>
      <p className="mb-4">{t('workbook.intro')}</p>

      <h2 className="mb-2 text-std-24B-150">{t('workbook.downloadHeading')}</h2>
      <p className="mb-3">{editable ? t('workbook.downloadHelp') : t('workbook.downloadReadOnly')}</p>
      <div className="flex flex-wrap gap-4">
        <DownloadButton href={`/api/responses/${id}/workbook.xlsx`} label={t('workbook.download')} />
        <DownloadButton href={`/api/responses/${id}/workbook.csv`} label={t('workbook.downloadCsv')} />
        <DownloadButton href={`/api/responses/${id}/workbook.csv?encoding=cp932`} label={t('workbook.downloadCsvSjis')} />
      </div>

      {editable && (
        <section className="mt-8" aria-labelledby="upload-heading">
          <h2 id="upload-heading" className="mb-2 text-std-24B-150">
            {t('workbook.uploadHeading')}
          </h2>
          <fieldset className="mb-4">
            <legend className="text-std-16B-170">{t('workbook.kind')}</legend>
            {(['workbook', 'legacy'] as const).map((k) => (
              <label key={k} className="mr-6 inline-flex items-center gap-2">
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    setPreview(null);
                  }}
                />
                {t(`workbook.kind_${k}`)}
              </label>
            ))}
          </fieldset>
          {kind === 'legacy' && <p className="mb-3">{t('workbook.legacyHelp')}</p>}
          <label htmlFor="workbook-file" className="block text-std-16B-170">
            {t('workbook.file')}
          </label>
          <input
            id="workbook-file"
            ref={fileRef}
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            className="my-2 block"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
            }}
          />
          <button type="button" className="btn-secondary" disabled={busy} onClick={() => void check()}>
            {t('workbook.check')}
          </button>
        </section>
      )}

      {error && (
        <div className="mt-4">
          <Notice kind="error" title={error} />
        </div>
      )}

      {done && (
        <section className="mt-6" aria-live="polite">
          <Notice kind="success" title={t('workbook.applied', { count: done.written })}>
            {done.kept > 0 && <p>{t('workbook.keptServer', { count: done.kept })}</p>}
          </Notice>
          <ul className="mt-2 list-disc pl-6" id="workbook-applied">
            {done.changes.map((c) => (
              <li key={c.question_id}>
                <Link href={`/responses/${id}/answers/${encodeURIComponent(c.question_id)}/history`}>
                  {t('workbook.historyOf', { number: c.number })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {preview && (
        <section className="mt-8" aria-labelledby="preview-heading" id="workbook-preview">
          <h2 id="preview-heading" className="mb-2 text-std-24B-150">
            {t('workbook.previewHeading')}
          </h2>
          <p className="mb-2">
            {preview.legacy
              ? t('workbook.previewLegacy', { file: preview.file_name })
              : t('workbook.previewOf', {
                  file: preview.file_name,
                  at: formatTimestamp(preview.downloaded_at, lang),
                  who: preview.downloaded_by,
                })}
          </p>
          <p className="mb-4">
            {t('workbook.counts', {
              changes: preview.changes.length,
              conflicts: preview.changes.filter((c) => c.conflict).length,
              unchanged: preview.unchanged,
            })}
          </p>
          {preview.errors.length > 0 && (
            <div className="error-summary mb-4" id="workbook-errors">
              <h3 className="text-std-20B-150">{t('workbook.errorsHeading', { count: preview.errors.length })}</h3>
              <ul className="mt-2 list-disc pl-6">
                {preview.errors.map((e, i) => (
                  <li key={i}>{serverMessage(e, lang)}</li>
                ))}
              </ul>
            </div>
          )}
          {(preview.notes.length > 0 || preview.unmatched.length > 0) && (
            <Notice kind="info" title={t('workbook.notesHeading')}>
              <ul className="list-disc pl-6" id="workbook-notes">
                {preview.notes.map((n, i) => (
                  <li key={'n' + i}>{serverMessage(n, lang)}</li>
                ))}
                {preview.unmatched.map((u, i) => (
                  <li key={'u' + i}>{serverMessage(u, lang)}</li>
                ))}
              </ul>
            </Notice>
          )}
          {preview.changes.length > 0 && (
            <TableScroll label={t('workbook.previewHeading')}>
              <table className="table" id="workbook-changes">
                <caption className="sr-only">{t('workbook.previewHeading')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('workbook.number')}</th>
                    <th scope="col">{t('workbook.question')}</th>
                    <th scope="col">{t('workbook.server')}</th>
                    <th scope="col">{t('workbook.mine')}</th>
                    <th scope="col">{t('workbook.decision')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.changes.map((c) => (
                    <tr key={c.question_id}>
                      <td>{c.number}</td>
                      <td>{lang === 'en' && c.text_en ? c.text_en : c.text}</td>
                      <td>
                        {shown(c.server)}
                        {extra(c.server) && <div className="text-std-16N-170">{extra(c.server)}</div>}
                        {c.conflict && (
                          <div className="text-std-16N-170">
                            {t('workbook.changedBy', {
                              who: c.server_updated_by || '—',
                              at: formatTimestamp(c.server_updated_at, lang),
                            })}
                          </div>
                        )}
                      </td>
                      <td>
                        {shown(c.mine)}
                        {extra(c.mine) && <div className="text-std-16N-170">{extra(c.mine)}</div>}
                        {c.normalised && <div className="text-std-16N-170">{t('workbook.normalised')}</div>}
                      </td>
                      <td>
                        {c.conflict ? (
                          <fieldset>
                            <legend className="text-std-16B-170">{t('workbook.conflict', { number: c.number })}</legend>
                            {(['mine', 'theirs'] as const).map((w) => (
                              <label key={w} className="block">
                                <input
                                  type="radio"
                                  name={`choice-${c.question_id}`}
                                  value={w}
                                  checked={choices[c.question_id] === w}
                                  onChange={() => setChoices({ ...choices, [c.question_id]: w })}
                                />{' '}
                                {t(`workbook.keep_${w}`)}
                              </label>
                            ))}
                          </fieldset>
                        ) : (
                          t('workbook.willChange')
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <div className="mt-4 flex flex-wrap gap-4">
            <button
              type="button"
              className="btn-primary"
              disabled={busy || preview.errors.length > 0 || preview.changes.length === 0}
              onClick={() => void apply()}
            >
              {t('workbook.apply', { count: preview.changes.length })}
            </button>
            <button type="button" className="btn-secondary" onClick={() => setPreview(null)}>
              {t('workbook.cancel')}
            </button>
          </div>
          {preview.errors.length > 0 && <p className="mt-2">{t('workbook.fixFirst')}</p>}
        </section>
      )}
    </>
  );
}
export default WorkbookPage;
