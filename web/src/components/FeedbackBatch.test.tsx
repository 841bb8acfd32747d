// The batch of feedback reports: the request it sends, the progress bar while the job runs,
// the download once it is done, and the server's message when it refuses.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Campaign } from '../api/types';
import { FeedbackBatch } from './FeedbackBatch';

let replies: { status: number; body: unknown }[] = [];
let sent: { url: string; method: string; body: string }[] = [];

beforeEach(() => {
  sent = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, method: init.method ?? 'GET', body: String(init.body ?? '') });
    const r = replies.shift()!;
    return new Response(JSON.stringify(r.body), { status: r.status });
  });
});
afterEach(() => vi.unstubAllGlobals());

const campaign = { id: 4, title: 'FY2025', fiscal_year: 2025, state: 'closed' } as Campaign;
const job = (state: string, done: number, result?: object) => ({ id: 9, kind: 'feedback_batch', state, done, total: 20, ...result });

describe('FeedbackBatch', () => {
  it('starts the job for the fixed prefecture, shows its progress, then offers the ZIP', async () => {
    replies = [
      { status: 202, body: { job: job('running', 0) } },
      { status: 200, body: job('running', 7) },
      { status: 200, body: job('done', 20, { result: { name: 'feedback-FY2025-pref31.zip', url: '/api/jobs/9/result' } }) },
    ];
    render(<FeedbackBatch campaign={campaign} prefecture="31" />);
    fireEvent.click(screen.getByRole('button', { name: '報告書を一括作成する' }));
    await waitFor(() => expect(screen.getByLabelText('報告書を作成しています… 7 / 20 団体')).toBeTruthy());
    expect(sent[0]).toMatchObject({ url: '/api/campaigns/4/feedback-reports', method: 'POST', body: '{"prefecture":"31"}' });
    expect((screen.getByRole('button', { name: '報告書を一括作成する' }) as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(screen.getByText('20団体の報告書ができました。')).toBeTruthy(), { timeout: 3000 });
    expect(screen.getByRole('button', { name: 'feedback-FY2025-pref31.zip をダウンロード' })).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(sent.slice(1).map((s) => s.url)).toEqual(['/api/jobs/9', '/api/jobs/9']);
  });

  it('says so when the server cannot be reached while the job runs, and lets the user start again', async () => {
    replies = [{ status: 202, body: { job: job('running', 0) } }];
    render(<FeedbackBatch campaign={campaign} />);
    fireEvent.click(screen.getByRole('button', { name: '報告書を一括作成する' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await waitFor(() => expect(screen.getByText(/サーバーに接続できません/)).toBeTruthy(), { timeout: 3000 });
    expect((screen.getByRole('button', { name: '報告書を一括作成する' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("shows the server's message when there is nothing to report", async () => {
    replies = [
      {
        status: 422,
        body: { code: 'nothing_to_report', message_ja: 'この調査には、報告書を作成できる団体の回答がありません。', message_en: 'x', fields: {} },
      },
    ];
    render(<FeedbackBatch campaign={campaign} />);
    fireEvent.click(screen.getByRole('button', { name: '報告書を一括作成する' }));
    await waitFor(() => expect(screen.getByText('この調査には、報告書を作成できる団体の回答がありません。')).toBeTruthy());
    expect(sent[0].body).toBe('{}');
  });
});
