import { describe, expect, it } from 'vitest';
import { daysUntil, formatDeadline, formatTimestamp, formatValue } from './format';
import { question } from '../test/questions';

describe('formatDeadline', () => {
  it('gives 和暦 and Gregorian in Japanese', () => {
    expect(formatDeadline('2027-01-29', 'ja')).toBe('令和9年1月29日（2027年1月29日）');
    expect(formatDeadline('2019-05-01', 'ja')).toBe('令和元年5月1日（2019年5月1日）');
  });
  it('gives the Gregorian date in English', () => {
    expect(formatDeadline('2027-01-29', 'en')).toBe('29 January 2027');
  });
});

describe('formatTimestamp', () => {
  it('gives Japan time, with seconds for a save so that two saves in one minute differ', () => {
    expect(formatTimestamp('2026-12-02T09:15:05Z', 'ja')).toBe('2026/12/02 18:15');
    expect(formatTimestamp('2026-12-02T09:15:05Z', 'ja', { seconds: true })).toBe('2026/12/02 18:15:05');
    expect(formatTimestamp('2026-12-02T09:15:47Z', 'ja', { seconds: true })).not.toBe(
      formatTimestamp('2026-12-02T09:15:05Z', 'ja', { seconds: true }),
    );
  });
});

describe('daysUntil', () => {
  it('counts whole days in Japan time', () => {
    expect(daysUntil('2027-01-29', new Date('2027-01-28T00:00:00+09:00'))).toBe(1);
    expect(daysUntil('2027-01-29', new Date('2027-01-29T20:00:00+09:00'))).toBe(0);
    expect(daysUntil('2027-01-29', new Date('2027-01-30T09:00:00+09:00'))).toBeLessThan(0);
  });
});

describe('formatValue', () => {
  it.each([
    ['yes_no', 'yes', 'はい'],
    ['single', 'b', '選択肢B'],
    ['multi', ['a', 'c'], '選択肢A、選択肢C'],
    ['maturity', 3, '実施済み'],
    ['number', 12, '12 回'],
    ['percent', 40, '40%'],
    ['date', '2026-04-01', '2026-04-01'],
    ['text', '記述', '記述'],
  ] as const)('%s', (type, value, text) => {
    expect(formatValue(question(type), value as never, 'ja')).toBe(text);
  });
  it('says when there is no answer', () => {
    expect(formatValue(question('yes_no'), null, 'ja')).toBe('未回答');
  });
});
