// show_if evaluated live, the same rules as core::is_visible (table of cases).
import { describe, expect, it } from 'vitest';
import type { AnswerValue, Body, Condition, Question } from '../api/types';
import { question } from '../test/questions';
import { isVisible } from './conditions';

const body: Body = {
  code: '011002', name_ja: '札幌市', name_kana: 'ｻｯﾎﾟﾛｼ', type: 'designated_city', type_label_ja: '政令指定都市',
  prefecture_code: '01', core_city: false, network_model: 'beta_prime', population_band: '300k_1m', members: [],
};

const cloud = question('yes_no', { id: 'cloud' });
const kind = question('multi', { id: 'kind', show_if: [{ subject: 'q:cloud', op: '=', values: ['yes'] }] });
const all = new Map<string, Question>([['cloud', cloud], ['kind', kind]]);

const cases: [string, Condition[], Record<string, AnswerValue>, boolean][] = [
  ['body attribute in list', [{ subject: 'body.network_model', op: 'in', values: ['beta', 'beta_prime'] }], {}, true],
  ['body attribute not in list', [{ subject: 'body.network_model', op: 'in', values: ['alpha'] }], {}, false],
  ['body != holds', [{ subject: 'body.type', op: '!=', values: ['town'] }], {}, true],
  ['core city as yes/no', [{ subject: 'body.core_city', op: '=', values: ['no'] }], {}, true],
  ['answer equals', [{ subject: 'q:cloud', op: '=', values: ['yes'] }], { cloud: 'yes' }, true],
  ['answer differs', [{ subject: 'q:cloud', op: '=', values: ['yes'] }], { cloud: 'no' }, false],
  ['empty answer fails =', [{ subject: 'q:cloud', op: '=', values: ['yes'] }], {}, false],
  ['empty answer satisfies !=', [{ subject: 'q:cloud', op: '!=', values: ['yes'] }], {}, true],
  ['has in a multi answer', [{ subject: 'q:kind', op: 'has', values: ['saas'] }], { cloud: 'yes', kind: ['iaas', 'saas'] }, true],
  ['has on a hidden question is false', [{ subject: 'q:kind', op: 'has', values: ['saas'] }], { cloud: 'no', kind: ['saas'] }, false],
  ['numbers compare as text', [{ subject: 'q:cloud', op: 'in', values: ['3'] }], { cloud: 3 }, true],
  ['clauses are ANDed', [{ subject: 'q:cloud', op: '=', values: ['yes'] }, { subject: 'body.type', op: '=', values: ['town'] }], { cloud: 'yes' }, false],
];

describe('isVisible', () => {
  it.each(cases)('%s', (_, show_if, values, visible) => {
    const q = question('text', { id: 'target', show_if });
    expect(isVisible(q, body, all, (id) => values[id])).toBe(visible);
  });
});
