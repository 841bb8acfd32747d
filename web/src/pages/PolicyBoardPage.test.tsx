// The policy board shows each share as a count with its percentage, months in 和暦, and the
// bodies still missing organs, each linked to its 方針 page.
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import PolicyBoardPage from './PolicyBoardPage';

afterEach(() => vi.unstubAllGlobals());

describe('PolicyBoardPage', () => {
  it('shows the shares by group, kind and month, and the bodies missing', async () => {
    const board = {
      groups: [{ group: 'unions', bodies: 33, bodies_complete: 7, required: 99, adopted: 21, published: 0 }],
      kinds: [{ kind: 'council', label: '議会', required: 4, adopted: 3, published: 1 }],
      trend: [{ month: '2026-04', label: '令和8年4月', required: 4, adopted: 0, published: 0 }],
      missing: [{ code: '019011', name: '石狩広域連合', organs: ['議会', '管理者'], registered: false }],
      missing_total: 26,
      overdue: [],
    };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(board), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    render(<PolicyBoardPage />);
    expect(await screen.findByRole('rowheader', { name: '一部事務組合・広域連合' })).toBeTruthy();
    expect(screen.getByText('7 / 33（21.2%）')).toBeTruthy();
    expect(screen.getByText('3（75.0%）')).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: '令和8年4月' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: '未策定の機関がある団体（26団体）' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '石狩広域連合（019011）' }).getAttribute('href')).toBe('/bodies/019011/policies');
    expect(screen.getByText('見直し期限を過ぎた方針はありません。')).toBeTruthy();
  });
});
