// Review and submission of a response. The page loads the data and runs the workflow
// actions (one error summary and status area for all); each role's part is its own section,
// shown as the server's permissions say (components/review/):
//  - ReviewCategories: state and assignee per category; the approver assigns and returns;
//  - RespondentActions / ApproverActions / NationalActions: request review, submit,
//    accept / return to the body / reopen;
//  - ChangesSection (against last year, against the previous submission) and EventLog.
import { useState } from 'react';
import { api, ApiError, query } from '../api/client';
import type { Change, ResponseEvent, ResponseView, User } from '../api/types';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { Link } from '../components/Link';
import { Notice, StatusArea, useActionResult } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { ChangesSection } from '../components/review/ChangesSection';
import { EventLog } from '../components/review/EventLog';
import { ReviewCategories } from '../components/review/ReviewCategories';
import { ApproverActions, NationalActions, RespondentActions } from '../components/review/WorkflowActions';
import { ResponseStateTag } from '../components/StatusTag';
import { serverMessage, useLang } from '../i18n';
import { loadResponse, type ResponseData } from '../lib/responseData';
import { useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { useAsync } from '../lib/useAsync';
import { LoadError } from './LoadError';

interface Extra {
  lastYear: Change[];
  lastSubmission: Change[];
  events: ResponseEvent[];
  users: User[];
}

async function loadExtra(d: ResponseData): Promise<Extra> {
  const id = d.view.id;
  const [ly, ls, ev, us] = await Promise.all([
    api.get<{ changes: Change[] }>(`/api/responses/${id}/diff${query({ against: 'last_year' })}`),
    api.get<{ changes: Change[] }>(`/api/responses/${id}/diff${query({ against: 'last_submission' })}`),
    api.get<{ events: ResponseEvent[] }>(`/api/responses/${id}/events`),
    d.view.permissions.review ? api.get<{ users: User[] }>(`/api/bodies/${d.view.body_code}/users`) : Promise.resolve({ users: [] }),
  ]);
  return { lastYear: ly.changes, lastSubmission: ls.changes, events: ev.events, users: us.users };
}

export function ReviewPage({ id }: { id: number }) {
  const { t, lang } = useLang();
  // What the page shows depends on who is signed in: reload when that changes.
  const { user } = useSession();
  const data = useAsync(async () => {
    const d = await loadResponse(id);
    return { ...d, extra: await loadExtra(d) };
  }, [id, user]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [notice, noticeKey, setNotice] = useActionResult();
  const [busy, setBusy] = useState(false);
  // Back from the check-before-submitting page after a submission.
  const justSubmitted = useLocation().search.has('submitted');

  if (data.error) return <LoadError error={data.error} />;
  if (!data.data || !user) return <p>{t('common.loading')}</p>;
  const { view, catalog, extra, questions } = data.data;

  // `formId`: the comment box of the form that was sent, for a `comment` field error.
  const act = async (path: string, body: object, done: string, formId?: string) => {
    setBusy(true);
    setNotice(null);
    try {
      await api.post<ResponseView>(`/api/responses/${id}/${path}`, body);
      setErrors([]);
      await data.reload();
      setNotice({ kind: 'success', text: done });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const list: FieldError[] = Object.entries(e.body.fields).map(([k, m]) => {
        if (k === 'comment' && formId) return { fieldId: formId, label: t('review.returnComment'), message: serverMessage(m, lang) };
        const cat = /^category_(\d+)$/.exec(k);
        const q = questions.get(k);
        const n = cat ? Number(cat[1]) : q?.category;
        const name = n ? view.categories.find((c) => c.number === n)?.name[lang] : undefined;
        return {
          fieldId: k,
          label: q ? `${q.number} ${q.text[lang]}` : name ? t('category.title', { n, name }) : k,
          message: serverMessage(m, lang),
          href: n ? `/responses/${id}/categories/${n}${q ? '#q-' + q.id : ''}` : undefined,
        };
      });
      setErrors(list);
      setNotice({ kind: 'error', text: serverMessage(e.body, lang) });
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  };

  const assignable = extra.users.filter((u) =>
    u.roles.some((r) => r === 'body_respondent' || r === 'body_approver' || r === 'prefecture_supporter'),
  );

  return (
    <>
      <p className="mb-2">
        <Link href={`/responses/${id}`}>{t('common.back')}: {t('home.title', { body: view.body.name_ja })}</Link>
      </p>
      <PageTitle caption={`${view.body.name_ja} — ${view.campaign.title}`}>{t('review.title')}</PageTitle>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <StatusArea result={notice} focusKey={errors.length ? 0 : noticeKey} />
      {justSubmitted && !notice && view.state === 'submitted' && <Notice kind="success" title={t('review.submitted')} />}
      <p className="mb-4 flex items-center gap-3">
        <span className="text-std-16B-170">{t('review.statusTitle')}:</span>
        <ResponseStateTag state={view.state} locked={view.locked} />
      </p>
      {view.locked && <Notice kind="warning" title={t('review.locked')} />}
      {(view.state === 'submitted' || view.state === 'accepted') && <Notice kind="info" title={t('review.readOnly')} />}

      <ReviewCategories view={view} assignable={assignable} busy={busy} act={act} />
      <RespondentActions view={view} busy={busy} act={act} />
      <ApproverActions view={view} busy={busy} act={act} />
      <NationalActions view={view} busy={busy} act={act} />

      <ChangesSection headingId="diff-last-year" title={t('review.diffLastYear')} changes={extra.lastYear} questions={questions} />
      {extra.events.some((e) => e.action === 'submit') && (
        <ChangesSection headingId="diff-last-submission" title={t('review.diffLastSubmission')} changes={extra.lastSubmission} questions={questions} />
      )}
      <EventLog events={extra.events} />
      <p className="mt-8">
        <Link href={`/responses/${id}/check`}>{t('home.checkAll')}</Link> ({catalog.title[lang]})
      </p>
    </>
  );
}
