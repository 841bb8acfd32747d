// The signed-in person's account: the password, the second factor, and the sessions signed
// in now (with "sign out of every other session"). When the server requires a step first
// (an initial password to change, a second factor to enrol), only that step is shown.
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { MySession } from '../../api/types';
import { Notice, StatusArea, useActionResult } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { TableScroll } from '../../components/TableScroll';
import { serverMessage, useLang } from '../../i18n';
import { formatTimestamp } from '../../lib/format';
import { useSession } from '../../lib/session';
import { useAsync } from '../../lib/useAsync';
import { EnrolSecondFactor } from './EnrolSecondFactor';
import { PasswordForm } from './PasswordForm';

/** What the server requires before anything else, as a page of its own. */
export function AccountSetupPage() {
  const { t } = useLang();
  const { user, refresh } = useSession();
  const step = user?.setup_required;
  return (
    <>
      <PageTitle>{t(step === 'change_password' ? 'account.mustChangeTitle' : 'account.mustEnrolTitle')}</PageTitle>
      <Notice kind="warning" title={t(step === 'change_password' ? 'account.mustChange' : 'account.mustEnrol')} />
      <div className="mt-4">
        {step === 'change_password' ? <PasswordForm onDone={() => void refresh()} /> : <EnrolSecondFactor onDone={() => void refresh()} />}
      </div>
    </>
  );
}

function Sessions() {
  const { t, lang } = useLang();
  const data = useAsync(() => api.get<{ sessions: MySession[] }>('/api/me/sessions'), []);
  const [notice, noticeKey, setNotice] = useActionResult();
  const [busy, setBusy] = useState(false);
  const signOutOthers = async () => {
    setBusy(true);
    try {
      const r = await api.post<{ signed_out: number }>('/api/me/sessions/sign-out-others', {});
      await data.reload();
      setNotice({ kind: 'success', text: t('account.signedOutOthers', { n: r.signed_out }) });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setNotice({ kind: 'error', text: serverMessage(e.body, lang) });
    } finally {
      setBusy(false);
    }
  };
  const sessions = data.data?.sessions;
  return (
    <section aria-labelledby="sessions-title" className="mb-8">
      <h2 id="sessions-title" className="text-std-20B-150 mb-2">
        {t('account.sessionsTitle')}
      </h2>
      <p className="mb-2 max-w-3xl">{t('account.sessionsIntro')}</p>
      <StatusArea result={notice} focusKey={noticeKey} />
      {data.error ? (
        <Notice kind="error" title={serverMessage(data.error.body, lang)} />
      ) : !sessions ? (
        <p>{t('common.loading')}</p>
      ) : (
        <TableScroll label={t('account.sessionsTitle')}>
          <table className="table">
            <caption className="sr-only">{t('account.sessionsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('account.signedInAt')}</th>
                <th scope="col">{t('account.lastSeen')}</th>
                <th scope="col">{t('account.address')}</th>
                <th scope="col">{t('account.userAgent')}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s, i) => (
                <tr key={i}>
                  <td>
                    {formatTimestamp(s.created_at, lang)}
                    {s.current && <strong className="ml-2">{t('account.thisSession')}</strong>}
                  </td>
                  <td>{formatTimestamp(s.last_seen_at, lang)}</td>
                  <td>{s.address || '—'}</td>
                  <td className="break-all">{s.user_agent || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <button type="button" className="btn-secondary mt-2" disabled={busy || (sessions?.length ?? 0) < 2} onClick={() => void signOutOthers()}>
        {t('account.signOutOthers')}
      </button>
    </section>
  );
}

export default function AccountPage() {
  const { t } = useLang();
  const { user, refresh } = useSession();
  const [notice, noticeKey, setNotice] = useActionResult();
  const [enrolling, setEnrolling] = useState(false);
  return (
    <>
      <PageTitle>{t('account.title')}</PageTitle>
      <StatusArea result={notice} focusKey={noticeKey} />
      <section aria-labelledby="password-title" className="mb-8">
        <h2 id="password-title" className="text-std-20B-150 mb-2">
          {t('account.passwordTitle')}
        </h2>
        <PasswordForm onDone={() => setNotice({ kind: 'success', text: t('account.passwordChanged') })} />
      </section>
      <section aria-labelledby="factor-title" className="mb-8">
        <h2 id="factor-title" className="text-std-20B-150 mb-2">
          {t('account.factorTitle')}
        </h2>
        {user?.second_factor ? (
          <p>{t('account.factorOn')}</p>
        ) : enrolling ? (
          <EnrolSecondFactor
            onDone={() => {
              setEnrolling(false);
              void refresh();
              setNotice({ kind: 'success', text: t('account.factorEnrolled') });
            }}
          />
        ) : (
          <>
            <p className="mb-2">{t('account.factorOff')}</p>
            <button type="button" className="btn-secondary" onClick={() => setEnrolling(true)}>
              {t('account.enrol')}
            </button>
          </>
        )}
      </section>
      <Sessions />
    </>
  );
}
