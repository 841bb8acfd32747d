// A message box: `info` for guidance, `success` after an action, `error` for a failure.
// Meaning never rests on colour alone: each kind carries a visible text label.
import type { ReactNode } from 'react';
import { useLang } from '../i18n';

type Kind = 'info' | 'success' | 'error' | 'warning';

const labels: Record<Kind, { ja: string; en: string }> = {
  info: { ja: 'お知らせ', en: 'Information' },
  success: { ja: '完了', en: 'Done' },
  error: { ja: 'エラー', en: 'Error' },
  warning: { ja: '注意', en: 'Note' },
};

export function Notice({ kind = 'info', title, children }: { kind?: Kind; title?: string; children?: ReactNode }) {
  const { lang } = useLang();
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : kind === 'success' ? 'status' : undefined}>
      <p className="text-std-16B-170">
        <span className="notice-label">{labels[kind][lang]}</span>
        {title && <span className="ml-2">{title}</span>}
      </p>
      {children && <div className="mt-1">{children}</div>}
    </div>
  );
}
