/**
 * Check digits that vary by municipality (宛名番号, 世帯番号, 被保険者番号 …): a layout field turns one
 * on with `x-checkDigit` and its parameters; nothing checks a number unless a layout says so.
 *
 *   "x-checkDigit": { "modulus": 11, "weights": [2, 3, 4, 5, 6, 7], "map": { "10": "0", "11": "0" } }
 *
 * The value is ASCII digits (`length`, when given, fixes how many). The check digit is the last one
 * (`position: "first"` for a leading one); the others are the data digits. Weights apply to the
 * data digits from the right — the one next to the check digit gets weights[0] — repeating when
 * the list is shorter. With `digitSum` a product's digits are added (Luhn). r = Σ mod modulus; the
 * check value is modulus − r (`result: "complement"`, default) or r (`"remainder"`); a value 0–9 is
 * that digit, a larger one is looked up in `map` ("10": "0") and, absent there, no digit is right.
 *
 * The published rules fit: 個人番号 is { modulus 11, weights 2…7, map 10→0, 11→0 }, 団体コード is
 * { modulus 11, weights 2…6, map 10→0, 11→1 }, Luhn is { modulus 10, weights [2, 1], digitSum,
 * map 10→0 } (test/layouts/check-digit-spec.test.ts checks them against check-digits.ts).
 */
export interface CheckDigitSpec {
  modulus: number;
  weights: number[];
  position?: 'last' | 'first';
  result?: 'complement' | 'remainder';
  digitSum?: boolean;
  /** Check values ≥ 10 → the digit written for them. */
  map?: Record<string, string>;
  /** Total digits including the check digit. */
  length?: number;
  /** What the number is called in messages (default: the field's 項目名). */
  name?: string;
}

export const CHECK_DIGIT_KEYS = ['modulus', 'weights', 'position', 'result', 'digitSum', 'map', 'length', 'name'] as const;

/** JSON Schema of the keyword's value (ajv meta-schema). */
export const CHECK_DIGIT_SCHEMA = {
  type: 'object',
  properties: {
    modulus: { type: 'integer', minimum: 2, maximum: 97 },
    weights: { type: 'array', minItems: 1, maxItems: 32, items: { type: 'integer', minimum: 0, maximum: 99 } },
    position: { enum: ['last', 'first'] },
    result: { enum: ['complement', 'remainder'] },
    digitSum: { type: 'boolean' },
    map: { type: 'object', propertyNames: { pattern: '^[0-9]{1,2}$' }, additionalProperties: { type: 'string', pattern: '^[0-9]$' } },
    length: { type: 'integer', minimum: 2, maximum: 64 },
    name: { type: 'string' },
  },
  required: ['modulus', 'weights'],
  additionalProperties: false,
} as const;

export const CD_OK = 0;
export const CD_FORM = 1;
export const CD_WRONG = 2;

/** The check digit for these data digits, or undefined when the rule gives none for them. */
export function computeCheckDigit(spec: CheckDigitSpec, data: string): string | undefined {
  let sum = 0;
  const w = spec.weights;
  for (let i = 0; i < data.length; i++) {
    const d = data.charCodeAt(data.length - 1 - i) - 0x30;
    let p = d * w[i % w.length];
    if (spec.digitSum) while (p > 9) p = Math.floor(p / 10) + (p % 10);
    sum += p;
  }
  const r = sum % spec.modulus;
  const v = spec.result === 'remainder' ? r : spec.modulus - r;
  if (v <= 9) return String(v);
  return spec.map?.[String(v)];
}

/** CD_OK, CD_FORM (not ASCII digits, or not `length` of them) or CD_WRONG. */
export function checkCheckDigit(spec: CheckDigitSpec, s: string): number {
  if (s.length < 2 || (spec.length !== undefined && s.length !== spec.length)) return CD_FORM;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return CD_FORM;
  }
  const first = spec.position === 'first';
  const data = first ? s.slice(1) : s.slice(0, -1);
  const given = first ? s[0] : s[s.length - 1];
  return computeCheckDigit(spec, data) === given ? CD_OK : CD_WRONG;
}

/** `data` (digits without the check digit) with its check digit in place, or undefined if none fits. */
export function withSpecCheckDigit(spec: CheckDigitSpec, data: string): string | undefined {
  const d = computeCheckDigit(spec, data);
  if (d === undefined) return undefined;
  return spec.position === 'first' ? d + data : data + d;
}

/** The rule as one 番号検査 cell: `検査数字 mod 11; weights 2,3,4,5,6,7; 10=0, 11=0; name 宛名番号` (and back). */
export function checkDigitText(spec: CheckDigitSpec): string {
  const parts = [`検査数字 mod ${spec.modulus}`, `weights ${spec.weights.join(',')}`];
  if (spec.position === 'first') parts.push('first');
  if (spec.result === 'remainder') parts.push('remainder');
  if (spec.digitSum) parts.push('digitsum');
  if (spec.length !== undefined) parts.push(`length ${spec.length}`);
  const map = Object.entries(spec.map ?? {}).sort((a, b) => Number(a[0]) - Number(b[0]));
  if (map.length > 0) parts.push(map.map(([k, v]) => `${k}=${v}`).join(', '));
  if (spec.name !== undefined) parts.push(`name ${spec.name}`);
  return parts.join('; ');
}

export function parseCheckDigitText(cell: string): CheckDigitSpec | undefined {
  const t = cell.normalize('NFKC').trim();
  const m = /^検査数字\s*mod\s*(\d+)\s*;\s*weights\s*([\d,\s]+?)\s*(?:;(.*))?$/i.exec(t);
  if (!m) return undefined;
  const spec: CheckDigitSpec = { modulus: Number(m[1]), weights: m[2].split(/[,\s]+/).filter(Boolean).map(Number) };
  for (const raw of (m[3] ?? '').split(';').map((x) => x.trim()).filter(Boolean)) {
    const p = raw.toLowerCase();
    if (p === 'first') spec.position = 'first';
    else if (p === 'last') spec.position = 'last';
    else if (p === 'remainder') spec.result = 'remainder';
    else if (p === 'complement') spec.result = 'complement';
    else if (p === 'digitsum') spec.digitSum = true;
    else if (/^length\s+\d+$/.test(p)) spec.length = Number(p.split(/\s+/)[1]);
    else if (/^name\s+\S/.test(raw)) spec.name = raw.replace(/^name\s+/, '');
    else if (/^\d{1,2}\s*=\s*\d(\s*,\s*\d{1,2}\s*=\s*\d)*$/.test(p)) {
      spec.map = {};
      for (const kv of p.split(',')) {
        const [k, v] = kv.split('=').map((x) => x.trim());
        spec.map[String(Number(k))] = v;
      }
    } else return undefined;
  }
  if (!(spec.modulus >= 2 && spec.modulus <= 97) || spec.weights.length === 0 || spec.weights.some((w) => !Number.isInteger(w) || w < 0 || w > 99)) return undefined;
  return spec;
}
