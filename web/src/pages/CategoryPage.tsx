// One category of a response: its questions (conditions applied live as answers are saved),
// its status and count (also live: lib/taskStatus.ts), "confirm all unchanged", the error
// summary (carried-over answers still to confirm are one line with its action), and marking
// the category complete.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Answer, ItemReuse, ResponseReuse, ResponseView } from '../api/types';
import { ErrorSummary, focusField, type FieldError } from '../components/ErrorSummary';
import { Link } from '../components/Link';
import { Notice, StatusArea, useActionResult } from '../components/Notice';
import { PageTitle } from '../components/PageTitle';
import { RolesOnRecord } from '../components/RolesOnRecord';
import { QuestionField } from '../components/QuestionField';
import { CategoryStatusTag } from '../components/StatusTag';
import { serverMessage, useLang } from '../i18n';
import { isVisible } from '../lib/conditions';
import { categoryPermission, loadResponse, mayAnswer } from '../lib/responseData';
import { progressOf, taskStatus } from '../lib/taskStatus';
import { useAsync } from '../lib/useAsync';
import { LoadError } from './LoadError';

export function CategoryPage({ id, n }: { id: number; n: number }) {
  const { t, lang } = useLang();
  const data = useAsync(() => loadResponse(id), [id]);
  // What the questions hold from the body's answers in other ministries' surveys.
  const [reuseVersion, setReuseVersion] = useState(0);
  const reuse = useAsync(() => api.get<ResponseReuse>(`/api/responses/${id}/reuse`), [id, reuseVersion]);
  const [decided, setDecided] = useState<Record<string, ItemReuse['state']>>({});
  const onReuseDecided = useCallback((qid: string, _a: Answer | null, state: ItemReuse['state']) => {
    setDecided((prev) => ({ ...prev, [qid]: state }));
  }, []);
  const onReuseStale = useCallback(() => {
    setDecided({});
    setReuseVersion((v) => v + 1);
  }, []);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [ownErrors, setOwnErrors] = useState<Record<string, { message: string; controlId?: string }>>({});
  const [actionErrors, setActionErrors] = useState<Record<string, string>>({});
  // Carried-over answers the server found unconfirmed when marking complete: one error line.
  const [unconfirmed, setUnconfirmed] = useState<string[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [notice, noticeKey, setNotice] = useActionResult();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (data.data) setAnswers(Object.fromEntries(data.data.view.answers.map((a) => [a.question_id, a])));
  }, [data.data]);

  // A "change" link (…/categories/3#q-<id>) lands on its question, once per visit.
  const landed = useRef(false);
  useEffect(() => {
    const hash = window.location.hash.slice(1);
    if (!data.data || !hash || landed.current) return;
    landed.current = true;
    requestAnimationFrame(() => focusField(hash));
  }, [data.data]);

  const onSaved = useCallback((a: Answer) => {
    setAnswers((prev) => ({ ...prev, [a.question_id]: { ...prev[a.question_id], ...a } }));
    setUnconfirmed((prev) => (prev.includes(a.question_id) && a.state !== 'carried_over' ? prev.filter((q) => q !== a.question_id) : prev));
    setActionErrors((prev) => {
      if (!(a.question_id in prev)) return prev;
      const next = { ...prev };
      delete next[a.question_id];
      return next;
    });
  }, []);

  const onError = useCallback((qid: string, message: string | null, controlId?: string) => {
    setOwnErrors((prev) => {
      if (message === null) {
        if (!(qid in prev)) return prev;
        const next = { ...prev };
        delete next[qid];
        return next;
      }
      return { ...prev, [qid]: { message, controlId } };
    });
  }, []);

  const questions = useMemo(
    () => (data.data?.catalog.questions ?? []).filter((q) => q.category === n),
    [data.data, n],
  );

  if (data.error) return <LoadError error={data.error} />;
  if (!data.data || Object.keys(answers).length === 0) return <p>{t('common.loading')}</p>;
  const { view, questions: byId } = data.data;
  const category = view.categories.find((c) => c.number === n);
  if (!category) return <LoadError error={new ApiError(404, { code: 'not_found', message_ja: '指定されたものは見つかりません。', message_en: 'Not found.', fields: {} })} />;
  const { editable, assigned_to_other: assignedOther } = categoryPermission(view, n);
  const visible = questions.filter((q) => isVisible(q, view.body, byId, (qid) => answers[qid]?.value));
  const reuseOf = (qid: string): ItemReuse | undefined => {
    const item = reuse.data?.items[qid];
    return item && decided[qid] ? { ...item, state: decided[qid] } : item;
  };
  const shown = new Set(visible);
  const hidden = questions.length - visible.length;
  const carried = visible.filter((q) => answers[q.id]?.state === 'carried_over' && !answers[q.id]?.needs_confirmation).length;
  // The status and count as the answers stand now (the server computes the same).
  const progress = progressOf(
    questions.map((q) => {
      const a = answers[q.id];
      return {
        visible: shown.has(q),
        has_value: !!a && (a.not_applicable || (a.value !== null && a.value !== undefined)),
        state: a?.state ?? 'new',
        needs_confirmation: !!a?.needs_confirmation,
        version: a?.version ?? 0,
      };
    }),
  );
  const status = taskStatus(category.ready, category.return_comment, progress);
  const stillUnconfirmed = unconfirmed.filter((qid) => answers[qid]?.state === 'carried_over');

  const errors: FieldError[] = [
    ...(stillUnconfirmed.length > 0
      // The message says what it is about; a label would repeat it.
      ? [{ fieldId: 'confirm-all', label: '', message: t('category.carriedOverError', { count: stillUnconfirmed.length }) }]
      : []),
    ...visible
      .filter((q) => ownErrors[q.id] || actionErrors[q.id])
      .map((q) => ({
        fieldId: ownErrors[q.id]?.controlId ?? `q-${q.id}`,
        label: `${q.number} ${q.text[lang]}`,
        message: ownErrors[q.id]?.message ?? actionErrors[q.id],
      })),
  ];

  const applyView = (v: ResponseView) => data.setData({ ...data.data!, view: v });

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setNotice(null);
    try {
      await action();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const fields = Object.entries(e.body.fields).filter(([k]) => byId.has(k));
      // "Confirm the carried-over answer" for many questions says one thing: one line.
      const carriedOver = fields.filter(([, m]) => m.message === 'field.confirm_carried_over').map(([k]) => k);
      const perQuestion = Object.fromEntries(
        fields.filter(([, m]) => m.message !== 'field.confirm_carried_over').map(([k, m]) => [k, serverMessage(m, lang)]),
      );
      setActionErrors(perQuestion);
      setUnconfirmed(carriedOver);
      if (fields.length === 0) setNotice({ kind: 'error', text: serverMessage(e.body, lang) });
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  };

  const confirmAll = () =>
    run(async () => {
      const r = await api.post<{ confirmed: number }>(`/api/responses/${id}/categories/${n}/confirm`);
      await data.reload();
      setUnconfirmed([]);
      setNotice({ kind: 'success', text: t('category.confirmed', { count: r.confirmed }) });
    });

  const setReady = (ready: boolean) =>
    run(async () => {
      const v = await api.post<ResponseView>(`/api/responses/${id}/categories/${n}/ready`, { ready });
      setActionErrors({});
      setUnconfirmed([]);
      applyView(v);
      if (ready) setNotice({ kind: 'success', text: t('category.markedReady') });
    });

  const mayToggleReady = mayAnswer(view) && !assignedOther;
  const next = view.categories.find((c) => c.number === n + 1);
  return (
    <>
      <p className="mb-2">
        <Link href={`/responses/${id}`}>{t('common.back')}: {t('home.title', { body: view.body.name_ja })}</Link>
      </p>
      <PageTitle caption={view.campaign.title}>{t('category.title', { n, name: category.name[lang] })}</PageTitle>
      <p className="mb-4 flex flex-wrap items-center gap-3" aria-live="polite" data-testid="category-progress">
        <CategoryStatusTag status={status} />
        <span>{t('home.answered', { answered: progress.answered, questions: progress.questions })}</span>
        {progress.carried_over_unconfirmed > 0 && (
          <span>{t('home.carriedOver', { count: progress.carried_over_unconfirmed })}</span>
        )}
      </p>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <StatusArea result={notice} focusKey={noticeKey} />
      {category.return_comment && (
        <Notice kind="warning" title={t('category.returnComment')}>
          {category.return_comment}
        </Notice>
      )}
      {editable && <Notice kind="info" title={t('category.intro')} />}
      {assignedOther && <Notice kind="info" title={t('category.assignedOther', { name: category.assignee?.name })} />}
      {category.ready && view.permissions.open && <Notice kind="info" title={t('category.readyNote')} />}

      {/* MIC's survey, category 1 (組織体制): the roles the body has on record, beside the questions. */}
      {n === 1 && view.campaign.catalog_id.startsWith('fy') && (
        <RolesOnRecord bodyCode={view.body.code} today={new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10)} />
      )}

      {editable && carried > 0 && (
        <div className="my-4 rounded-8 border border-solid-gray-420 p-4">
          <p className="mb-2">{t('category.confirmAllHint', { count: carried })}</p>
          <button id="confirm-all" type="button" className="btn-secondary" disabled={busy} onClick={() => void confirmAll()}>
            {t('category.confirmAll')}
          </button>
        </div>
      )}

      <div className="flex flex-col gap-4">
        {visible.map((q) => (
          <QuestionField
            key={q.id}
            responseId={id}
            question={q}
            answer={answers[q.id]}
            editable={editable}
            externalError={actionErrors[q.id]}
            previousQuestions={view.previous_questions}
            onSaved={onSaved}
            onError={onError}
            reuse={reuseOf(q.id)}
            onReuseDecided={onReuseDecided}
            onReuseStale={onReuseStale}
          />
        ))}
      </div>
      {hidden > 0 && <p className="mt-4 text-std-16N-170">{t('category.hiddenCount', { count: hidden })}</p>}

      <div className="mt-8 flex flex-wrap gap-4">
        {mayToggleReady && !category.ready && (
          <button type="button" className="btn-primary" disabled={busy} onClick={() => void setReady(true)}>
            {t('category.markReady')}
          </button>
        )}
        {mayToggleReady && category.ready && (
          <button type="button" className="btn-secondary" disabled={busy} onClick={() => void setReady(false)}>
            {t('category.backInProgress')}
          </button>
        )}
        <Link href={`/responses/${id}/categories/${n}/check`} className="btn-secondary">
          {t('category.check')}
        </Link>
        {next && (
          <Link href={`/responses/${id}/categories/${next.number}`} className="btn-secondary">
            {t('category.next')}
          </Link>
        )}
      </div>
    </>
  );
}
