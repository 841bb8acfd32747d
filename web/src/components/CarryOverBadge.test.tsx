// The four carry-over badges carry their meaning in text (not colour alone), in both languages.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { act } from 'react';
import { CarryOverBadge } from './CarryOverBadge';

describe('CarryOverBadge', () => {
  it.each([
    ['carried_over', 'same', '前年度から引継ぎ・未確認'],
    ['confirmed', 'same', '確認済み'],
    ['changed', 'reworded', '変更あり'],
    ['new', 'new', '新規設問'],
    ['new', undefined, '新規設問'],
    ['new', 'same', '前年度回答なし'],
  ] as const)('%s (lineage %s) → %s', (state, lineage, label) => {
    render(<CarryOverBadge state={state} lineageKind={lineage} />);
    expect(screen.getByText(label).className).toContain('badge');
  });

  it('switches to English', () => {
    act(() => setLanguage('en'));
    render(<CarryOverBadge state="carried_over" lineageKind="same" />);
    expect(screen.getByText('Carried over, not yet confirmed')).toBeTruthy();
  });
});
