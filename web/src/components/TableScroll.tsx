// A table that scrolls sideways inside its own box when it is wider than the screen, so the
// page itself never becomes wider than the window. The box is focusable and named, so that a
// keyboard user can scroll it (WCAG 2.1.1) and a screen reader says what it holds.
import type { ReactNode } from 'react';

export function TableScroll({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={`table-scroll${className ? ' ' + className : ''}`} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
