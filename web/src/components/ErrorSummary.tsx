// The error summary at the top of a form (GOV.UK pattern): it lists every problem as a link
// to its field and takes focus whenever `focusKey` changes (an explicit action such as
// "mark ready"), not on every autosave, so typing is never interrupted.
import { useEffect, useRef } from 'react';
import { useLang } from '../i18n';
import { navigate } from '../lib/router';

export interface FieldError {
  fieldId: string;
  label: string;
  message: string;
  /** A page to open instead of a field on this page (e.g. the category to fix). */
  href?: string;
}

export function focusField(fieldId: string): void {
  const el = document.getElementById(fieldId + '-input') ?? document.getElementById(fieldId);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus();
}

export function ErrorSummary({ errors, focusKey }: { errors: FieldError[]; focusKey: number }) {
  const { t } = useLang();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  if (errors.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} className="error-summary" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="text-std-20B-150">
        {t('errorSummary.title')}
      </h2>
      <ul className="mt-2 list-disc pl-6">
        {errors.map((e) => (
          <li key={e.fieldId}>
            <a
              href={e.href ?? '#' + e.fieldId}
              className="link-error"
              onClick={(ev) => {
                ev.preventDefault();
                if (e.href) navigate(e.href);
                else focusField(e.fieldId);
              }}
            >
              {e.label ? `${e.label}: ` : ''}
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
