// The policy board shows each share as a count with its percentage, months in 和暦, and the
// bodies still missing organs, each linked to its 方針 page, and the failing publication checks.
import { fireEvent, render, screen } from '@testing-library/react';
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
      failing_checks: [
        {
          policy_id: 5, body_code: '012025', title: '函館市情報セキュリティ基本方針', url: 'https://www.example.jp/policy',
          checked_at: '2026-12-01T03:00:00.000Z', status_code: 404, final_url: '', outcome: 'http_error', failing: true, error: '',
        },
      ],
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
    // A publication page that answered 404, with the date of the check in Japan's time.
    expect(screen.getByRole('heading', { name: '公表ページの確認で要確認の方針（1件）' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '012025' }).getAttribute('href')).toBe('/bodies/012025/policies');
    expect(screen.getByText('ページを開けない（HTTP 404）')).toBeTruthy();
    expect(screen.getByText('2026/12/01 12:00')).toBeTruthy();
  });

  it('lets MIC send the bodies missing a notice, and says how many it reached', async () => {
    const board = {
      groups: [], kinds: [], trend: [], overdue: [], failing_checks: [], missing_total: 2,
      missing: [
        { code: '019011', name: '石狩広域連合', organs: ['議会'], registered: true },
        { code: '011002', name: '札幌市', organs: ['議会'], registered: false },
      ],
    };
    const posted: unknown[] = [];
    vi.stubGlobal('fetch', async (_url: string, init?: RequestInit) => {
      if (init?.method === 'POST') {
        posted.push(JSON.parse(String(init.body)));
        return new Response(JSON.stringify({ sent: 2, mail: null }), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }
      return new Response(JSON.stringify(board), { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    render(<PolicyBoardPage mayRemind />);
    fireEvent.click(await screen.findByRole('button', { name: '表示中の2団体にお知らせを送る' }));
    expect(await screen.findByText('2団体にお知らせを送りました。')).toBeTruthy();
    expect(posted).toHaveLength(1);
    expect((posted[0] as { body_codes: string[] }).body_codes).toEqual(['019011', '011002']);
  });

  it('offers no notice to a prefecture', async () => {
    const board = { groups: [], kinds: [], trend: [], overdue: [], failing_checks: [], missing_total: 1,
      missing: [{ code: '011002', name: '札幌市', organs: ['議会'], registered: false }] };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(board), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    render(<PolicyBoardPage />);
    await screen.findByRole('link', { name: '札幌市（011002）' });
    expect(screen.queryByRole('button', { name: /お知らせを送る/ })).toBeNull();
  });
});
