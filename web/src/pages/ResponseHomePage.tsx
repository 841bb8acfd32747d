// The home of one response: campaign, deadline (和暦 and Gregorian), state, the up-front
// promise that answers save automatically, the approver's banner when a review waits, and the
// task list of the categories. It needs no question texts: the catalogue is only fetched in
// the background, for the category page the user will likely open next.
import { api } from '../api/client';
import type { Campaign, ResponseReuse } from '../api/types';
import { CategoryTaskList } from '../components/CategoryTaskList';
import { Link } from '../components/Link';
import { Notice } from '../components/Notice';
import { NotificationList } from '../components/NotificationList';
import { PageTitle } from '../components/PageTitle';
import { ResponseStateTag } from '../components/StatusTag';
import { useLang } from '../i18n';
import { daysUntil, formatDeadline } from '../lib/format';
import { loadMyResponses } from '../lib/myResponses';
import { loadCatalog, loadView, mayAnswer } from '../lib/responseData';
import { useSession } from '../lib/session';
import { useAsync } from '../lib/useAsync';
import { LoadError } from './LoadError';

export function ResponseHomePage({ id }: { id: number }) {
  const { t, lang } = useLang();
  const { user } = useSession();
  const data = useAsync(async () => {
    const view = await loadView(id);
    void loadCatalog(view.catalog_id, view.catalog_version).catch(() => undefined);
    return view;
  }, [id]);
  // What other ministries' surveys have already answered here (none when nothing maps).
  const reuse = useAsync(() => api.get<ResponseReuse>(`/api/responses/${id}/reuse`), [id]);
  const others = useAsync(async () => {
    if (!user) return [];
    const [mine, campaigns] = await Promise.all([loadMyResponses(user.id), api.get<{ campaigns: Campaign[] }>('/api/campaigns')]);
    return mine.filter((r) => r.id !== id).map((r) => ({ r, c: campaigns.campaigns.find((c) => c.id === r.campaign_id) }));
  }, [id, user]);

  if (data.error) return <LoadError error={data.error} />;
  if (!data.data || !user) return <p>{t('common.loading')}</p>;
  const v = data.data;
  const reviewWaiting = v.permissions.review && v.state === 'ready_for_review' && !v.locked;
  const days = daysUntil(v.campaign.closes_at);
  const editable = mayAnswer(v);
  return (
    <>
      <PageTitle caption={v.campaign.title}>{t('home.title', { body: v.body.name_ja })}</PageTitle>
      {user.body_code === v.body_code && <NotificationList />}
      {reviewWaiting && (
        <Notice kind="warning" title={t('home.reviewRequested')}>
          <Link href={`/responses/${v.id}/review`}>{t('home.reviewLink')}</Link>
        </Notice>
      )}
      {reuse.data?.sample && <Notice kind="warning" title={t('reuse.sampleSurvey')} />}
      {editable && <Notice kind="info" title={t('home.autosave')} />}
      {reuse.data && reuse.data.mapped > 0 && (
        <p className="my-4" id="reuse-summary">
          {t('reuse.summary', { filled: reuse.data.filled, mapped: reuse.data.mapped, waiting: reuse.data.waiting })}
        </p>
      )}
      {!editable && !reviewWaiting && <Notice kind="info" title={v.locked ? t('review.locked') : t('home.readOnly')} />}
      <dl className="summary-list my-6">
        <div>
          <dt>{t('home.deadline')}</dt>
          <dd>
            {formatDeadline(v.campaign.closes_at, lang)}{' '}
            <span className="text-std-16B-170">{days >= 0 ? t('home.daysLeft', { count: days }) : t('home.overdue')}</span>
          </dd>
        </div>
        <div>
          <dt>{t('home.state')}</dt>
          <dd>
            <ResponseStateTag state={v.state} locked={v.locked} />
          </dd>
        </div>
      </dl>
      <h2 className="mb-3 text-std-24B-150">{t('home.tasks')}</h2>
      <CategoryTaskList responseId={v.id} categories={v.categories} />
      <div className="mt-6 flex flex-wrap gap-4">
        <Link href={`/responses/${v.id}/check`} className="btn-secondary">
          {t('home.checkAll')}
        </Link>
        <Link href={`/responses/${v.id}/review`} className="btn-primary">
          {t('home.review')}
        </Link>
        <Link href={`/responses/${v.id}/results`} className="btn-secondary">
          {t('results.link')}
        </Link>
        <Link href={`/responses/${v.id}/excel`} className="btn-secondary">
          {t('workbook.link')}
        </Link>
      </div>
      {others.data && others.data.length > 0 && user.body_code === v.body_code && (
        <section className="mt-10">
          <h2 className="mb-2 text-std-20B-150">{t('home.previousYears')}</h2>
          <ul className="list-disc pl-6">
            {others.data.map(({ r, c }) => (
              <li key={r.id}>
                {/* An open survey is answered from its home; an earlier one is read. */}
                <Link href={r.campaign_state === 'open' && !r.locked ? `/responses/${r.id}` : `/responses/${r.id}/check`}>
                  {r.campaign_title ?? c?.title ?? `#${r.id}`}
                </Link>{' '}
                <ResponseStateTag state={r.state} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
