// The workflow steps of a response, each shown only to the role the server says may take it
// now (ResponsePermissions):
//  - RespondentActions: ask for review (anyone who may answer, while the response is open);
//  - ApproverActions: submit a response that is ready for review (the body's approver);
//  - NationalActions: accept or return a submitted response, reopen a locked one (MIC).
import type { ResponseView } from '../../api/types';
import { useLang } from '../../i18n';
import { CommentForm } from '../CommentForm';
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

export function ApproverActions({ view, busy, act }: ActionProps) {
  const { t } = useLang();
  if (!(view.permissions.review && view.state === 'ready_for_review' && !view.locked)) return null;
  return (
    <CommentStep id="submit-comment" hint={t('review.submitHint')} action={t('review.submit')}
      path="submit" done={t('review.submitted')} busy={busy} act={act} />
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
