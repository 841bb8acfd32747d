// A response seen through NIST CSF 2.0 (docs/MEASURES.md "NIST CSF 2.0"): per function and
// category, the body's implementation rate of the survey questions mapped there, the nation's
// when it may be shown, how many of the node's subcategories the survey reaches, and — for each
// category — the answers the figure rests on with their relation. An indicative projection,
// not a certification; the page says so first.
import { api } from '../api/client';
import type { CsfNode, CsfRatio, CsfView } from '../api/types';
import { Link } from '../components/Link';
import { Notice } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { TableScroll } from '../components/TableScroll';
import { useLang } from '../i18n';
import { pct } from '../lib/rates';
import { useAsync } from '../lib/useAsync';
import { LoadError } from './LoadError';

function ratioText(r: CsfRatio | null, none: string): string {
  if (!r) return none;
  return r.rate === null ? '—' : `${pct(r.rate)}（${r.implemented} / ${r.applicable}）`;
}

export default function CsfPage({ id }: { id: number }) {
  const { t, lang } = useLang();
  const data = useAsync(() => api.get<CsfView>(`/api/responses/${id}/csf`), [id]);
  if (data.error) return <LoadError error={data.error} />;
  if (!data.data) return <p>{t('common.loading')}</p>;
  const v = data.data;
  const withheld = v.national_withheld ? v.national_withheld.note[lang] : '';
  const row = (n: CsfNode, level: 'function' | 'category') => (
    <tr key={n.id} className={level === 'function' ? 'font-bold' : undefined}>
      <th scope="row" className={level === 'category' ? 'pl-6' : undefined}>
        {n.id} {n.title}
      </th>
      <td className="num">{ratioText(n.own, '—')}</td>
      <td className="num">{ratioText(n.national, withheld || '—')}</td>
      <td className="num">
        {n.subcategories_mapped} / {n.subcategories}
      </td>
    </tr>
  );
  return (
    <>
      <p className="mb-2">
        <Link href={`/responses/${id}/results`}>{t('common.back')}: {t('csf.back')}</Link>
      </p>
      <PageTitle>{t('csf.title')}</PageTitle>
      <Notice kind="warning" title={v.note[lang]} />
      <p className="my-4 max-w-3xl">{t('csf.intro')}</p>
      <TableScroll label={t('csf.table')}>
        <table className="table">
          <caption className="sr-only">{t('csf.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('csf.node')}</th>
              <th scope="col" className="num">{t('csf.own')}</th>
              <th scope="col" className="num">{t('csf.national')}</th>
              <th scope="col" className="num">{t('csf.reach')}</th>
            </tr>
          </thead>
          <tbody>{v.functions.flatMap((f) => [row(f, 'function'), ...(f.categories ?? []).map((c) => row(c, 'category'))])}</tbody>
        </table>
      </TableScroll>
      <h2 className="mb-2 mt-8 text-std-20B-150">{t('csf.basis')}</h2>
      <p className="mb-4 max-w-3xl">{t('csf.basisIntro')}</p>
      {v.functions.map((f) => (
        <section key={f.id} aria-labelledby={`csf-${f.id}`} className="mb-6">
          <h3 id={`csf-${f.id}`} className="text-std-18B-160">
            {f.id} {f.title}
          </h3>
          {(f.categories ?? []).map((c) =>
            c.questions.length === 0 ? null : (
              <details key={c.id} className="mt-2">
                <summary className="link">
                  {t('csf.categoryBasis', { id: c.id, title: c.title, count: c.questions.length })}
                </summary>
                <ul className="mt-2 list-disc pl-6">
                  {c.questions.map((q) => (
                    <li key={q.id}>
                      <Link href={`/responses/${id}/categories/${q.number.split('-')[0]}#q-${q.id}`}>
                        {q.number} {q.text[lang]}
                      </Link>{' '}
                      — {q.subcategories.map((s) => `${s.id}（${t(`csf.relations.${s.relation}`)}）`).join('、')}
                      {q.outcome && <> — {t(`csf.outcomes.${q.outcome}`)}</>}
                    </li>
                  ))}
                </ul>
              </details>
            ),
          )}
        </section>
      ))}
      <p className="mt-6 text-std-16N-170">{t('csf.source')}</p>
    </>
  );
}
