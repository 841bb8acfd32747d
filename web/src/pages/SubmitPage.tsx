// Check before submitting (the approver): the answers that changed since last year, then the
// one button that submits (「回答を提出する」). Reached from the review page, so submitting
// is never a single click next to nothing; after it the review page shows the result.
import { useState } from 'react';
import { api, ApiError, query } from '../api/client';
import type { Change, ResponseView } from '../api/types';
import { CommentForm } from '../components/CommentForm';
import { Link } from '../components/Link';
import { Notice, StatusArea, useActionResult } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { ChangesSection } from '../components/review/ChangesSection';
import { ResponseStateTag } from '../components/StatusTag';
import { serverMessage, useLang } from '../i18n';
import { loadResponse } from '../lib/responseData';
import { navigate } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { LoadError } from './LoadError';

export function SubmitPage({ id }: { id: number }) {
  const { t, lang } = useLang();
  const data = useAsync(async () => {
    const [d, diff] = await Promise.all([
      loadResponse(id),
      api.get<{ changes: Change[] }>(`/api/responses/${id}/diff${query({ against: 'last_year' })}`),
    ]);
    return { ...d, changes: diff.changes };
  }, [id]);
  const [notice, noticeKey, setNotice] = useActionResult();
  const [busy, setBusy] = useState(false);

  if (data.error) return <LoadError error={data.error} />;
  if (!data.data) return <p>{t('common.loading')}</p>;
  const { view, questions, changes } = data.data;
  const maySubmit = view.permissions.review && view.state === 'ready_for_review' && !view.locked;

  const submit = async (comment: string) => {
    setBusy(true);
    setNotice(null);
    try {
      await api.post<ResponseView>(`/api/responses/${id}/submit`, { comment });
      navigate(`/responses/${id}/review?submitted=1`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setNotice({ kind: 'error', text: serverMessage(e.body, lang) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="mb-2">
        <Link href={`/responses/${id}/review`}>{t('common.back')}: {t('submitPage.back')}</Link>
      </p>
      <PageTitle caption={`${view.body.name_ja} — ${view.campaign.title}`}>{t('submitPage.title')}</PageTitle>
      <StatusArea result={notice} focusKey={noticeKey} />
      <p className="mb-4 flex items-center gap-3">
        <span className="text-std-16B-170">{t('review.statusTitle')}:</span>
        <ResponseStateTag state={view.state} locked={view.locked} />
      </p>
      {!maySubmit && <Notice kind="warning" title={t('submitPage.notReady')} />}
      <p className="mb-4">{t('submitPage.intro')}</p>
      <ChangesSection headingId="submit-changes" title={t('review.diffLastYear')} changes={changes} questions={questions} />
      <p className="my-6">
        <Link href={`/responses/${id}/check`}>{t('submitPage.checkAll')}</Link>
      </p>
      {maySubmit && (
        <CommentForm
          id="submit-comment"
          className="action-panel"
          hint={t('review.submitHint')}
          label={t('review.commentOptional')}
          action={t('review.submit')}
          primary
          busy={busy}
          onSubmit={(comment) => void submit(comment)}
        />
      )}
    </>
  );
}
