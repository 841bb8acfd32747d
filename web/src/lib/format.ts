// Dates and values as users read them. Deadlines are shown in 和暦 and Gregorian
// (Intl's `ja-JP-u-ca-japanese`), timestamps in Japan time.
import type { AnswerValue, Lang, Question } from '../api/types';

/** "令和9年1月29日（2027年1月29日）" / "29 January 2027" for a YYYY-MM-DD date. */
export function formatDeadline(isoDate: string, lang: Lang): string {
  const d = new Date(isoDate + 'T00:00:00+09:00');
  if (Number.isNaN(d.getTime())) return isoDate;
  const opts: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Tokyo' };
  if (lang === 'en') return new Intl.DateTimeFormat('en-GB', opts).format(d);
  const wareki = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { ...opts, era: 'long' }).format(d);
  const seireki = new Intl.DateTimeFormat('ja-JP', opts).format(d);
  return `${wareki}（${seireki}）`;
}

/** A server timestamp (UTC) as Japan time, e.g. "2026/11/21 23:38", or with `seconds`
 *  "2026/11/21 23:38:05" (a save time: two saves in one minute must look different). */
export function formatTimestamp(iso: string, lang: Lang, opts: { seconds?: boolean } = {}): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(opts.seconds ? { second: '2-digit' } : {}),
    timeZone: 'Asia/Tokyo',
  }).format(d);
}

/** Whole days from today (Japan) to the date; negative when past. */
export function daysUntil(isoDate: string, now: Date = new Date()): number {
  const end = new Date(isoDate + 'T23:59:59+09:00').getTime();
  return Math.ceil((end - now.getTime()) / 86400000) - 1;
}

/** An answer value as text for summaries, check pages and diffs. */
export function formatValue(q: Question | undefined, v: AnswerValue | undefined, lang: Lang): string {
  if (v === null || v === undefined || v === '') return lang === 'ja' ? '未回答' : 'Not answered';
  if (!q) return Array.isArray(v) ? v.join(', ') : String(v);
  const label = (key: string) => q.options?.find((o) => o.key === key)?.label[lang] ?? key;
  switch (q.type) {
    case 'yes_no':
      return v === 'yes' ? (lang === 'ja' ? 'はい' : 'Yes') : lang === 'ja' ? 'いいえ' : 'No';
    case 'single':
      return label(String(v));
    case 'multi':
      return Array.isArray(v) ? v.map(label).join(lang === 'ja' ? '、' : ', ') : String(v);
    case 'maturity':
      return label(String(v));
    case 'number':
    case 'percent': {
      const unit = q.type === 'percent' ? '%' : q.unit ? ' ' + q.unit[lang] : '';
      return `${v}${unit}`;
    }
    default:
      return String(v);
  }
}
