// Converting between an Answer from the server and the values of a question's form, and
// checking on the client what can be checked before a save (the server checks everything
// again and its messages win).
import type { Answer, AnswerValue, Question } from '../api/types';

export interface FormValues {
  value: string;
  values: string[];
  not_applicable: boolean;
  na_reason: string;
  comment: string;
  evidence_url: string;
}

export interface AnswerPayload {
  version: number;
  value: AnswerValue;
  not_applicable?: boolean;
  na_reason?: string;
  comment: string;
  evidence_url: string;
}

export type ClientError = 'numberInvalid' | 'naReasonRequired' | 'urlInvalid';

export function formValuesOf(a: Pick<Answer, 'value' | 'not_applicable' | 'na_reason' | 'comment' | 'evidence_url'>): FormValues {
  const v = a.value;
  return {
    value: v === null || v === undefined || Array.isArray(v) ? '' : String(v),
    values: Array.isArray(v) ? [...v] : [],
    not_applicable: a.not_applicable,
    na_reason: a.na_reason,
    comment: a.comment,
    evidence_url: a.evidence_url,
  };
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** The value to send for the form's state, or the first client-side problem. */
export function payloadOf(
  q: Question,
  f: FormValues,
  version: number,
): { payload: AnswerPayload } | { error: ClientError; field: 'value' | 'na_reason' | 'evidence_url' } {
  let value: AnswerValue = null;
  if (f.not_applicable) {
    if (!f.na_reason.trim()) return { error: 'naReasonRequired', field: 'na_reason' };
  } else {
    const s = f.value.trim();
    switch (q.type) {
      case 'multi':
        value = f.values.length ? q.options!.map((o) => o.key).filter((k) => f.values.includes(k)) : null;
        break;
      case 'number':
      case 'percent': {
        const n = s.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
        if (n === '') value = null;
        else if (!NUMBER.test(n)) return { error: 'numberInvalid', field: 'value' };
        else value = Number(n);
        break;
      }
      case 'maturity':
        value = s === '' ? null : Number(s);
        break;
      case 'text':
        value = f.value === '' ? null : f.value;
        break;
      default:
        value = s === '' ? null : s;
    }
  }
  const url = f.evidence_url.trim();
  if (url && !/^https?:\/\//.test(url)) return { error: 'urlInvalid', field: 'evidence_url' };
  const payload: AnswerPayload = { version, value, comment: f.comment, evidence_url: url };
  if (f.not_applicable) {
    payload.not_applicable = true;
    payload.na_reason = f.na_reason;
  }
  return { payload };
}

/** Two payloads carry the same content (the version aside). */
export function sameContent(a: AnswerPayload, b: AnswerPayload): boolean {
  return JSON.stringify({ ...a, version: 0 }) === JSON.stringify({ ...b, version: 0 });
}
