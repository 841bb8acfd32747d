// Rates (fractions 0–1 from the figures API) as people read them.
export type Rate = number | null | undefined;

export function pct(rate: Rate): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** A change in points, with its sign: "+3.0pt" / "−1.2pt". */
export function points(from: Rate, to: Rate): string {
  if (from === null || from === undefined || to === null || to === undefined) return '—';
  const d = (to - from) * 100;
  return `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)}pt`;
}

/** 和暦 of a fiscal year: 2025 → 令和7年度 (en: FY2025). */
export function fiscalYear(year: number, lang: 'ja' | 'en'): string {
  if (lang === 'en') return `FY${year}`;
  const r = year - 2018;
  return r === 1 ? '令和元年度' : `令和${r}年度`;
}

/** One of 5 bands for a heat grid, from the spread of the values shown. */
export function band(rate: Rate, min: number, max: number): number {
  if (rate === null || rate === undefined || max <= min) return 2;
  return Math.min(4, Math.floor(((rate - min) / (max - min)) * 5));
}
