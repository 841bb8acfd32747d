// The body's data export page: an approver gets the own body's two downloads at once; MIC
// names a body by its code, and a malformed code is refused on the page before any request.
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import BodyDataPage from './BodyDataPage';

describe('BodyDataPage', () => {
  it("offers the own body's JSON and workbook to its approver", () => {
    render(<BodyDataPage bodyCode="011002" />);
    expect(screen.getByRole('heading', { name: '011002 のデータ' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'JSON（完全な形式・復元できる）' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Excel（閲覧用）' })).toBeTruthy();
    expect(screen.queryByLabelText('団体コード（6桁）')).toBeNull();
  });

  it('asks MIC for a six-digit code and refuses anything else', () => {
    render(<BodyDataPage />);
    const input = screen.getByLabelText('団体コード（6桁）');
    expect(screen.queryByRole('button', { name: 'Excel（閲覧用）' })).toBeNull();
    fireEvent.change(input, { target: { value: '0110' } });
    fireEvent.click(screen.getByRole('button', { name: '表示' }));
    expect(screen.getByText('団体コードは6桁の数字で入力してください。')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('button', { name: 'Excel（閲覧用）' })).toBeNull();
    fireEvent.change(input, { target: { value: '012025' } });
    fireEvent.click(screen.getByRole('button', { name: '表示' }));
    expect(screen.getByRole('heading', { name: '012025 のデータ' })).toBeTruthy();
    expect(screen.queryByText('団体コードは6桁の数字で入力してください。')).toBeNull();
  });
});
