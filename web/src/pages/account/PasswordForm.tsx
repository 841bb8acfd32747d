// Changing one's own password: the current password, the new one and — for an account with a
// second factor — a code. The server checks the new password (12 characters or more, not the
// login nor the body's name, not a common or guessable one) and says why when it refuses.
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import { errorProps, Field } from '../../components/Field';
import { serverMessage, useLang } from '../../i18n';
import { useSession } from '../../lib/session';

const FIELDS = ['old_password', 'new_password', 'code'] as const;
type Field = (typeof FIELDS)[number];

/** The field a refusal of the server concerns. */
function fieldOf(code: string): Field {
  if (code === 'password_wrong') return 'old_password';
  if (code === 'code_wrong' || code === 'code_used') return 'code';
  return 'new_password';
}

export function PasswordForm({ onDone }: { onDone(): void }) {
  const { t, lang } = useLang();
  const { user } = useSession();
  const needsCode = !!user?.second_factor;
  const [values, setValues] = useState<Record<Field, string>>({ old_password: '', new_password: '', code: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const fail = (list: FieldError[]) => {
    setErrors(list);
    setFocusKey((k) => k + 1);
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const missing: FieldError[] = [];
    for (const f of FIELDS) {
      if (f === 'code' && !needsCode) continue;
      if (!values[f]) missing.push({ fieldId: f, label: t(`account.${f}`), message: t(`account.${f}Required`) });
    }
    if (missing.length) return fail(missing);
    setBusy(true);
    try {
      await api.post('/api/me/password', needsCode ? values : { old_password: values.old_password, new_password: values.new_password });
      setErrors([]);
      setValues({ old_password: '', new_password: '', code: '' });
      onDone();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const f = fieldOf(err.body?.code ?? '');
      fail([{ fieldId: f, label: t(`account.${f}`), message: serverMessage(err.body, lang) }]);
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="max-w-md">
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {FIELDS.filter((f) => f !== 'code' || needsCode).map((f) => (
        <div key={f} className="mb-4">
          <Field
            id={f}
            label={t(`account.${f}`)}
            required
            hint={f === 'new_password' ? t('account.newPasswordHint') : undefined}
            error={errorOf(f)}
          >
            <input
              id={f}
              type={f === 'code' ? 'text' : 'password'}
              autoComplete={f === 'old_password' ? 'current-password' : f === 'new_password' ? 'new-password' : 'one-time-code'}
              className="input w-full"
              value={values[f]}
              onChange={(e) => setValues({ ...values, [f]: e.target.value })}
              {...errorProps(f, errorOf(f), f === 'new_password')}
            />
          </Field>
        </div>
      ))}
      <button type="submit" className="btn-primary" disabled={busy}>
        {t('account.changePassword')}
      </button>
    </form>
  );
}
