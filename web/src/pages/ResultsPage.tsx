// A body's results (issue 4, feedback): its category scores beside its peers and the
// national figures, its trend over the years, and the measures to take first with the reason
// each matters. Every chart has a one-sentence summary and a table with the same numbers.
import { useMemo } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { api } from '../api/client';
import type { Benchmark, TrendYear } from '../api/types';
import { ChartFigure } from '../components/ChartFigure';
import { DownloadButton } from '../components/DownloadButton';
import { Link } from '../components/Link';
import { Notice } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { useLang } from '../i18n';
import { fiscalYear, pct, points } from '../lib/rates';
import { getPrefetched } from '../lib/prefetch';
import { useAsync } from '../lib/useAsync';
import { LoadError } from './LoadError';

interface Data {
  trend: TrendYear[];
  asked: TrendYear;
  shown: TrendYear;
  benchmark: Benchmark;
  bodyName: string;
  sample: boolean;
}

// The trend and the year's standing, asked for together (and already on their way when the
// page was opened directly, lib/prefetch.ts); only when the year asked about is withheld is
// the standing of the latest year with figures fetched as well. Category names come with the
// standing: no catalogue is needed here.
async function load(id: number): Promise<Data> {
  const [trend, asked] = await Promise.all([
    getPrefetched<{ body_name: string; years: TrendYear[] }>(`/api/responses/${id}/trend`),
    getPrefetched<Benchmark>(`/api/responses/${id}/benchmark`),
  ]);
  const askedYear = trend.years.find((y) => y.response_id === id)!;
  const withFigures = [...trend.years].reverse().find((y) => !y.national.suppressed);
  const shown = !askedYear.national.suppressed || !withFigures ? askedYear : withFigures;
  const benchmark = shown.response_id === id ? asked : await api.get<Benchmark>(`/api/responses/${shown.response_id}/benchmark`);
  const sample = benchmark.campaign.title.includes('サンプルデータ') || asked.campaign.title.includes('サンプルデータ');
  return { trend: trend.years, asked: askedYear, shown, benchmark, bodyName: trend.body_name, sample };
}

export default function ResultsPage({ id }: { id: number }) {
  const { t, lang } = useLang();
  // Why a group's figures are not shown, as the server says it (small group, or survey still open).
  const hidden = (g: { note?: { ja: string; en: string } } | null | undefined) => g?.note?.[lang] ?? t('results.hidden');
  const data = useAsync(() => load(id), [id]);
  const d = data.data;

  const charts = useMemo(() => {
    if (!d) return null;
    const names = d.benchmark.categories.map((c) => `${c.number}. ${c.name[lang]}`);
    const peer = d.benchmark.groups.find((g) => g.key === d.benchmark.peer_group);
    const national = d.benchmark.groups.find((g) => g.key === 'national');
    const asPct = (r: number | null | undefined) => (r === null || r === undefined ? null : Math.round(r * 1000) / 10);
    const series = [
      { name: t('results.own'), type: 'bar', data: d.benchmark.own.categories.map((c) => asPct(c.rate)) },
      ...[peer, national]
        .filter((g) => g && !g.suppressed)
        .map((g) => ({ name: g!.label[lang], type: 'bar', data: g!.categories!.map((c) => asPct(c.rate)) })),
    ];
    const bars: EChartsCoreOption = {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: names, inverse: true },
      series,
    };
    const years = d.trend.map((y) => fiscalYear(y.fiscal_year, lang));
    const lines: EChartsCoreOption = {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: t('results.own'), type: 'line', symbol: 'circle', data: d.trend.map((y) => asPct(y.own.total)) },
        { name: t('results.national'), type: 'line', symbol: 'triangle', lineStyle: { type: 'dashed' }, data: d.trend.map((y) => (y.national.suppressed ? null : asPct(y.national.total))) },
      ],
    };
    return { bars, lines, peer, national };
  }, [d, lang, t]);

  if (data.error) return <LoadError error={data.error} />;
  if (!d || !charts) return <p>{t('common.loading')}</p>;
  const { benchmark: b, shown, trend } = d;
  const { peer, national } = charts;
  const year = fiscalYear(shown.fiscal_year, lang);
  const own = b.own.total.rate;
  // higher / lower / same (within half a point) / none (a side has no figure)
  const versus = (other: number | null | undefined) =>
    own === null || other === null || other === undefined
      ? 'none'
      : Math.abs(own - other) < 0.005
        ? 'same'
        : own > other
          ? 'higher'
          : 'lower';
  const counted = trend.filter((y) => y.own.total !== null);
  const first = counted[0];
  const last = counted[counted.length - 1];
  const catName = (n: number) => b.categories.find((c) => c.number === n)?.name[lang] ?? String(n);
  // Why the year asked about shows another year's figures: too few bodies, or not yet closed.
  const withheldReason = d.asked.national.withheld ? t(`results.withheldReason.${d.asked.national.withheld}`) : '';

  return (
    <>
      <p className="mb-2">
        <Link href={`/responses/${id}`}>{t('common.back')}: {t('home.title', { body: d.bodyName })}</Link>
      </p>
      <PageTitle caption={year}>{t('results.title', { body: d.bodyName })}</PageTitle>
      {d.sample && <Notice kind="warning" title={t('results.sample')} />}
      {shown.response_id !== id && (
        <Notice kind="info" title={t('results.notYet', { asked: fiscalYear(d.asked.fiscal_year, lang), reason: withheldReason, year })} />
      )}
      <p className="mb-4 text-std-16N-170">{t('results.formula')}</p>
      <p className="mb-8">
        <span className="flex flex-wrap gap-3">
          <DownloadButton href={`/api/responses/${shown.response_id}/feedback.pdf`} label={t('results.pdf', { year })} />
          <DownloadButton href={`/api/responses/${shown.response_id}/feedback.xlsx`} label={t('results.xlsx')} />
        </span>
        <Link href={`/responses/${id}/csf`} className="mt-3 inline-block">
          {t('csf.link')}
        </Link>
      </p>

      <section aria-labelledby="sec-categories" className="mb-10">
        <h2 id="sec-categories" className="text-std-24B-150">{t('results.categories')}</h2>
        <p className="summary-sentence">
          {t('results.categoriesSummary', {
            year,
            body: d.bodyName,
            own: pct(own),
            peer: peer?.label[lang] ?? '',
            peerRate: peer && !peer.suppressed ? pct(peer.total) : hidden(peer),
            national: national && !national.suppressed ? pct(national.total) : hidden(national),
            vsPeer: t(`results.vsPeer.${versus(peer && !peer.suppressed ? peer.total : null)}`),
            vsNational: t(`results.vsNational.${versus(national && !national.suppressed ? national.total : null)}`),
          })}
        </p>
        <ChartFigure
          option={charts.bars}
          summary={t('results.categories')}
          height={420}
          table={
            <table className="table">
              <caption className="sr-only">{t('results.categories')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('results.category')}</th>
                  <th scope="col" className="num">{t('results.own')}</th>
                  {peer && <th scope="col" className="num">{peer.label[lang]}</th>}
                  {national && <th scope="col" className="num">{t('results.national')}</th>}
                </tr>
              </thead>
              <tbody>
                {b.own.categories.map((c, i) => (
                  <tr key={c.number}>
                    <th scope="row" className="font-normal">{c.number}. {catName(c.number)}</th>
                    <td className="num">
                      {pct(c.rate)} <span className="text-solid-gray-700">({c.implemented}/{c.applicable})</span>
                    </td>
                    {peer && <td className="num">{peer.suppressed ? hidden(peer) : pct(peer.categories![i].rate)}</td>}
                    {national && <td className="num">{national.suppressed ? hidden(national) : pct(national.categories![i].rate)}</td>}
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('results.total')}</th>
                  <td className="num font-bold">{pct(b.own.total.rate)}</td>
                  {peer && <td className="num font-bold">{peer.suppressed ? hidden(peer) : pct(peer.total)}</td>}
                  {national && <td className="num font-bold">{national.suppressed ? hidden(national) : pct(national.total)}</td>}
                </tr>
              </tbody>
            </table>
          }
        />
      </section>

      <section aria-labelledby="sec-trend" className="mb-10">
        <h2 id="sec-trend" className="text-std-24B-150">{t('results.trend')}</h2>
        <p className="summary-sentence">
          {first && last && first !== last
            ? t('results.trendSummary', {
                from: fiscalYear(first.fiscal_year, lang),
                first: pct(first.own.total),
                to: fiscalYear(last.fiscal_year, lang),
                last: pct(last.own.total),
                change: points(first.own.total, last.own.total),
              })
            : t('results.trendOne')}
        </p>
        <ChartFigure
          option={charts.lines}
          summary={t('results.trend')}
          table={
            <table className="table">
              <caption className="sr-only">{t('results.trend')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('results.year')}</th>
                  <th scope="col" className="num">{t('results.own')}</th>
                  <th scope="col" className="num">{t('results.national')}</th>
                  <th scope="col">{t('bodies.state')}</th>
                </tr>
              </thead>
              <tbody>
                {trend.map((y) => (
                  <tr key={y.campaign_id}>
                    <th scope="row" className="font-normal">{fiscalYear(y.fiscal_year, lang)}</th>
                    <td className="num">{pct(y.own.total)}</td>
                    <td className="num">{y.national.suppressed ? hidden(y.national) : pct(y.national.total)}</td>
                    <td>{t(`states.${y.state}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      </section>

      <section aria-labelledby="sec-gaps" className="mb-10">
        <h2 id="sec-gaps" className="text-std-24B-150">{t('results.gaps')}</h2>
        <p className="mb-3">{t('results.gapsIntro')}</p>
        {b.gaps.length === 0 ? (
          <p>{t('results.gapsNone')}</p>
        ) : (
          <ol className="flex flex-col gap-3">
            {b.gaps.map((g) => (
              <li key={g.question_id} className="question">
                <p className="text-std-16B-170">{g.text[lang]}</p>
                <p className="mt-1">
                  {catName(g.category)} / {t('results.peerRate')}: {pct(g.peer_rate)} / {t('results.nationalRate')}: {pct(g.national_rate)}
                </p>
                <p className="mt-1">
                  <span className="text-std-16B-170">{t('results.why')}:</span> {g.reason[lang]}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="sec-groups">
        <h2 id="sec-groups" className="text-std-24B-150">{t('results.groups')}</h2>
        <TableScroll label={t('results.groups')} className="mt-2">
        <table className="table">
          <caption className="sr-only">{t('results.groups')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.group')}</th>
              <th scope="col" className="num">{t('results.bodies')}</th>
              <th scope="col" className="num">{t('results.total')}</th>
            </tr>
          </thead>
          <tbody>
            {b.groups.map((g) => (
              <tr key={g.key}>
                <th scope="row" className="font-normal">{g.label[lang]}</th>
                <td className="num">{g.suppressed ? '—' : g.bodies}</td>
                <td className="num">{g.suppressed ? hidden(g) : pct(g.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      </section>
    </>
  );
}
