import { describe, expect, it } from 'vitest';
import { importNote } from './historyNote';

describe('importNote', () => {
  it.each([
    ['workbook|2026-12-06T10:01:02Z|answers.xlsx', { kind: 'workbook', downloadedAt: '2026-12-06T10:01:02Z', file: 'answers.xlsx' }],
    ['legacy|令和7年度 回答.xlsx', { kind: 'legacy', file: '令和7年度 回答.xlsx' }],
    ['reuse:12:c5-edr-coverage', null],
    ['', null],
    [undefined, null],
    ['workbook|only-two', null],
  ])('%s', (note, want) => {
    expect(importNote(note)).toEqual(want);
  });
});
