// The workflow steps of a response, each shown only to the role the server says may take it
// now (ResponsePermissions):
//  - RespondentActions: ask for review (anyone who may answer, while the response is open);
//  - ApproverActions: go on to check and submit a response that is ready for review (the
//    body's approver; the submission itself is on pages/SubmitPage.tsx);
//  - NationalActions: accept or return a submitted response, reopen a locked one (MIC).
import type { ResponseView } from '../../api/types';
import { useLang } from '../../i18n';
import { CommentForm } from '../CommentForm';
import { Link } from '../Link';
import type { ReviewAction } from './types';

interface ActionProps {
  view: ResponseView;
  busy: boolean;
  act: ReviewAction;
}

/** A step taken with an optional comment, as the response's main action on the page. */
function CommentStep({ id, hint, action, path, done, busy, act }: {
  id: string;
  hint: string;
  action: string;
  path: string;
  done: string;
  busy: boolean;
  act: ReviewAction;
}) {
  const { t } = useLang();
  return (
    <CommentForm
      id={id}
      className="action-panel"
      hint={hint}
      label={t('review.commentOptional')}
      action={action}
      primary
      busy={busy}
      onSubmit={(comment) => void act(path, { comment }, done)}
    />
  );
}

export function RespondentActions({ view, busy, act }: ActionProps) {
  const { t } = useLang();
  if (!(view.permissions.edit && view.permissions.open)) return null;
  return (
    <CommentStep id="request-comment" hint={t('review.requestReviewHint')} action={t('review.requestReview')}
      path="request-review" done={t('review.requested')} busy={busy} act={act} />
  );
}

/** The approver goes on to the check-before-submitting page (pages/SubmitPage.tsx), which
 *  holds the one 「回答を提出する」 button. */
export function ApproverActions({ view }: ActionProps) {
  const { t } = useLang();
  if (!(view.permissions.review && view.state === 'ready_for_review' && !view.locked)) return null;
  return (
    <div className="action-panel">
      <p className="mb-2">{t('review.toSubmitHint')}</p>
      <Link href={`/responses/${view.id}/submit`} className="btn-primary">
        {t('review.toSubmit')}
      </Link>
    </div>
  );
}

export function NationalActions({ view, busy, act }: ActionProps) {
  const { t } = useLang();
  if (!view.permissions.accept) return null;
  return (
    <>
      {view.state === 'submitted' && (
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
      {view.locked && (
        <div className="action-panel">
          <button type="button" className="btn-secondary" disabled={busy} onClick={() => void act('reopen', {}, t('review.reopened'))}>
            {t('review.reopen')}
          </button>
        </div>
      )}
    </>
  );
}
