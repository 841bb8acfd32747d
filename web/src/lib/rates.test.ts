import { describe, expect, it } from 'vitest';
import { band, fiscalYear, pct, points } from './rates';

describe('rates', () => {
  it.each([
    [0.7512, '75.1%'],
    [1, '100.0%'],
    [null, '—'],
  ] as const)('pct(%s) = %s', (r, s) => expect(pct(r)).toBe(s));
  it('points with sign', () => {
    expect(points(0.61, 0.75)).toBe('+14.0pt');
    expect(points(0.75, 0.7)).toBe('−5.0pt');
    expect(points(null, 0.7)).toBe('—');
  });
  it('fiscal years in 和暦', () => {
    expect(fiscalYear(2019, 'ja')).toBe('令和元年度');
    expect(fiscalYear(2025, 'ja')).toBe('令和7年度');
    expect(fiscalYear(2025, 'en')).toBe('FY2025');
  });
  it('bands spread the shown range over 0–4', () => {
    expect(band(0.5, 0.5, 0.9)).toBe(0);
    expect(band(0.9, 0.5, 0.9)).toBe(4);
    expect(band(0.7, 0.5, 0.9)).toBe(2);
    expect(band(null, 0.5, 0.9)).toBe(2);
  });
});
