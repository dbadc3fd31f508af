import { MappingCodes as C } from '../finding-codes.ts';
import { ArgError, fail, withLiterals, type CombineTransformDef, type ValueTransformDef } from './types.ts';

/** Half-width space, tab and the ideographic space U+3000 that vendors pad 全角 fields with. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x3000 || c === 0x09;
}

export function trimSpaces(s: string, left: boolean, right: boolean): string {
  let a = 0;
  let b = s.length;
  if (left) while (a < b && isSpace(s.charCodeAt(a))) a++;
  if (right) while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

export const trimTransform: ValueTransformDef = {
  name: 'trim',
  kind: 'value',
  summary: 'remove leading/trailing half-width spaces, tabs and full-width spaces (U+3000)',
  shorthand: 'side',
  args: { side: { type: 'enum', values: ['both', 'left', 'right'], doc: 'which end to trim (default both)' } },
  create(args) {
    const side = (args.side as string | undefined) ?? 'both';
    const left = side !== 'right';
    const right = side !== 'left';
    return withLiterals((v: string) => trimSpaces(v, left, right), []);
  },
};

/** Code points, so that an astral character (𠮟) counts once. */
function cpLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

export const padTransform: ValueTransformDef = {
  name: 'pad',
  kind: 'value',
  summary: 'pad to a length (in characters) with a character, on the left or right',
  args: {
    length: { type: 'int', min: 1, required: true, doc: 'target length in characters' },
    side: { type: 'enum', values: ['left', 'right'], doc: 'where to add the padding (default left)' },
    char: { type: 'char', doc: 'padding character (default "0" for left, " " for right)' },
    onLonger: { type: 'enum', values: ['keep', 'reject'], doc: 'value already longer than length: keep it as is (default) or reject the record' },
  },
  create(args) {
    const length = args.length as number;
    const left = (args.side ?? 'left') === 'left';
    const ch = (args.char as string | undefined) ?? (left ? '0' : ' ');
    const reject = args.onLonger === 'reject';
    return withLiterals((v: string) => {
      const n = cpLength(v);
      if (n === length) return v;
      if (n > length) return reject ? fail(C.TX_PAD_TOO_LONG, { length }) : v;
      const padding = ch.repeat(length - n);
      return left ? padding + v : v + padding;
    }, [ch]);
  },
};

export const upperTransform: ValueTransformDef = {
  name: 'upper',
  kind: 'value',
  summary: 'letters to upper case (half- and full-width)',
  args: {},
  create: () => withLiterals((v: string) => v.toUpperCase(), []),
};

export const lowerTransform: ValueTransformDef = {
  name: 'lower',
  kind: 'value',
  summary: 'letters to lower case (half- and full-width)',
  args: {},
  create: () => withLiterals((v: string) => v.toLowerCase(), []),
};

export const substringTransform: ValueTransformDef = {
  name: 'substring',
  kind: 'value',
  summary: 'characters from a 1-based start position, optionally limited to a length',
  args: {
    start: { type: 'int', min: 1, required: true, doc: '1-based position of the first character kept' },
    length: { type: 'int', min: 0, doc: 'number of characters kept (default: to the end)' },
  },
  create(args) {
    const start = (args.start as number) - 1;
    const length = args.length as number | undefined;
    return withLiterals((v: string) => {
      // Fast path: no surrogate pairs means UTF-16 indices are character indices.
      if (!/[\ud800-\udfff]/.test(v)) return length === undefined ? v.slice(start) : v.slice(start, start + length);
      const chars = Array.from(v);
      return (length === undefined ? chars.slice(start) : chars.slice(start, start + length)).join('');
    }, []);
  },
};

export const replaceTransform: ValueTransformDef = {
  name: 'replace',
  kind: 'value',
  summary: 'replace every occurrence of a literal text (no regular expressions)',
  args: {
    from: { type: 'string', required: true, doc: 'literal text to find (not empty)' },
    to: { type: 'string', doc: 'replacement (default: empty, i.e. delete)' },
  },
  create(args) {
    const from = args.from as string;
    const to = (args.to as string | undefined) ?? '';
    if (from === '') throw new ArgError('from', 'replace: "from" must not be empty');
    return withLiterals((v: string) => (v.includes(from) ? v.replaceAll(from, to) : v), [to]);
  },
};

export const digitsOnlyTransform: ValueTransformDef = {
  name: 'digitsOnly',
  kind: 'value',
  summary: 'full-width digits to ASCII, then drop (strip) or refuse (check) every non-digit character',
  shorthand: 'mode',
  args: { mode: { type: 'enum', values: ['strip', 'check'], doc: 'strip: remove non-digits (123-4567 → 1234567, default); check: reject a value with non-digits' } },
  create(args) {
    const check = args.mode === 'check';
    return withLiterals((v: string) => {
      let i = 0;
      while (i < v.length && v.charCodeAt(i) >= 0x30 && v.charCodeAt(i) <= 0x39) i++;
      if (i === v.length) return v; // the usual case: nothing to fold or drop, no new string
      let out = v.slice(0, i);
      let other = false;
      for (; i < v.length; i++) {
        const c = v.charCodeAt(i);
        if (c >= 0x30 && c <= 0x39) out += v[i];
        else if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xfee0);
        else other = true;
      }
      return check && other ? fail(C.TX_NOT_DIGITS) : out;
    }, []);
  },
};

export const splitTransform: ValueTransformDef = {
  name: 'split',
  kind: 'value',
  summary: 'split on a separator (or any of several) and keep the part at a 1-based index',
  args: {
    separator: { type: 'strings', required: true, doc: 'separator text, or a list of alternatives (e.g. [" ", "　"])' },
    index: { type: 'int', min: 1, required: true, doc: '1-based part to keep; the last part keeps any further separators when `rest: true`' },
    rest: { type: 'bool', doc: 'the kept part runs to the end of the value (e.g. 名 after 氏 when a name holds two spaces)' },
    onMissing: { type: 'enum', values: ['empty', 'reject'], doc: 'the part does not exist: empty value (default) or reject the record' },
  },
  create(args) {
    const seps = args.separator as string[];
    if (seps.some((s) => s === '')) throw new ArgError('separator', 'split: a separator must not be empty');
    const index = (args.index as number) - 1;
    const rest = args.rest === true;
    const reject = args.onMissing === 'reject';
    const missing = fail(C.TX_SPLIT_MISSING, { index: index + 1 });
    return withLiterals((v: string) => {
      let pos = 0;
      for (let part = 0; ; part++) {
        let at = -1;
        let len = 0;
        for (const s of seps) {
          const k = v.indexOf(s, pos);
          if (k !== -1 && (at === -1 || k < at)) {
            at = k;
            len = s.length;
          }
        }
        if (part === index) return at === -1 || rest ? v.slice(pos) : v.slice(pos, at);
        if (at === -1) return reject ? missing : '';
        pos = at + len;
      }
    }, []);
  },
};

export const joinTransform: CombineTransformDef = {
  name: 'join',
  kind: 'combine',
  summary: 'join the columns listed in `from: [a, b, …]` with a separator',
  shorthand: 'separator',
  args: {
    separator: { type: 'string', doc: 'text between parts (default: none)' },
    skipEmpty: { type: 'bool', doc: 'leave out empty parts so no doubled separators appear (default true)' },
  },
  create(args) {
    const sep = (args.separator as string | undefined) ?? '';
    const skipEmpty = args.skipEmpty !== false;
    return withLiterals((values: readonly string[]) => {
      let out = '';
      let first = true;
      for (const v of values) {
        if (skipEmpty && v === '') continue;
        out += first ? v : sep + v;
        first = false;
      }
      return out;
    }, [sep]);
  },
};
