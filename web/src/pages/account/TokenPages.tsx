// The pages reached without signing in: asking for a password reset (the same answer whether
// or not the address is known), and setting a password with the one-time link of a reset or
// an invitation. The link carries its token after "#", which the browser never sends to the
// server in a request line or a Referer; the page removes it from the address bar at once.
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import { errorProps, Field } from '../../components/Field';
import { Link } from '../../components/Link';
import { Notice } from '../../components/Notice';
import { PageTitle } from '../../components/PageTitle';
import { serverMessage, useLang } from '../../i18n';

export function ForgotPasswordPage() {
  const { t, lang } = useLang();
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [sent, setSent] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!email.includes('@')) {
      setErrors([{ fieldId: 'email', label: t('account.email'), message: t('account.emailRequired') }]);
      setFocusKey((k) => k + 1);
      return;
    }
    try {
      await api.post('/api/account/reset-request', { email });
      setSent(true);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setErrors([{ fieldId: 'email', label: t('account.email'), message: serverMessage(err.body, lang) }]);
      setFocusKey((k) => k + 1);
    }
  };
  const error = errors[0]?.message;
  return (
    <>
      <PageTitle>{t('account.forgotTitle')}</PageTitle>
      {sent ? (
        <Notice kind="success" title={t('account.resetSent')} />
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)} className="max-w-md">
          <ErrorSummary errors={errors} focusKey={focusKey} />
          <p className="mb-4">{t('account.forgotIntro')}</p>
          <div className="mb-4">
            <Field id="email" label={t('account.email')} required error={error}>
              <input
                id="email"
                type="email"
                autoComplete="email"
                className="input w-full"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                {...errorProps('email', error)}
              />
            </Field>
          </div>
          <button type="submit" className="btn-primary">
            {t('account.sendReset')}
          </button>
        </form>
      )}
      <p className="mt-6">
        <Link href="/">{t('account.backToSignIn')}</Link>
      </p>
    </>
  );
}

/** `purpose`: a reset (1 h) or an invitation (24 h). */
export function SetPasswordPage({ purpose }: { purpose: 'reset' | 'invitation' }) {
  const { t, lang } = useLang();
  const [token] = useState(() => window.location.hash.slice(1));
  const [owner, setOwner] = useState<{ login: string; display_name: string } | null>(null);
  const [invalid, setInvalid] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
    if (!token) {
      setInvalid(t('account.linkMissing'));
      return;
    }
    api.post<{ login: string; display_name: string }>('/api/account/token', { token, purpose }).then(setOwner, (err) => {
      setInvalid(err instanceof ApiError ? serverMessage(err.body, lang) : String(err));
    });
  }, [token, purpose]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await api.post('/api/account/password', { token, purpose, password });
      setDone(true);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setErrors([{ fieldId: 'new-password', label: t('account.new_password'), message: serverMessage(err.body, lang) }]);
      setFocusKey((k) => k + 1);
    }
  };
  const error = errors[0]?.message;
  return (
    <>
      <PageTitle>{t(purpose === 'reset' ? 'account.resetTitle' : 'account.invitationTitle')}</PageTitle>
      {invalid ? (
        <Notice kind="error" title={invalid} />
      ) : done ? (
        <Notice kind="success" title={t('account.passwordSet')} />
      ) : !owner ? (
        <p>{t('common.loading')}</p>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)} className="max-w-md">
          <ErrorSummary errors={errors} focusKey={focusKey} />
          <p className="mb-4">{t('account.settingFor', { login: owner.login, name: owner.display_name })}</p>
          <div className="mb-4">
            <Field id="new-password" label={t('account.new_password')} required hint={t('account.newPasswordHint')} error={error}>
              <input
                id="new-password"
                type="password"
                autoComplete="new-password"
                className="input w-full"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                {...errorProps('new-password', error, true)}
              />
            </Field>
          </div>
          <button type="submit" className="btn-primary">
            {t('account.setPassword')}
          </button>
        </form>
      )}
      <p className="mt-6">
        <Link href="/">{t('account.backToSignIn')}</Link>
      </p>
    </>
  );
}
