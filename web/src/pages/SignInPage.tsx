// Sign-in: the password, then — for an account with a second factor — the code of the
// authenticator app (or a recovery code). Errors from the form and from the server (wrong
// password, lock-out, a wrong or used code) appear in the error summary, which takes focus,
// and below the field concerned.
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError } from '../api/client';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { errorProps, Field } from '../components/Field';
import { Notice } from '../components/Notice';
import { Link } from '../components/Link';
import { PageTitle } from '../components/PageTitle';
import { serverMessage, useLang } from '../i18n';
import { useSession } from '../lib/session';

interface Form {
  login: string;
  password: string;
}

/** `fixedLogin`: the login cannot be changed (signing in again after the session expired). */
export function SignInForm({ defaultLogin = '', fixedLogin, onDone }: { defaultLogin?: string; fixedLogin?: boolean; onDone?(): void }) {
  const { t, lang } = useLang();
  const { signIn } = useSession();
  const [step, setStep] = useState<'password' | 'code'>('password');
  const { register, handleSubmit, setFocus, setValue } = useForm<Form>({
    defaultValues: { login: defaultLogin, password: '' },
    shouldFocusError: false, // the error summary takes focus instead
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);

  const fail = (list: FieldError[]) => {
    setErrors(list);
    setFocusKey((k) => k + 1);
  };

  const onSubmit = handleSubmit(
    async (f) => {
      setBusy(true);
      try {
        const next = await signIn(f.login, f.password);
        setErrors([]);
        if (next === 'code') setStep('code');
        else onDone?.();
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        // A wrong password is not left in the field to be resubmitted or read over a shoulder.
        setValue('password', '');
        fail([{ fieldId: 'password', label: '', message: serverMessage(e.body, lang) }]);
        setFocus('password');
      } finally {
        setBusy(false);
      }
    },
    (errs) => {
      const list: FieldError[] = [];
      if (errs.login) list.push({ fieldId: 'login', label: t('signIn.login'), message: t('signIn.loginRequired') });
      if (errs.password) list.push({ fieldId: 'password', label: t('signIn.password'), message: t('signIn.passwordRequired') });
      fail(list);
    },
  );

  const errorOf = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  if (step === 'code') return <CodeForm onDone={onDone} />;
  return (
    <form noValidate onSubmit={onSubmit} className="max-w-md">
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {(['login', 'password'] as const).map((name) => (
        <div key={name} className="mb-4">
          <label htmlFor={name} className="block text-std-16B-170">
            {t(`signIn.${name}`)}
            <span className="required-mark">{t('common.required')}</span>
          </label>
          {errorOf(name) && (
            <p id={`${name}-error`} className="field-error">
              {errorOf(name)}
            </p>
          )}
          <input
            id={name}
            type={name === 'password' ? 'password' : 'text'}
            autoComplete={name === 'password' ? 'current-password' : 'username'}
            className="input w-full"
            aria-invalid={errorOf(name) ? true : undefined}
            aria-describedby={errorOf(name) ? `${name}-error` : undefined}
            readOnly={name === 'login' && fixedLogin}
            {...register(name, { required: true })}
          />
        </div>
      ))}
      <button type="submit" className="btn-primary" disabled={busy}>
        {t('signIn.submit')}
      </button>
    </form>
  );
}

/** The second step: the 6-digit code of the authenticator app, or a recovery code. */
function CodeForm({ onDone }: { onDone?(): void }) {
  const { t, lang } = useLang();
  const { submitCode } = useSession();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const fail = (message: string) => {
    setErrors([{ fieldId: 'code', label: t('signIn.code'), message }]);
    setFocusKey((k) => k + 1);
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!code.trim()) return fail(t('signIn.codeRequired'));
    setBusy(true);
    try {
      await submitCode(code.trim());
      setErrors([]);
      onDone?.();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setCode('');
      fail(serverMessage(err.body, lang));
    } finally {
      setBusy(false);
    }
  };
  const error = errors[0]?.message;
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="max-w-md">
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <p className="mb-4">{t('signIn.codeIntro')}</p>
      <div className="mb-4">
        <Field id="code" label={t('signIn.code')} required hint={t('signIn.codeHint')} error={error}>
          <input
            id="code"
            type="text"
            inputMode="text"
            autoComplete="one-time-code"
            autoFocus
            className="input w-full"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            {...errorProps('code', error, true)}
          />
        </Field>
      </div>
      <button type="submit" className="btn-primary" disabled={busy}>
        {t('signIn.codeSubmit')}
      </button>
    </form>
  );
}

export function SignInPage({ signedOut }: { signedOut: boolean }) {
  const { t } = useLang();
  return (
    <>
      <PageTitle>{t('signIn.title')}</PageTitle>
      {signedOut && <Notice kind="success" title={t('signIn.signedOut')} />}
      <p className="mb-4">{t('signIn.intro')}</p>
      <SignInForm />
      <p className="mt-6">
        <Link href="/account/forgot">{t('signIn.forgot')}</Link>
      </p>
    </>
  );
}
