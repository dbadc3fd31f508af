import { MappingCodes as C } from '../finding-codes.ts';
import { CD_OK, CD_FORM, checkCheckDigit, type CheckDigitSpec } from '../../layouts/check-digit-spec.ts';
import { ArgError, fail, type ValueTransformDef } from './types.ts';

/**
 * Turns a check-digit rule on for one mapped field (宛名番号 rules differ by municipality, so no
 * layout can carry one for everybody): the value passes unchanged when its check digit is right,
 * otherwise the record is rejected with TX_CHECK_DIGIT (TX_CHECK_DIGIT_FORM when it is not digits).
 * Same parameters as the layout keyword x-checkDigit (src/layouts/check-digit-spec.ts).
 */
export const checkDigitTransform: ValueTransformDef = {
  name: 'checkDigit',
  kind: 'value',
  summary: 'check a number\'s check digit by the municipality\'s rule (modulus, weights …); reject the record when wrong',
  args: {
    modulus: { type: 'int', min: 2, required: true, doc: 'the modulus (e.g. 11, 10)' },
    weights: { type: 'strings', required: true, doc: 'weights from the digit next to the check digit leftwards, repeating: "2,3,4,5,6,7" or a list' },
    position: { type: 'enum', values: ['last', 'first'], doc: 'where the check digit is (default last)' },
    result: { type: 'enum', values: ['complement', 'remainder'], doc: 'check value = modulus − (sum mod modulus) (default) or the remainder' },
    digitSum: { type: 'bool', doc: 'add the digits of each product (Luhn)' },
    map: { type: 'table', doc: 'check values ≥ 10 → the digit written: { "10": "0", "11": "0" }' },
    length: { type: 'int', min: 2, doc: 'total digits including the check digit' },
  },
  create(args) {
    const weights = (args.weights as string[]).flatMap((w) => w.split(/[,\s]+/)).filter((w) => w !== '').map(Number);
    if (weights.length === 0 || weights.some((w) => !Number.isInteger(w) || w < 0 || w > 99)) throw new ArgError('weights', 'weights are whole numbers 0–99, e.g. "2,3,4,5,6,7"');
    if ((args.modulus as number) > 97) throw new ArgError('modulus', 'modulus is 2–97');
    const map = args.map as Record<string, string> | undefined;
    for (const [k, v] of Object.entries(map ?? {})) if (!/^[0-9]{1,2}$/.test(k) || !/^[0-9]$/.test(v)) throw new ArgError('map', `map "${k}": "${v}" must give one digit for a check value`);
    const spec: CheckDigitSpec = {
      modulus: args.modulus as number, weights,
      ...(args.position ? { position: args.position as 'last' | 'first' } : {}),
      ...(args.result ? { result: args.result as 'complement' | 'remainder' } : {}),
      ...(args.digitSum ? { digitSum: true } : {}),
      ...(map ? { map } : {}),
      ...(args.length !== undefined ? { length: args.length as number } : {}),
    };
    return (v: string) => {
      const r = checkCheckDigit(spec, v);
      if (r === CD_OK) return v;
      return fail(r === CD_FORM ? C.TX_CHECK_DIGIT_FORM : C.TX_CHECK_DIGIT, { modulus: spec.modulus });
    };
  },
};
