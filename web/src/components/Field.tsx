// A labelled control: the label (with ※必須 when required) above whatever control is passed,
// whose id must be `id`.
import type { ReactNode } from 'react';
import { useLang } from '../i18n';

export function Field({ id, label, required, children }: { id: string; label: string; required?: boolean; children: ReactNode }) {
  const { t } = useLang();
  return (
    <div>
      <label htmlFor={id} className="block text-std-16B-170">
        {label}
        {required && <span className="required-mark">{t('common.required')}</span>}
      </label>
      {children}
    </div>
  );
}
