// One comparison of the response's answers (against last year, or against the previous
// submission), as a table of question, before and after.
import type { Change, Question } from '../../api/types';
import { useLang } from '../../i18n';
import { formatValue } from '../../lib/format';

function valueOfChange(c: Change['before']): Change['before'] {
  return c && typeof c === 'object' && !Array.isArray(c) && 'value' in c ? c.value : c;
}

export function ChangesSection({ headingId, title, changes, questions }: {
  headingId: string;
  title: string;
  changes: Change[];
  questions: Map<string, Question>;
}) {
  const { t, lang } = useLang();
  return (
    <section className="mt-8" aria-labelledby={headingId}>
      <h2 id={headingId} className="mb-2 text-std-24B-150">{title}</h2>
      {changes.length === 0 ? (
        <p>{t('review.noChanges')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={headingId}>
        <table className="table">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('check.answer')}</th>
              <th scope="col">{t('review.before')}</th>
              <th scope="col">{t('review.after')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => {
              const q = questions.get(c.question_id);
              // A question new this year had no answer to change from.
              const isNew = q?.lineage?.kind === 'new' || !q?.lineage;
              const before = valueOfChange(c.before);
              return (
                <tr key={c.question_id}>
                  <th scope="row" className="font-normal">
                    {q ? <><span className="question-number">{q.number}</span> {q.text[lang]}</> : c.question_id}
                  </th>
                  <td className="value-cell">
                    {isNew && (before === null || before === undefined) ? t('review.newQuestion') : formatValue(q, before as never, lang)}
                  </td>
                  <td className="value-cell">{formatValue(q, valueOfChange(c.after) as never, lang)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
