// The page's one <h1>. It also sets document.title and takes focus when the page changes,
// so that screen-reader users hear where they arrived after a client-side navigation.
import { useEffect, useRef } from 'react';
import { useLang } from '../i18n';

export function PageTitle({ children, caption }: { children: string; caption?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useLang();
  useEffect(() => {
    document.title = `${children} | ${t('app.name')}`;
  }, [children, t]);
  useEffect(() => {
    if (!window.location.hash) ref.current?.focus();
  }, []);
  return (
    <div className="mb-6">
      {caption && <p className="text-std-16N-170 text-solid-gray-700">{caption}</p>}
      <h1 ref={ref} tabIndex={-1} className="text-std-28B-150 outline-none">
        {children}
      </h1>
    </div>
  );
}
