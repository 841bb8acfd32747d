// Enrolling a second factor: the server draws a QR code of a new secret (also shown as text
// for typing into the app), a first code confirms it, and the ten recovery codes are shown
// once — the person confirms having saved them before going on.
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import { errorProps, Field } from '../../components/Field';
import { serverMessage, useLang } from '../../i18n';

interface Begun {
  secret: string;
  uri: string;
  qr_svg: string;
}

export function EnrolSecondFactor({ onDone }: { onDone(): void }) {
  const { t, lang } = useLang();
  const [begun, setBegun] = useState<Begun | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [saved, setSaved] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const fail = (fieldId: string, message: string) => {
    setErrors([{ fieldId, label: t('account.firstCode'), message }]);
    setFocusKey((k) => k + 1);
  };

  const begin = async () => {
    setBusy(true);
    try {
      setBegun(await api.post<Begun>('/api/me/second-factor', {}));
      setErrors([]);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      fail('begin', serverMessage(err.body, lang));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!code.trim()) return fail('first-code', t('account.codeRequired'));
    setBusy(true);
    try {
      const r = await api.post<{ recovery_codes: string[] }>('/api/me/second-factor/confirm', { code: code.trim() });
      setCodes(r.recovery_codes);
      setErrors([]);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setCode('');
      fail('first-code', serverMessage(err.body, lang));
    } finally {
      setBusy(false);
    }
  };

  if (codes)
    return (
      <section aria-labelledby="recovery-title">
        <h2 id="recovery-title" className="text-std-20B-150 mb-2">
          {t('account.recoveryTitle')}
        </h2>
        <p className="mb-2 max-w-3xl">{t('account.recoveryIntro')}</p>
        <ol className="recovery-codes mb-4 font-mono">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ol>
        <div className="mb-4">
          <input id="saved" type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />{' '}
          <label htmlFor="saved">{t('account.recoverySaved')}</label>
        </div>
        <button type="button" className="btn-primary" disabled={!saved} onClick={onDone}>
          {t('account.continue')}
        </button>
      </section>
    );
  const errorOf = (id: string) => errors.find((e) => e.fieldId === id)?.message;
  if (!begun)
    return (
      <>
        <ErrorSummary errors={errors} focusKey={focusKey} />
        <p className="mb-4 max-w-3xl">{t('account.enrolIntro')}</p>
        <button id="begin" type="button" className="btn-primary" disabled={busy} onClick={() => void begin()}>
          {t('account.showQr')}
        </button>
      </>
    );
  return (
    <form noValidate onSubmit={(e) => void confirm(e)} className="max-w-xl">
      <ErrorSummary errors={errors} focusKey={focusKey} />
      <ol className="list-decimal ml-6 mb-4">
        <li>{t('account.scan')}</li>
        <li>{t('account.enterFirst')}</li>
      </ol>
      {/* The server's own SVG (http/qr_svg.cpp): a title and black modules only. */}
      <div className="qr mb-2" dangerouslySetInnerHTML={{ __html: begun.qr_svg }} />
      <p className="mb-4">
        {t('account.secretText')} <code className="font-mono break-all">{begun.secret}</code>
      </p>
      <div className="mb-4">
        <Field id="first-code" label={t('account.firstCode')} required error={errorOf('first-code')}>
          <input
            id="first-code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            className="input w-full max-w-xs"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            {...errorProps('first-code', errorOf('first-code'))}
          />
        </Field>
      </div>
      <button type="submit" className="btn-primary" disabled={busy}>
        {t('account.confirmCode')}
      </button>
    </form>
  );
}
