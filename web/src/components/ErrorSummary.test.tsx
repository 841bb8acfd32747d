// The error summary lists each problem as a link, takes focus on an explicit action only,
// and moves focus to the field when a link is followed.
import { render, screen, fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorSummary } from './ErrorSummary';

const errors = [
  { fieldId: 'q-a', label: 'CISOを任命していますか。', message: '回答してください。' },
  { fieldId: 'q-b', label: '委員会の開催回数', message: '0〜100の範囲で入力してください。' },
];

describe('ErrorSummary', () => {
  it('renders nothing without errors', () => {
    const { container } = render(<ErrorSummary errors={[]} focusKey={1} />);
    expect(container.innerHTML).toBe('');
  });

  it('lists every error as a link to its field', () => {
    render(<ErrorSummary errors={errors} focusKey={0} />);
    expect(screen.getByRole('heading', { name: '入力内容に問題があります' })).toBeTruthy();
    const links = screen.getAllByRole('link');
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['#q-a', '#q-b']);
    expect(links[1].textContent).toBe('委員会の開催回数: 0〜100の範囲で入力してください。');
  });

  it('takes focus when focusKey changes, not on first render with 0', () => {
    const { rerender } = render(<ErrorSummary errors={errors} focusKey={0} />);
    expect(document.activeElement).toBe(document.body);
    rerender(<ErrorSummary errors={errors} focusKey={1} />);
    expect(document.activeElement?.className).toContain('error-summary');
  });

  it('a link focuses the field input', () => {
    render(
      <>
        <ErrorSummary errors={errors} focusKey={0} />
        <input id="q-b-input" aria-label="field b" />
      </>,
    );
    Element.prototype.scrollIntoView = () => {};
    fireEvent.click(screen.getAllByRole('link')[1]);
    expect(document.activeElement?.id).toBe('q-b-input');
  });
});
