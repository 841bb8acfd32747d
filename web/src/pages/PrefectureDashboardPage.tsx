// A prefecture supporter's figures: the bodies of its prefecture side by side (state,
// overall and category rates, measures to take first), sortable by any column.
import { useMemo, useState } from 'react';
import { api, query } from '../api/client';
import type { Body, BodyScoreRow, Campaign, CategoryName } from '../api/types';
import { CampaignPicker } from '../components/CampaignPicker';
import { Link } from '../components/Link';
import { Notice } from '../components/Notice';
import { FeedbackBatch } from '../components/FeedbackBatch';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { ResponseStateTag } from '../components/StatusTag';
import { useLang } from '../i18n';
import { fiscalYear, pct } from '../lib/rates';
import { useSession } from '../lib/session';
import { useAsync } from '../lib/useAsync';
import { LoadError } from './LoadError';

type SortKey = 'name' | 'total' | 'gaps' | `c${number}`;

function sortValue(r: BodyScoreRow, key: SortKey): number | string {
  if (key === 'name') return r.body_name;
  if (key === 'gaps') return r.gaps ?? -1;
  if (key === 'total') return r.total ?? -1;
  return r.categories?.[Number(key.slice(1)) - 1]?.rate ?? -1;
}

export default function PrefectureDashboardPage() {
  const { t, lang } = useLang();
  const { user } = useSession();
  const campaigns = useAsync(() => api.get<{ campaigns: Campaign[] }>('/api/campaigns'), []);
  // MIC's survey only: the other ministries' surveys have their own figures.
  const list = useMemo(() => (campaigns.data?.campaigns ?? []).filter((c) => (c.family ?? 'mic') === 'mic'), [campaigns.data]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'name', desc: false });
  const data = useAsync(async () => {
    if (!list.length) return null;
    // The answer carries the categories' names, so no catalogue is fetched for the header.
    const figuresOf = (c: Campaign) =>
      api.get<{ bodies: BodyScoreRow[]; categories: CategoryName[] }>(`/api/analytics/campaigns/${c.id}/bodies`);
    const pref = user?.body_code?.slice(0, 2) ?? '';
    const prefs = api.get<{ bodies: Body[] }>(`/api/bodies${query({ type: 'prefecture', prefecture: pref })}`);
    let campaign = list.find((c) => c.id === chosen) ?? null;
    let figures: { bodies: BodyScoreRow[]; categories: CategoryName[] } = { bodies: [], categories: [] };
    if (campaign) figures = await figuresOf(campaign);
    else
      for (const c of list) {
        figures = await figuresOf(c);
        campaign = c;
        if (figures.bodies.some((r) => r.counted)) break;
      }
    const prefName = (await prefs).bodies[0]?.name_ja ?? pref;
    return { campaign: campaign!, rows: figures.bodies, categories: figures.categories, pref, prefName };
  }, [list, chosen, user]);

  const sorted = useMemo(() => {
    const rows = [...(data.data?.rows ?? [])];
    rows.sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      const c = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y, 'ja') : x < y ? -1 : x > y ? 1 : 0;
      return sort.desc ? -c : c;
    });
    return rows;
  }, [data.data, sort]);

  if (campaigns.error || data.error) return <LoadError error={(campaigns.error ?? data.error)!} />;
  const d = data.data;
  if (!d)
    return campaigns.loading || data.loading ? <p>{t('common.loading')}</p> : <Notice kind="info" title={t('nationalDash.noFigures')} />;
  const year = fiscalYear(d.campaign.fiscal_year, lang);
  const totals = d.rows.map((r) => r.total).filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
  const median = totals.length ? totals[Math.floor(totals.length / 2)] : null;
  const header = (key: SortKey, label: string, num = true) => {
    const active = sort.key === key;
    return (
      <th scope="col" className={num ? 'num' : undefined} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
        <button
          type="button"
          className="sort-button"
          onClick={() => setSort({ key, desc: active ? !sort.desc : key !== 'name' })}
          aria-label={t('prefDash.sortBy', { column: label })}
        >
          {label}
          {active ? (sort.desc ? ' ▼' : ' ▲') : ''}
        </button>
      </th>
    );
  };

  return (
    <>
      <PageTitle>{t('prefDash.title', { pref: d.prefName })}</PageTitle>
      <CampaignPicker id="pref-campaign" campaigns={list} current={d.campaign.id} onChoose={setChosen} />
      {list.some((c) => c.title.includes('サンプルデータ')) && <Notice kind="warning" title={t('results.sample')} />}
      {totals.length > 0 && (
        <p className="summary-sentence">
          {t('prefDash.summary', { year, count: totals.length, min: pct(totals[0]), max: pct(totals[totals.length - 1]), median: pct(median) })}
        </p>
      )}
      <p className="mb-2 text-std-16N-170">{t('results.formula')}</p>
      <TableScroll label={t('prefDash.title', { pref: d.prefName })}>
        <table className="table">
          <caption className="sr-only">{t('prefDash.title', { pref: d.prefName })}</caption>
          <thead>
            <tr>
              {header('name', t('bodies.name'), false)}
              <th scope="col">{t('bodies.state')}</th>
              {header('total', t('results.total'))}
              {d.categories.map((c) => (
                <th key={c.number} scope="col" className="num" aria-sort={sort.key === `c${c.number}` ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                  <button
                    type="button"
                    className="sort-button"
                    title={c.name[lang]}
                    aria-label={t('prefDash.sortBy', { column: `${c.number}. ${c.name[lang]}` })}
                    onClick={() => setSort({ key: `c${c.number}`, desc: sort.key === `c${c.number}` ? !sort.desc : true })}
                  >
                    {c.number}
                    {sort.key === `c${c.number}` ? (sort.desc ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
              {header('gaps', t('prefDash.gaps'))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.response_id}>
                <th scope="row" className="font-normal">
                  <Link href={`/responses/${r.response_id}/results`}>{r.body_name}</Link>
                </th>
                <td>
                  <ResponseStateTag state={r.state} />
                </td>
                {r.counted ? (
                  <>
                    <td className="num font-bold">{pct(r.total)}</td>
                    {r.categories!.map((c) => (
                      <td key={c.number} className="num">{pct(c.rate)}</td>
                    ))}
                    <td className="num">{r.gaps ?? '—'}</td>
                  </>
                ) : (
                  <td className="num" colSpan={2 + d.categories.length}>{t('prefDash.notCounted')}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <FeedbackBatch key={d.campaign.id} campaign={d.campaign} prefecture={d.pref} />
    </>
  );
}
