// A download goes through the API client: a refusal is shown on the page in the user's
// language, a file is handed to the browser under the server's name.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DownloadButton } from './DownloadButton';

afterEach(() => vi.unstubAllGlobals());

describe('DownloadButton', () => {
  it('shows the server message instead of saving an error as a file', async () => {
    vi.stubGlobal('fetch', async () =>
      new Response(JSON.stringify({ code: 'cp932_unrepresentable', message_ja: 'Shift_JIS で表せない文字があります。', message_en: 'Not representable.', fields: {} }), { status: 422 }),
    );
    render(<DownloadButton href="/api/campaigns/1/export.csv?encoding=cp932" label="CSV" />);
    fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    expect(await screen.findByText('Shift_JIS で表せない文字があります。')).toBeTruthy();
  });

  it('saves the file under the name the server gave', async () => {
    vi.stubGlobal('fetch', async () =>
      new Response('a,b\r\n', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="answers.csv"' } }),
    );
    const created = vi.fn(() => 'blob:x');
    vi.stubGlobal('URL', Object.assign(Object.create(URL), { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    render(<DownloadButton href="/api/campaigns/1/export.csv" label="CSV" />);
    fireEvent.click(screen.getByRole('button', { name: 'CSV' }));
    await waitFor(() => expect(clicked).toEqual(['answers.csv']));
    expect(created).toHaveBeenCalledTimes(1);
    click.mockRestore();
  });
});
