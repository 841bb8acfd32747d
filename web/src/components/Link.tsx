// An <a> that navigates inside the app (left click without modifiers); other clicks behave
// as a normal link, so "open in new tab" works.
import type { AnchorHTMLAttributes } from 'react';
import { navigate } from '../lib/router';

export function Link({ href, className = 'link', onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a
      href={href}
      className={className}
      onClick={(e) => {
        onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
      {...rest}
    />
  );
}
