import { checkDigitTransform } from './check-digit.ts';
import { codeMapTransform } from './code-map.ts';
import { dateTransform } from './date.ts';
import {
  digitsOnlyTransform, joinTransform, lowerTransform, padTransform, replaceTransform, splitTransform,
  substringTransform, trimTransform, upperTransform,
} from './text.ts';
import type { TransformDef } from './types.ts';
import { warekiTransform } from './wareki.ts';
import { widthTransform } from './width.ts';

export type { TransformDef, ValueTransform, CombineTransform, TransformResult, TransformFailure, TransformContext } from './types.ts';
export { isFailure, ArgError } from './types.ts';

/** Every named transform a mapping may use. Add one: a file in this folder, one line here, a section in docs/MAPPING.md. */
export const TRANSFORMS: ReadonlyMap<string, TransformDef> = new Map(
  [
    trimTransform, padTransform, widthTransform, warekiTransform, dateTransform, codeMapTransform,
    splitTransform, joinTransform, upperTransform, lowerTransform, substringTransform, replaceTransform,
    digitsOnlyTransform, checkDigitTransform,
  ].map((t) => [t.name, t as TransformDef]),
);
