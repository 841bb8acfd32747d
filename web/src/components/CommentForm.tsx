// A workflow step with a comment: a hint, a labelled comment box (required or optional) and a
// button that names the action. `onSubmit` receives the comment.
import { useState, type ReactNode } from 'react';
import { useLang } from '../i18n';
import { errorProps } from './Field';

export function CommentForm({ id, label, required, hint, action, primary, busy, className, onSubmit }: {
  id: string;
  label: string;
  required?: boolean;
  hint?: ReactNode;
  action: string;
  primary?: boolean;
  busy: boolean;
  className?: string;
  onSubmit(comment: string): void;
}) {
  const { t } = useLang();
  const [missing, setMissing] = useState(false);
  const error = missing ? t('review.commentRequired') : undefined;
  return (
    <form
      className={className}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const v = new FormData(e.currentTarget).get('comment');
        const comment = typeof v === 'string' ? v : '';
        if (required && !comment.trim()) {
          setMissing(true);
          document.getElementById(id)?.focus();
          return;
        }
        setMissing(false);
        onSubmit(comment);
      }}
    >
      {hint && <p className="mb-2">{hint}</p>}
      <label htmlFor={id} className="block text-std-16B-170">
        {label}
        {required && <span className="required-mark">{t('common.required')}</span>}
      </label>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <textarea id={id} name="comment" rows={2} className="input w-full" aria-required={required || undefined} {...errorProps(id, error)} />
      <button type="submit" className={`${primary ? 'btn-primary' : 'btn-secondary'} mt-2`} disabled={busy}>
        {action}
      </button>
    </form>
  );
}
