// "Check your answers" for one category or the whole response: every visible question with
// its answer and badge, and a "change" link back to the question while it can be changed.
import type { Answer, Question } from '../api/types';
import { CarryOverBadge } from '../components/CarryOverBadge';
import { Link } from '../components/Link';
import { PageTitle } from '../components/PageTitle';
import { CategoryStatusTag } from '../components/StatusTag';
import { useLang } from '../i18n';
import { formatValue } from '../lib/format';
import { categoryPermission, loadResponse } from '../lib/responseData';
import { useAsync } from '../lib/useAsync';
import { LoadError } from './LoadError';

function AnswerText({ q, a }: { q: Question; a: Answer }) {
  const { t, lang } = useLang();
  if (a.not_applicable) return <>{t('check.notApplicable', { reason: a.na_reason })}</>;
  return <>{formatValue(q, a.value, lang)}</>;
}

export function CheckAnswersPage({ id, n }: { id: number; n?: number }) {
  const { t, lang } = useLang();
  const data = useAsync(() => loadResponse(id), [id]);
  if (data.error) return <LoadError error={data.error} />;
  if (!data.data) return <p>{t('common.loading')}</p>;
  const { view, catalog } = data.data;
  const answers = new Map(view.answers.map((a) => [a.question_id, a]));
  const categories = view.categories.filter((c) => n === undefined || c.number === n);
  const single = n !== undefined ? categories[0] : undefined;
  const title = single ? t('check.titleCategory', { n: single.number, name: single.name[lang] }) : t('check.titleAll');
  return (
    <>
      <p className="mb-2">
        <Link href={single ? `/responses/${id}/categories/${single.number}` : `/responses/${id}`}>{t('common.back')}</Link>
      </p>
      <PageTitle caption={`${view.body.name_ja} — ${view.campaign.title}`}>{title}</PageTitle>
      <p className="mb-6">{t('check.intro')}</p>
      {categories.map((c) => {
        const { editable } = categoryPermission(view, c.number);
        const qs = (catalog.questions ?? []).filter((q) => q.category === c.number && answers.get(q.id)?.visible);
        return (
          <section key={c.number} className="mb-8" aria-labelledby={`check-cat-${c.number}`}>
            <h2 id={`check-cat-${c.number}`} className="mb-2 flex flex-wrap items-center gap-3 text-std-22B-150">
              {t('category.title', { n: c.number, name: c.name[lang] })} <CategoryStatusTag status={c.status} />
            </h2>
            <dl className="check-list">
              {qs.map((q) => {
                const a = answers.get(q.id)!;
                return (
                  <div key={q.id} className="check-row">
                    <dt>
                      <span className="question-number">{q.number}</span> {q.text[lang]}
                    </dt>
                    <dd>
                      <AnswerText q={q} a={a} />
                      <div className="mt-1">
                        <CarryOverBadge state={a.state} lineageKind={q.lineage?.kind} />
                      </div>
                    </dd>
                    <dd className="check-action">
                      {editable && (
                        <Link href={`/responses/${id}/categories/${c.number}#q-${q.id}`}>
                          {t('common.change')}
                          <span className="sr-only"> {q.number} {q.text[lang]}</span>
                        </Link>
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </section>
        );
      })}
      {n === undefined && (
        <Link href={`/responses/${id}/review`} className="btn-primary">
          {t('home.review')}
        </Link>
      )}
    </>
  );
}
