// A message box: `info` for guidance, `success` after an action, `error` for a failure.
// Meaning never rests on colour alone: each kind carries a visible text label.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLang } from '../i18n';

type Kind = 'info' | 'success' | 'error' | 'warning';

const labels: Record<Kind, { ja: string; en: string }> = {
  info: { ja: 'お知らせ', en: 'Information' },
  success: { ja: '成功', en: 'Done' },
  error: { ja: 'エラー', en: 'Error' },
  warning: { ja: '注意', en: 'Note' },
};

export function Notice({ kind = 'info', title, children, plain }: {
  kind?: Kind;
  title?: string;
  children?: ReactNode;
  /** Inside a live region (StatusArea) the box needs no role of its own. */
  plain?: boolean;
}) {
  const { lang } = useLang();
  const role = plain ? undefined : kind === 'error' ? 'alert' : kind === 'success' ? 'status' : undefined;
  return (
    <div className={`notice notice-${kind}`} role={role}>
      <p className="text-std-16B-170">
        <span className="notice-label">{labels[kind][lang]}</span>
        {title && <span className="ml-2">{title}</span>}
      </p>
      {children && <div className="mt-1">{children}</div>}
    </div>
  );
}

export interface ActionResult {
  kind: 'success' | 'error';
  text: string;
}

/** Where the result of an action appears: a live region that is always in the page (so the
 *  message is announced), and that takes focus when `focusKey` changes — the button that was
 *  pressed often disappears with the action, and focus must not fall to the page's start. */
export function StatusArea({ result, focusKey }: { result: ActionResult | null; focusKey: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey > 0 && result) ref.current?.focus();
  }, [focusKey, result]);
  return (
    <div ref={ref} tabIndex={-1} aria-live="polite" className="outline-none">
      {result && <Notice kind={result.kind} title={result.text} plain />}
    </div>
  );
}

/** The result of the page's last action and the key that moves focus to it (StatusArea). */
export function useActionResult(): [ActionResult | null, number, (r: ActionResult | null) => void] {
  const [result, setResult] = useState<ActionResult | null>(null);
  const [key, setKey] = useState(0);
  const set = useCallback((r: ActionResult | null) => {
    setResult(r);
    if (r) setKey((k) => k + 1);
  }, []);
  return [result, key, set];
}
