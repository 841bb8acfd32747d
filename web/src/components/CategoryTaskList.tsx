// The task list of the 8 categories (GOV.UK "task list"): each row links to the category
// page and shows its status, progress, carried-over answers still to confirm and assignee.
import type { CategoryView } from '../api/types';
import { useLang } from '../i18n';
import { Link } from './Link';
import { CategoryStatusTag } from './StatusTag';

export function CategoryTaskList({ responseId, categories }: { responseId: number; categories: CategoryView[] }) {
  const { t, lang } = useLang();
  return (
    <ol className="task-list">
      {categories.map((c) => (
        <li key={c.number} className="task-list-item">
          <div className="min-w-0 flex-1">
            <Link href={`/responses/${responseId}/categories/${c.number}`} className="link text-std-18B-160">
              {t('category.title', { n: c.number, name: c.name[lang] })}
            </Link>
            <ul className="mt-1 text-std-16N-170 text-solid-gray-700">
              <li>{t('home.answered', { answered: c.answered, questions: c.questions })}</li>
              {c.carried_over_unconfirmed > 0 && <li>{t('home.carriedOver', { count: c.carried_over_unconfirmed })}</li>}
              {c.needs_confirmation > 0 && <li>{t('home.needsConfirmation', { count: c.needs_confirmation })}</li>}
              <li>{t('home.assignee', { name: c.assignee?.name ?? t('common.unassigned') })}</li>
              {c.return_comment && (
                <li className="text-error-2">
                  {t('home.returned')}: {c.return_comment}
                </li>
              )}
            </ul>
          </div>
          <CategoryStatusTag status={c.status} />
        </li>
      ))}
    </ol>
  );
}
