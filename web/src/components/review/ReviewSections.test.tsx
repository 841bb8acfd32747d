// The review page's role sections follow the server's permissions, not the viewer's roles:
// the same view with other permissions shows other actions, and each action posts to its
// workflow path.
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ResponsePermissions, ResponseView } from '../../api/types';
import { ReviewCategories } from './ReviewCategories';
import { ApproverActions, NationalActions, RespondentActions } from './WorkflowActions';

const none: ResponsePermissions = { edit: false, open: false, review: false, accept: false, categories: [] };

function view(state: ResponseView['state'], permissions: Partial<ResponsePermissions>, extra: Partial<ResponseView> = {}): ResponseView {
  return {
    id: 11, campaign_id: 1, body_code: '011002', state, locked: false, version: 1,
    updated_at: '2026-12-01T00:00:00.000Z', submitted_at: null, accepted_at: null,
    body: { code: '011002', name_ja: '札幌市', name_kana: 'さっぽろし', type: 'designated_city', type_label_ja: '指定都市', prefecture_code: '01', core_city: false, network_model: 'beta', population_band: '', members: [] },
    campaign: { id: 1, title: '令和8年度 調査', fiscal_year: 2026, catalog_id: 'mic-2026', state: 'open', opens_at: '', closes_at: '', target_count: 1 },
    catalog_id: 'mic-2026',
    catalog_version: '0123456789abcdef',
    previous_questions: {},
    answers: [],
    categories: [1, 2].map((n) => ({
      number: n, name: { ja: `項目${n}`, en: `Category ${n}` }, ready: n === 1, return_comment: '', questions: 3, answered: 3,
      carried_over_unconfirmed: 0, needs_confirmation: 0, assignee: null, status: n === 1 ? ('complete' as const) : ('in_progress' as const),
    })),
    permissions: { ...none, ...permissions },
    ...extra,
  };
}

const renderAll = (v: ResponseView, act = vi.fn(async () => {})) => {
  render(
    <>
      <ReviewCategories view={v} assignable={[]} busy={false} act={act} />
      <RespondentActions view={v} busy={false} act={act} />
      <ApproverActions view={v} busy={false} act={act} />
      <NationalActions view={v} busy={false} act={act} />
    </>,
  );
  return act;
};
const button = (name: string) => screen.queryByRole('button', { name });

describe('review sections by permission', () => {
  it('a viewer without permissions sees states only', () => {
    renderAll(view('draft', { open: true }));
    expect(button('確認を依頼する')).toBeNull();
    expect(button('回答を提出する')).toBeNull();
    expect(button('受理する')).toBeNull();
    expect(screen.queryAllByRole('combobox')).toHaveLength(0);
    expect(screen.queryByText('この項目を差し戻す', { selector: 'summary' })).toBeNull();
  });

  it('one who may answer an open response may ask for review', () => {
    const act = renderAll(view('draft', { edit: true, open: true }));
    fireEvent.click(button('確認を依頼する')!);
    expect(act).toHaveBeenCalledWith('request-review', { comment: '' }, '確認者に確認を依頼しました。');
    expect(button('回答を提出する')).toBeNull();
  });

  it('the approver assigns, and returns ready categories, while the response is open', () => {
    renderAll(view('draft', { edit: true, open: true, review: true }));
    expect(screen.getAllByRole('combobox')).toHaveLength(2);
    expect(screen.getAllByText('この項目を差し戻す', { selector: 'summary' })).toHaveLength(1); // only the ready category
    expect(button('回答を提出する')).toBeNull();
  });

  it('the approver goes on to check before submitting; nothing is submitted from here in one click', () => {
    const act = renderAll(view('ready_for_review', { edit: true, open: false, review: true }));
    expect(screen.queryAllByRole('combobox')).toHaveLength(0); // assigning needs an open response
    expect(button('回答を提出する')).toBeNull();
    const next = screen.getByRole('link', { name: '提出前の確認へ進む' });
    expect(next.getAttribute('href')).toBe('/responses/11/submit');
    fireEvent.click(next);
    expect(act).not.toHaveBeenCalled();
  });

  it('MIC accepts or returns a submitted response and reopens a locked one', () => {
    const act = renderAll(view('submitted', { accept: true }));
    fireEvent.click(button('受理する')!);
    expect(act).toHaveBeenCalledWith('accept', {}, '回答を受理しました。');
    expect(button('この団体の回答のロックを解除する')).toBeNull();
  });

  it('reopen is offered on a locked response to MIC only', () => {
    renderAll(view('draft', { accept: true }, { locked: true }));
    expect(button('この団体の回答のロックを解除する')).not.toBeNull();
  });
});
