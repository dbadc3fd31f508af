/**
 * How a field's value may be shown in a report, a message or a terminal. 個人番号 is 特定個人情報
 * (番号法): no digit of it may appear anywhere, so a field marked `x-personal: "mynumber"` — or
 * checked as `x-identifier: "mynumber"` — is masked entirely, one `*` per character (the count
 * stays visible because a wrong length is what the finding is about). Every other field uses
 * core's maskValue.
 */
import { maskValue } from '../core/mask.ts';

/** Any field description carrying the layout annotations (FieldDef, the pipeline's field view). */
export interface MaskableField {
  readonly personal?: unknown;
  readonly identifier?: unknown;
}

export type ValueMask = (value: string) => string;

export function maskMyNumber(value: string): string {
  let n = 0;
  for (const _ of value) n++;
  return '*'.repeat(n);
}

/** True when the field holds 特定個人情報 (its values must never be shown, even in part). */
export function isMyNumberField(field: MaskableField): boolean {
  return field.personal === 'mynumber' || field.identifier === 'mynumber';
}

/** The masking function for values of `field`. */
export function maskFor(field: MaskableField | undefined): ValueMask {
  return field !== undefined && isMyNumberField(field) ? maskMyNumber : maskValue;
}
