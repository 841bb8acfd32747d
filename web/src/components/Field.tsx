// A labelled control: the label (with ※必須 when required) above whatever control is passed,
// whose id must be `id`.
import type { ReactNode } from 'react';
import { useLang } from '../i18n';

/** `error`: shown below the label as `${id}-error`; the control should point
 *  aria-describedby at it (errorProps gives both attributes). */
export function Field({ id, label, required, error, children }: {
  id: string;
  label: string;
  required?: boolean;
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
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

export function errorProps(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
}
