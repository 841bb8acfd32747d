// A modal sign-in over the current page when the session has expired: the page (and what
// the user typed) stays mounted underneath, and the waiting requests retry after sign-in.
import { useEffect, useRef } from 'react';
import { useLang } from '../i18n';
import { useSession } from '../lib/session';
import { SignInForm } from '../pages/SignInPage';

export function SessionExpiredDialog() {
  const { t } = useLang();
  const { expired, user } = useSession();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (expired && !d.open) d.showModal();
    if (!expired && d.open) d.close();
  }, [expired]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="expired-title"
      onCancel={(e) => e.preventDefault()}
      onClose={() => {
        // Some browsers close a modal on a second Escape: while signed out, it comes back.
        if (expired) ref.current?.showModal();
      }}
    >
      <h2 id="expired-title" className="text-std-24B-150">
        {t('expired.title')}
      </h2>
      <p className="my-3">{t('expired.body')}</p>
      {expired && <SignInForm defaultLogin={user?.login ?? ''} fixedLogin />}
    </dialog>
  );
}
