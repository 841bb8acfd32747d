// MIC's figures: rates by category × type of body, a heat grid of the 47 prefectures, the
// change on the year before, and the FY2025 weak spots (seed 003) over the years.
import { useMemo, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { api } from '../api/client';
import type { Campaign, CategoryName, GroupView, ReferenceTrend } from '../api/types';
import { ChartFigure } from '../components/ChartFigure';
import { CampaignPicker } from '../components/CampaignPicker';
import { Notice } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { useLang } from '../i18n';
import { band, fiscalYear, pct, points } from '../lib/rates';
import { useAsync } from '../lib/useAsync';
import { LoadError } from './LoadError';

const TYPES = ['prefecture', 'designated_city', 'special_ward', 'city', 'town', 'village', 'union', 'independent_agency'];

function GroupTable({ caption, rows, categories, heat }: { caption: string; rows: GroupView[]; categories: CategoryName[]; heat?: boolean }) {
  const { t, lang } = useLang();
  const values = rows.flatMap((g) => [g.total, ...(g.categories ?? []).map((c) => c.rate)]).filter((v): v is number => typeof v === 'number');
  const min = Math.min(...values);
  const max = Math.max(...values);
  const cell = (r: number | null | undefined) => (heat ? `num heat-${band(r, min, max)}` : 'num');
  return (
    <TableScroll label={caption}>
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.group')}</th>
            <th scope="col" className="num">{t('results.bodies')}</th>
            <th scope="col" className="num">{t('results.total')}</th>
            {categories.map((c) => (
              <th key={c.number} scope="col" className="num" title={c.name[lang]}>
                {c.number}
                <span className="sr-only"> {c.name[lang]}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.key}>
              <th scope="row" className="font-normal">{g.label[lang]}</th>
              <td className="num">{g.suppressed ? '—' : g.bodies}</td>
              {g.suppressed ? (
                <td className="num" colSpan={1 + categories.length}>{t('results.hidden')}</td>
              ) : (
                <>
                  <td className={`${cell(g.total)} font-bold`}>{pct(g.total)}</td>
                  {g.categories!.map((c) => (
                    <td key={c.number} className={cell(c.rate)}>{pct(c.rate)}</td>
                  ))}
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export default function NationalDashboardPage() {
  const { t, lang } = useLang();
  const campaigns = useAsync(() => api.get<{ campaigns: Campaign[] }>('/api/campaigns'), []);
  const [chosen, setChosen] = useState<number | null>(null);
  // MIC's survey only: the other ministries' surveys have their own figures.
  const list = useMemo(() => (campaigns.data?.campaigns ?? []).filter((c) => (c.family ?? 'mic') === 'mic'), [campaigns.data]);
  const data = useAsync(async () => {
    if (!list.length) return null;
    // Each campaign's groups come with its categories' names: no catalogue is needed.
    type Figures = { groups: GroupView[]; categories: CategoryName[] };
    const withFigures = (c: Campaign) => api.get<Figures>(`/api/analytics/campaigns/${c.id}/groups`);
    // Default: the newest campaign whose national group is shown.
    let campaign = list.find((c) => c.id === chosen) ?? null;
    let figures: Figures = { groups: [], categories: [] };
    if (campaign) figures = await withFigures(campaign);
    else
      for (const c of list) {
        figures = await withFigures(c);
        campaign = c;
        if (figures.groups.some((g) => g.key === 'national' && !g.suppressed)) break;
      }
    const { groups, categories } = figures;
    const before = list
      .filter((c) => c.fiscal_year < campaign!.fiscal_year)
      .sort((a, b) => b.fiscal_year - a.fiscal_year)[0];
    const [previous, trend] = await Promise.all([
      before ? withFigures(before).then((f) => f.groups) : Promise.resolve([] as GroupView[]),
      api.get<ReferenceTrend>('/api/analytics/reference-trend'),
    ]);
    return { campaign: campaign!, groups, categories, previous, before, trend };
  }, [list, chosen]);

  const weakChart = useMemo((): EChartsCoreOption | null => {
    const d = data.data;
    if (!d) return null;
    const years = [...new Set(d.trend.questions.flatMap((q) => q.years.map((y) => y.fiscal_year)))].sort();
    const weakest = [...d.trend.questions].sort((a, b) => a.reference_rate - b.reference_rate).slice(0, 5);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, bottom: 8, top: 48, containLabel: true },
      xAxis: { type: 'category', data: years.map((y) => fiscalYear(y, lang)) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: weakest.map((q) => ({
        name: q.text[lang].length > 24 ? q.text[lang].slice(0, 24) + '…' : q.text[lang],
        type: 'line',
        data: years.map((y) => {
          const r = q.years.find((x) => x.fiscal_year === y)?.rate;
          return r === null || r === undefined ? null : Math.round(r * 1000) / 10;
        }),
      })),
    };
  }, [data.data, lang]);

  if (campaigns.error || data.error) return <LoadError error={(campaigns.error ?? data.error)!} />;
  const d = data.data;
  if (!d || !weakChart)
    return campaigns.loading || data.loading ? <p>{t('common.loading')}</p> : <Notice kind="info" title={t('nationalDash.noFigures')} />;
  const national = d.groups.find((g) => g.key === 'national');
  const prevNational = d.previous.find((g) => g.key === 'national');
  const year = fiscalYear(d.campaign.fiscal_year, lang);
  const byType = TYPES.map((ty) => d.groups.find((g) => g.key === `type:${ty}`)).filter((g): g is GroupView => !!g);
  const byPref = d.groups.filter((g) => g.key.startsWith('pref:')).sort((a, b) => a.key.localeCompare(b.key));
  const weakest = [...d.trend.questions].sort((a, b) => a.reference_rate - b.reference_rate)[0];
  const wy = weakest?.years ?? [];
  const trendYears = [...new Set(d.trend.questions.flatMap((q) => q.years.map((y) => y.fiscal_year)))].sort();

  return (
    <>
      <PageTitle>{t('nationalDash.title')}</PageTitle>
      <CampaignPicker id="dash-campaign" campaigns={list} current={d.campaign.id} onChoose={setChosen} />
      {list.some((c) => c.title.includes('サンプルデータ')) && <Notice kind="warning" title={t('results.sample')} />}
      {!national || national.suppressed ? (
        <Notice kind="info" title={t('nationalDash.noFigures')} />
      ) : (
        <>
          <p className="summary-sentence">
            {prevNational && !prevNational.suppressed
              ? t('nationalDash.summary', { year, rate: pct(national.total), bodies: national.bodies?.toLocaleString(), change: points(prevNational.total, national.total) })
              : t('nationalDash.summaryFirst', { year, rate: pct(national.total), bodies: national.bodies?.toLocaleString() })}
          </p>
          <section className="mb-10" aria-labelledby="sec-type">
            <h2 id="sec-type" className="mb-2 text-std-24B-150">{t('nationalDash.byType')}</h2>
            <GroupTable caption={t('nationalDash.byType')} rows={[national, ...byType]} categories={d.categories} />
          </section>
          <section className="mb-10" aria-labelledby="sec-yoy">
            <h2 id="sec-yoy" className="mb-2 text-std-24B-150">{t('nationalDash.yoy')}</h2>
            <TableScroll label={t('nationalDash.yoy')}>
            <table className="table">
              <caption className="sr-only">{t('nationalDash.yoy')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('results.category')}</th>
                  <th scope="col" className="num">{t('nationalDash.lastYear')}{d.before ? `（${fiscalYear(d.before.fiscal_year, lang)}）` : ''}</th>
                  <th scope="col" className="num">{t('nationalDash.thisYear')}（{year}）</th>
                  <th scope="col" className="num">{t('nationalDash.change')}</th>
                </tr>
              </thead>
              <tbody>
                {d.categories.map((c, i) => {
                  const last = prevNational && !prevNational.suppressed ? prevNational.categories![i].rate : null;
                  const now = national.categories![i].rate;
                  return (
                    <tr key={c.number}>
                      <th scope="row" className="font-normal">{c.number}. {c.name[lang]}</th>
                      <td className="num">{pct(last)}</td>
                      <td className="num">{pct(now)}</td>
                      <td className="num">{points(last, now)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            </TableScroll>
          </section>
          <section className="mb-10" aria-labelledby="sec-pref">
            <h2 id="sec-pref" className="mb-2 text-std-24B-150">{t('nationalDash.byPrefecture')}</h2>
            <p className="mb-2 text-std-16N-170">{t('nationalDash.heatLegend')}</p>
            <GroupTable caption={t('nationalDash.byPrefecture')} rows={byPref} categories={d.categories} heat />
          </section>
        </>
      )}
      <section aria-labelledby="sec-weak">
        <h2 id="sec-weak" className="mb-2 text-std-24B-150">{t('nationalDash.weakSpots')}</h2>
        {weakest && wy.length > 0 && (
          <p className="summary-sentence">
            {t('nationalDash.weakSummary', {
              question: weakest.text[lang],
              from: fiscalYear(wy[0].fiscal_year, lang),
              first: pct(wy[0].rate),
              to: fiscalYear(wy[wy.length - 1].fiscal_year, lang),
              last: pct(wy[wy.length - 1].rate),
            })}
          </p>
        )}
        <ChartFigure
          option={weakChart}
          summary={t('nationalDash.weakSpots')}
          table={
            <table className="table">
            <caption className="sr-only">{t('nationalDash.weakSpots')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('nationalDash.question')}</th>
                <th scope="col" className="num">{t('nationalDash.reference')}</th>
                {trendYears.map((y) => (
                  <th key={y} scope="col" className="num">{fiscalYear(y, lang)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.trend.questions.map((q) => (
                <tr key={q.question_id}>
                  <th scope="row" className="font-normal">{q.text[lang]}</th>
                  <td className="num">{pct(q.reference_rate)}</td>
                  {trendYears.map((y) => (
                    <td key={y} className="num">{pct(q.years.find((x) => x.fiscal_year === y)?.rate)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          }
        />
      </section>
    </>
  );
}
