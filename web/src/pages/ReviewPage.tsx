// Review and submission of a response, for every role in its own way:
//  - respondent: ask for review once all categories are ready;
//  - approver: assign categories, return one with a comment (差戻し), submit (「回答を提出する」);
//  - MIC: accept, return to the body, unlock after the deadline.
// It also shows the changes against last year and against the previous submission, and the
// record of steps.
import { useState } from 'react';
import { api, ApiError, query } from '../api/client';
import type { Change, ResponseEvent, ResponseView, User } from '../api/types';
import { CommentForm } from '../components/CommentForm';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { Link } from '../components/Link';
import { Notice, StatusArea, useActionResult } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { CategoryStatusTag, ResponseStateTag } from '../components/StatusTag';
import { serverMessage, useLang } from '../i18n';
import { formatTimestamp, formatValue } from '../lib/format';
import { canEdit, isApprover, loadResponse, responseOpen, type ResponseData } from '../lib/responseData';
import { hasRole, useSession } from '../lib/session';
import { useAsync } from '../lib/useAsync';
import { LoadError } from './LoadError';

interface Extra {
  lastYear: Change[];
  lastSubmission: Change[];
  events: ResponseEvent[];
  users: User[];
}

async function loadExtra(d: ResponseData, approver: boolean): Promise<Extra> {
  const id = d.view.id;
  const [ly, ls, ev, us] = await Promise.all([
    api.get<{ changes: Change[] }>(`/api/responses/${id}/diff${query({ against: 'last_year' })}`),
    api.get<{ changes: Change[] }>(`/api/responses/${id}/diff${query({ against: 'last_submission' })}`),
    api.get<{ events: ResponseEvent[] }>(`/api/responses/${id}/events`),
    approver ? api.get<{ users: User[] }>(`/api/bodies/${d.view.body_code}/users`) : Promise.resolve({ users: [] }),
  ]);
  return { lastYear: ly.changes, lastSubmission: ls.changes, events: ev.events, users: us.users };
}

function valueOfChange(c: Change['before']): Change['before'] {
  return c && typeof c === 'object' && !Array.isArray(c) && 'value' in c ? c.value : c;
}

export function ReviewPage({ id }: { id: number }) {
  const { t, lang } = useLang();
  const { user } = useSession();
  const data = useAsync(async () => {
    const d = await loadResponse(id);
    return { ...d, extra: await loadExtra(d, !!user && isApprover(user, d.view)) };
  }, [id, user]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [notice, noticeKey, setNotice] = useActionResult();
  const [busy, setBusy] = useState(false);

  if (data.error) return <LoadError error={data.error} />;
  if (!data.data || !user) return <p>{t('common.loading')}</p>;
  const { view, catalog, extra, questions } = data.data;
  const approver = isApprover(user, view);
  const admin = hasRole(user, 'national_admin');
  const editor = canEdit(user, view) && responseOpen(view);

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
        const cat = /^category_(\d)$/.exec(k);
        const q = questions.get(k);
        const n = cat ? Number(cat[1]) : q?.category;
        const name = n ? view.categories.find((c) => c.number === n)?.name[lang] : undefined;
        return {
          fieldId: k,
          label: q ? q.text[lang] : name ? t('category.title', { n, name }) : k,
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

  const diffTable = (changes: Change[], caption: string) =>
    changes.length === 0 ? (
      <p>{t('review.noChanges')}</p>
    ) : (
      <table className="table">
        <caption className="sr-only">{caption}</caption>
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
            return (
              <tr key={c.question_id}>
                <th scope="row" className="font-normal">{q?.text[lang] ?? c.question_id}</th>
                <td>{formatValue(q, valueOfChange(c.before) as never, lang)}</td>
                <td>{formatValue(q, valueOfChange(c.after) as never, lang)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );

  const assignable = extra.users.filter((u) =>
    u.roles.some((r) => r === 'body_respondent' || r === 'body_approver' || r === 'prefecture_supporter'),
  );
  const canReturnCategory = approver && (view.state === 'ready_for_review' || responseOpen(view));

  return (
    <>
      <p className="mb-2">
        <Link href={`/responses/${id}`}>{t('common.back')}: {t('home.title', { body: view.body.name_ja })}</Link>
      </p>
      <PageTitle caption={`${view.body.name_ja} — ${view.campaign.title}`}>{t('review.title')}</PageTitle>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <StatusArea result={notice} focusKey={errors.length ? 0 : noticeKey} />
      <p className="mb-4 flex items-center gap-3">
        <span className="text-std-16B-170">{t('review.statusTitle')}:</span>
        <ResponseStateTag state={view.state} locked={view.locked} />
      </p>
      {view.locked && <Notice kind="warning" title={t('review.locked')} />}
      {(view.state === 'submitted' || view.state === 'accepted') && <Notice kind="info" title={t('review.readOnly')} />}

      <h2 className="mb-2 mt-6 text-std-24B-150">{t('review.categories')}</h2>
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
                {canReturnCategory && c.ready && (
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
                {approver && responseOpen(view) ? (
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

      {editor && (
        <CommentForm
          id="request-comment"
          className="action-panel"
          hint={t('review.requestReviewHint')}
          label={t('review.commentOptional')}
          action={t('review.requestReview')}
          primary
          busy={busy}
          onSubmit={(comment) => void act('request-review', { comment }, t('review.requested'))}
        />
      )}

      {approver && view.state === 'ready_for_review' && !view.locked && (
        <CommentForm
          id="submit-comment"
          className="action-panel"
          hint={t('review.submitHint')}
          label={t('review.commentOptional')}
          action={t('review.submit')}
          primary
          busy={busy}
          onSubmit={(comment) => void act('submit', { comment }, t('review.submitted'))}
        />
      )}

      {admin && view.state === 'submitted' && (
        <div className="action-panel flex flex-col gap-4">
          <button type="button" className="btn-primary self-start" disabled={busy} onClick={() => void act('accept', {}, t('review.accepted'))}>
            {t('review.accept')}
          </button>
          <CommentForm
            id="national-return-comment"
            label={t('review.returnComment')}
            required
            action={t('review.nationalReturn')}
            busy={busy}
            onSubmit={(comment) => void act('national-return', { comment }, t('review.nationalReturned'), 'national-return-comment')}
          />
        </div>
      )}

      {admin && view.locked && (
        <div className="action-panel">
          <button type="button" className="btn-secondary" disabled={busy} onClick={() => void act('reopen', {}, t('review.reopened'))}>
            {t('review.reopen')}
          </button>
        </div>
      )}

      <section className="mt-8" aria-labelledby="diff-last-year">
        <h2 id="diff-last-year" className="mb-2 text-std-24B-150">{t('review.diffLastYear')}</h2>
        {diffTable(extra.lastYear, t('review.diffLastYear'))}
      </section>
      {extra.events.some((e) => e.action === 'submit') && (
        <section className="mt-8" aria-labelledby="diff-last-submission">
          <h2 id="diff-last-submission" className="mb-2 text-std-24B-150">{t('review.diffLastSubmission')}</h2>
          {diffTable(extra.lastSubmission, t('review.diffLastSubmission'))}
        </section>
      )}
      <section className="mt-8" aria-labelledby="events">
        <h2 id="events" className="mb-2 text-std-24B-150">{t('review.events')}</h2>
        <ol className="list-decimal pl-6">
          {extra.events.map((e, i) => (
            <li key={i}>
              {formatTimestamp(e.at, lang)} {e.user} — {t(`events.${e.action}`, { defaultValue: e.action })}
              {e.category ? ` (${e.category})` : ''}
              {e.comment ? `: ${e.comment}` : ''}
            </li>
          ))}
        </ol>
      </section>
      <p className="mt-8">
        <Link href={`/responses/${id}/check`}>{t('home.checkAll')}</Link> ({catalog.title[lang]})
      </p>
    </>
  );
}
