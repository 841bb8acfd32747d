// One campaign of a partner ministry's survey: its exports in the survey's own layout
// (CSV UTF-8 with BOM, CSV CP932, xlsx) and the answers of every body to one chosen item.
// The item may be named by the survey's own code or by a mapped item of MIC's survey; the
// server refuses anything else (item_not_in_survey), shown here as the server words it.
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { Campaign, Catalog, ItemAnswers } from '../../api/types';
import { DownloadButton } from '../../components/DownloadButton';
import { Link } from '../../components/Link';
import { Notice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { serverMessage, useLang } from '../../i18n';
import { formatTimestamp, formatValue } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';

export default function PartnerCampaignPage({ id }: { id: number }) {
  const { t, lang } = useLang();
  const data = useAsync(async () => {
    const campaign = await api.get<Campaign>(`/api/campaigns/${id}`);
    const catalog = await api.get<Catalog>(`/api/catalogs/${campaign.catalog_id}`);
    return { campaign, catalog };
  }, [id]);
  const [item, setItem] = useState('');
  const [answers, setAnswers] = useState<ItemAnswers | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (data.error) return <Notice kind="error" title={serverMessage(data.error.body, lang)} />;
  if (!data.data) return <p>{t('common.loading')}</p>;
  const { campaign, catalog } = data.data;
  const questions = catalog.questions ?? [];

  const show = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setAnswers(await api.get<ItemAnswers>(`/api/campaigns/${id}/items/${encodeURIComponent(item.trim())}/answers`));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setAnswers(null);
      setError(serverMessage(err.body, lang));
    } finally {
      setBusy(false);
    }
  };
  const question = answers ? questions.find((q) => q.id === answers.question.id) : undefined;
  const base = `/api/campaigns/${id}/export?table=survey`;
  return (
    <>
      <p className="mb-2">
        <Link href="/partner">{t('partner.title')}</Link>
      </p>
      <PageTitle>{campaign.title}</PageTitle>
      {catalog.title[lang] && <p className="mb-4">{catalog.title[lang]}</p>}
      <h2 className="mb-2 text-std-20B-150">{t('partner.exports')}</h2>
      <p className="mb-2 max-w-3xl">{t('partner.exportsIntro')}</p>
      <div className="mb-6 flex flex-wrap gap-3">
        <DownloadButton href={`${base}&format=xlsx`} label={t('partner.exportXlsx')} />
        <DownloadButton href={base} label={t('partner.exportCsv')} />
        <DownloadButton href={`${base}&encoding=cp932`} label={t('partner.exportCp932')} />
      </div>
      <h2 className="mb-2 text-std-20B-150">{t('partner.byItem')}</h2>
      <form className="mb-4 flex flex-wrap items-end gap-3" onSubmit={(e) => void show(e)}>
        <div className="flex flex-col">
          <label htmlFor="partner-item" className="text-std-16B-170">
            {t('partner.item')}
          </label>
          <span id="partner-item-hint" className="text-std-16N-170">
            {t('partner.itemHint')}
          </span>
          <input
            id="partner-item"
            className="input w-80"
            list="partner-items"
            aria-describedby="partner-item-hint"
            value={item}
            onChange={(e) => setItem(e.target.value)}
            required
          />
          <datalist id="partner-items">
            {questions.map((q) => (
              <option key={q.id} value={q.id}>
                {q.number} {q.text[lang]}
              </option>
            ))}
          </datalist>
        </div>
        <button type="submit" className="btn-primary" disabled={busy || !item.trim()}>
          {t('partner.show')}
        </button>
      </form>
      {error && <Notice kind="error" title={error} />}
      {answers && (
        <section aria-labelledby="partner-answers-title">
          <h3 id="partner-answers-title" className="mb-2 text-std-18B-160">
            {answers.question.number} {answers.question.text[lang]}
          </h3>
          {answers.via && (
            <p className="mb-2">
              {t('partner.via', { item: answers.via.question_id, relation: t(`partner.relations.${answers.via.relation}`) })}
            </p>
          )}
          <TableScroll label={t('partner.answersOf', { item: answers.question.id })}>
            <table className="table">
              <caption className="sr-only">{t('partner.answersOf', { item: answers.question.id })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('partner.bodyCode')}</th>
                  <th scope="col">{t('partner.body')}</th>
                  <th scope="col">{t('partner.responseState')}</th>
                  <th scope="col">{t('partner.answer')}</th>
                  <th scope="col">{t('partner.updatedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {answers.answers.map((a) => (
                  <tr key={a.response_id}>
                    <td>{a.body_code}</td>
                    <td>{a.body_name}</td>
                    <td>{t(`states.${a.response_state}`)}</td>
                    <td>{a.not_applicable ? t('partner.notApplicable') : a.value === null ? '—' : formatValue(question, a.value, lang)}</td>
                    <td>{a.updated_at ? formatTimestamp(a.updated_at, lang) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}
    </>
  );
}
