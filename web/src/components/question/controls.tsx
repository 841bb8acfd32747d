// The answer control of each question type, one component per type. A control only lays
// out inputs: QuestionField owns the form, the labels, errors and saving, and hands each
// control its fields already bound (`immediate` saves on change, `typed` after a pause).
// Ids: the first input is `<id>-input` (labels and error links point there); further
// options are `<id>-opt-<key>`.
import type { ComponentType } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import type { Option, Question, QuestionType } from '../../api/types';
import { useLang } from '../../i18n';

export interface ControlProps {
  id: string;
  question: Question;
  disabled: boolean;
  /** aria-describedby / aria-invalid for the value's inputs. */
  aria: { 'aria-describedby': string; 'aria-invalid'?: boolean };
  /** A field that saves as soon as it changes (choices). */
  immediate(name: 'value' | 'values'): UseFormRegisterReturn;
  /** A field that saves once typing pauses, and when the user leaves it. */
  typed(name: 'value'): UseFormRegisterReturn;
}

export interface ControlKind {
  Control: ComponentType<ControlProps>;
  /** Several inputs under one question: rendered in a fieldset with the question as legend. */
  grouped: boolean;
}

const YES_NO: Option[] = [
  { key: 'yes', label: { ja: 'はい', en: 'Yes' } },
  { key: 'no', label: { ja: 'いいえ', en: 'No' } },
];

function OptionList({ id, options, multi, inline, disabled, aria, field }: {
  id: string;
  options: Option[];
  multi: boolean;
  inline: boolean;
  disabled: boolean;
  aria: ControlProps['aria'];
  field: UseFormRegisterReturn;
}) {
  const { lang } = useLang();
  return (
    <div className={inline ? 'flex flex-wrap gap-x-6' : 'flex flex-col'}>
      {options.map((o, i) => {
        const optId = i === 0 ? `${id}-input` : `${id}-opt-${o.key}`;
        return (
          <label key={o.key} htmlFor={optId} className="choice">
            <input id={optId} type={multi ? 'checkbox' : 'radio'} value={o.key} disabled={disabled} {...aria} {...field} />
            <span>{o.label[lang]}</span>
          </label>
        );
      })}
    </div>
  );
}

export function YesNoControl({ id, disabled, aria, immediate }: ControlProps) {
  return <OptionList id={id} options={YES_NO} multi={false} inline disabled={disabled} aria={aria} field={immediate('value')} />;
}

/** One of the catalogue's options (single choice, maturity level). */
export function SingleChoiceControl({ id, question, disabled, aria, immediate }: ControlProps) {
  return <OptionList id={id} options={question.options ?? []} multi={false} inline={false} disabled={disabled} aria={aria} field={immediate('value')} />;
}

export function MultiChoiceControl({ id, question, disabled, aria, immediate }: ControlProps) {
  return <OptionList id={id} options={question.options ?? []} multi inline={false} disabled={disabled} aria={aria} field={immediate('values')} />;
}

export function TextControl({ id, question, disabled, aria, typed }: ControlProps) {
  return <textarea id={`${id}-input`} rows={3} className="input w-full" maxLength={question.max_length} disabled={disabled} {...aria} {...typed('value')} />;
}

/** A number or a percentage, typed as text so that the user's own input is kept and checked. */
export function NumberControl({ id, disabled, aria, typed }: ControlProps) {
  return <input id={`${id}-input`} type="text" inputMode="decimal" className="input w-40" disabled={disabled} {...aria} {...typed('value')} />;
}

export function DateControl({ id, disabled, aria, typed }: ControlProps) {
  return <input id={`${id}-input`} type="date" className="input" disabled={disabled} {...aria} {...typed('value')} />;
}

/** Every question type of the catalogue format has its control here (the compiler checks). */
export const CONTROLS: Record<QuestionType, ControlKind> = {
  yes_no: { Control: YesNoControl, grouped: true },
  single: { Control: SingleChoiceControl, grouped: true },
  maturity: { Control: SingleChoiceControl, grouped: true },
  multi: { Control: MultiChoiceControl, grouped: true },
  text: { Control: TextControl, grouped: false },
  number: { Control: NumberControl, grouped: false },
  percent: { Control: NumberControl, grouped: false },
  date: { Control: DateControl, grouped: false },
};
