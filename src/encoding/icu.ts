import { ChukanError } from '../core/errors.ts';

/**
 * A TextDecoder for a legacy label. Node's official builds carry full ICU; a small-icu or
 * system-ICU build without the converter would otherwise fail deep inside a run.
 */
export function icuDecoder(label: string, options?: TextDecoderOptions): TextDecoder {
  try {
    return new TextDecoder(label, options);
  } catch (err) {
    throw new ChukanError(`this Node.js build cannot decode ${label} (it lacks full ICU); use an official Node.js 20+ build`, { cause: err });
  }
}
