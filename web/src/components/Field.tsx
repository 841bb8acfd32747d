// A labelled control: the label (with ※必須 when required) above whatever control is passed,
// whose id must be `id`.
import type { ReactNode } from 'react';
import { useLang } from '../i18n';

/** `hint`: shown below the label as `${id}-hint`; `error`: below it as `${id}-error`. The
 *  control should point aria-describedby at them (errorProps gives the attributes). */
export function Field({ id, label, required, hint, error, children }: {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  const { t } = useLang();
  return (
    // max-w-full/min-w-0: as an item of a wrapping row of filters it never gets wider than the
    // window, however long an option (a campaign's title) is.
    <div className="min-w-0 max-w-full">
      <label htmlFor={id} className="block text-std-16B-170">
        {label}
        {required && <span className="required-mark">{t('common.required')}</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-dns-14N-130">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

/** `hinted`: the Field has a hint, which the control is described by too. */
export function errorProps(id: string, error: string | undefined, hinted = false) {
  const describedBy = [hinted ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    ...(error ? { 'aria-invalid': true as const } : {}),
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
  };
}
