// The categories of a response with their state and assignee. For the body's approver
// (permissions.review) each row also offers the approver's actions on that category:
// assign it to a member, and return a ready one with a comment (差戻し).
import type { ResponseView, User } from '../../api/types';
import { TableScroll } from '../TableScroll';
import { useLang } from '../../i18n';
import { CommentForm } from '../CommentForm';
import { Link } from '../Link';
import { CategoryStatusTag } from '../StatusTag';
import type { ReviewAction } from './types';

export function ReviewCategories({ view, assignable, busy, act }: {
  view: ResponseView;
  /** Members a category may be assigned to (empty unless the viewer reviews). */
  assignable: User[];
  busy: boolean;
  act: ReviewAction;
}) {
  const { t, lang } = useLang();
  const { review, open } = view.permissions;
  const canReturn = review && (view.state === 'ready_for_review' || open);
  const id = view.id;
  return (
    <>
      <h2 className="mb-2 mt-6 text-std-24B-150">{t('review.categories')}</h2>
      <TableScroll label={t('review.categories')}>
      <table className="table">
        <caption className="sr-only">{t('review.categories')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('home.tasks')}</th>
            <th scope="col">{t('bodies.state')}</th>
            <th scope="col">{t('review.assign')}</th>
          </tr>
        </thead>
        <tbody>
          {view.categories.map((c) => (
            <tr key={c.number}>
              <th scope="row" className="font-normal">
                <Link href={`/responses/${id}/categories/${c.number}`}>{t('category.title', { n: c.number, name: c.name[lang] })}</Link>
                {c.return_comment && (
                  <p className="text-std-16N-170">
                    {t('category.returnComment')}: {c.return_comment}
                  </p>
                )}
              </th>
              <td>
                <CategoryStatusTag status={c.status} />
                {canReturn && c.ready && (
                  <details className="mt-2">
                    <summary className="link">{t('review.returnCategory')}</summary>
                    <CommentForm
                      id={`return-${c.number}`}
                      className="mt-2"
                      label={t('review.returnComment')}
                      required
                      action={t('review.returnCategory')}
                      busy={busy}
                      onSubmit={(comment) => void act('return', { category: c.number, comment }, t('review.returned', { n: c.number }), `return-${c.number}`)}
                    />
                  </details>
                )}
              </td>
              <td>
                {review && open ? (
                  <form
                    className="flex flex-wrap items-center gap-2"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const v = new FormData(e.currentTarget).get('assignee');
                      void act(`categories/${c.number}/assign`, { assignee: v ? Number(v) : null }, t('review.assigned', { n: c.number }));
                    }}
                  >
                    <label htmlFor={`assign-${c.number}`} className="sr-only">
                      {t('review.assign')} {c.number}
                    </label>
                    <select id={`assign-${c.number}`} name="assignee" className="input" defaultValue={c.assignee?.id ?? ''}>
                      <option value="">{t('common.unassigned')}</option>
                      {assignable.map((u) => (
                        <option key={u.id} value={u.id}>
                          {u.display_name}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="btn-secondary" disabled={busy}>
                      {t('review.assignSave')}
                    </button>
                  </form>
                ) : (
                  (c.assignee?.name ?? t('common.unassigned'))
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>
    </>
  );
}
