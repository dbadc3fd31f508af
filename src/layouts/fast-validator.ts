/**
 * Generates one straight-line check function per layout from its field definitions. Per record
 * it allocates nothing unless a field fails (then one issue object). ajv stays the reference for
 * what a layout means; test/layouts/agreement.test.ts checks the two agree on random values.
 */
import type { FieldIssue as AnyFieldIssue } from '../core/finding.ts';
import { charLength, codePointLength, byteLengthFunction } from './text-length.ts';
import { charClassTester, CHAR_CLASS_NAMES_JA, type CharClass } from './char-class.ts';

/** Classes whose characters are each one UTF-16 unit and never a variation selector. */
const SINGLE_UNIT_CLASSES = new Set<CharClass>(['digits', 'alnum', 'ascii', 'hankaku', 'hankakuKana', 'zenkakuKana', 'zenkakuHiragana', 'zenkakuDigits', 'zenkakuAlnum']);
import {
  checkDate, eraOf, formatYmd, type DateSpec,
  DATE_BAD_FORMAT, DATE_IMPOSSIBLE, DATE_PARTIAL_NOT_ALLOWED, DATE_UNKNOWN_ERA, DATE_OUTSIDE_ERA,
} from './dates.ts';
import { codeListLabel, type CodeList } from './code-lists.ts';
import { checkIdentifier, IDENT_FORM, IDENTIFIER_NAMES_JA } from './check-digits.ts';
import { checkCheckDigit, CD_FORM } from './check-digit-spec.ts';
import type { FieldDef } from './fields.ts';
import type { LayoutFindingCode } from './finding-codes.ts';

/** core's FieldIssue with a layout code; `field` is absent for record-level issues (LAYOUT_FIELD_COUNT). */
export type FieldIssue = AnyFieldIssue<LayoutFindingCode>;

export type RecordValidator = (values: readonly string[], out: FieldIssue[]) => boolean;

const ERA_EN: Record<string, string> = { 明治: 'Meiji', 大正: 'Taisho', 昭和: 'Showa', 平成: 'Heisei', 令和: 'Reiwa' };

export function dateIssue(reason: number, field: string, value: string, spec: DateSpec): FieldIssue {
  const format = spec.format;
  switch (reason) {
    case DATE_BAD_FORMAT:
      return { code: 'LAYOUT_DATE_FORMAT', field, params: { format } };
    case DATE_IMPOSSIBLE:
      return { code: 'LAYOUT_DATE_INVALID', field, params: { format } };
    case DATE_PARTIAL_NOT_ALLOWED:
      return { code: 'LAYOUT_DATE_PARTIAL', field, params: { format } };
    case DATE_UNKNOWN_ERA:
      // The era code is a code, not personal data.
      return { code: 'LAYOUT_ERA_UNKNOWN', field, params: { era: value.slice(0, value.length - 6) } };
    case DATE_OUTSIDE_ERA: {
      const era = eraOf(value);
      return {
        code: 'LAYOUT_DATE_OUTSIDE_ERA',
        field,
        params: {
          eraName: era?.name,
          eraNameEn: era ? ERA_EN[era.name] : undefined,
          from: era ? formatYmd(era.from) : undefined,
          to: era && era.to < 99991231 ? formatYmd(era.to) : '',
        },
      };
    }
    default:
      return { code: 'LAYOUT_DATE_FORMAT', field, params: { format } };
  }
}

function summariseEnum(values: readonly unknown[]): string {
  const shown = values.slice(0, 10).map((v) => String(v)).join(', ');
  return values.length > 10 ? `${shown}, …` : shown;
}

export function generateValidator(fields: readonly FieldDef[], codeLists: ReadonlyMap<string, CodeList>): RecordValidator {
  const deps: unknown[] = [];
  const dep = (v: unknown): string => {
    deps.push(v);
    return `d${deps.length - 1}`;
  };
  const charLen = dep(charLength);
  const cpLen = dep(codePointLength);
  const chkDate = dep(checkDate);
  const mkDateIssue = dep(dateIssue);
  const chkIdent = dep(checkIdentifier);
  const lit = (v: unknown) => JSON.stringify(v);
  const src: string[] = [];
  const body: string[] = src;
  body.push(`return function validateRecord(v, out) {`);
  src.push(`if (v.length !== ${fields.length}) { out.push({ code: 'LAYOUT_FIELD_COUNT', field: undefined, params: { expected: ${fields.length}, actual: v.length } }); return false; }`);
  src.push(`let ok = true, s, n, n0 = 0;`);
  for (const f of fields) {
    const F = lit(f.id);
    const push = (code: LayoutFindingCode, params: string) => `{ ok = false; out.push({ code: ${lit(code)}, field: ${F}, params: ${params} }); }`;
    src.push(`s = v[${f.index}];`);
    if (f.rules.identifiers.length > 0 || f.rules.checkDigits.length > 0) src.push(`n0 = out.length;`);
    src.push(`if (s === '') {${f.required ? push('LAYOUT_REQUIRED', 'undefined') : ''}} else {`);
    const r = f.rules;
    // Character classes first: a passed class made only of single-unit characters tells us the
    // character count is s.length, which saves the length loop for most code fields.
    let simpleClassVar: string | undefined;
    r.charClasses.forEach((cc, k) => {
      const t = dep(charClassTester(cc));
      const ja = cc.map((c) => CHAR_CLASS_NAMES_JA[c]).join('・');
      const cv = `c${f.index}_${k}`;
      src.push(`const ${cv} = ${t}(s); if (${cv} !== 0) ${push('LAYOUT_CHAR_CLASS', `{ position: ${cv}, charClass: ${lit(cc.join('|'))}, charClassJa: ${lit(ja)} }`)}`);
      if (simpleClassVar === undefined && cc.every((c) => SINGLE_UNIT_CLASSES.has(c))) simpleClassVar = cv;
    });
    // Upper bounds per UTF-16 unit: 1 character or code point, 2 CP932 bytes, 3 UTF-8 bytes.
    for (const rule of r.lengths) {
      const bytes = rule.unit === 'bytes';
      const fn = bytes ? dep(byteLengthFunction(rule.charset ?? 'cp932')) : charLen;
      const perUnit = !bytes ? 1 : rule.charset === 'utf-8' ? 3 : 2;
      const unit = lit(rule.unit);
      if (rule.max !== undefined) {
        src.push(`if (s.length * ${perUnit} > ${rule.max} && (n = ${fn}(s)) > ${rule.max}) ${push('LAYOUT_TOO_LONG', `{ max: ${rule.max}, actual: n, unit: ${unit} }`)}`);
      }
      if (rule.min !== undefined) {
        const cond = !bytes
          ? `s.length < ${rule.min} || (${simpleClassVar ? `${simpleClassVar} !== 0 && ` : ''}${fn}(s) < ${rule.min})`
          : `${fn}(s) < ${rule.min}`;
        src.push(`if (${cond}) { n = ${fn}(s); ${push('LAYOUT_TOO_SHORT', `{ min: ${rule.min}, actual: n, unit: ${unit} }`)} }`);
      }
    }
    if (r.maxLength !== undefined) {
      src.push(`if (s.length > ${r.maxLength} && (n = ${cpLen}(s)) > ${r.maxLength}) ${push('LAYOUT_TOO_LONG', `{ max: ${r.maxLength}, actual: n, unit: 'characters' }`)}`);
    }
    if (r.minLength !== undefined) {
      src.push(`if (s.length < ${r.minLength} || ${cpLen}(s) < ${r.minLength}) { n = ${cpLen}(s); ${push('LAYOUT_TOO_SHORT', `{ min: ${r.minLength}, actual: n, unit: 'characters' }`)} }`);
    }
    for (const ds of r.dates) {
      const D = dep(ds);
      src.push(`n = ${chkDate}(s, ${D}); if (n !== 0) { ok = false; out.push(${mkDateIssue}(n, ${F}, s, ${D})); }`);
    }
    for (const name of r.codeLists) {
      const list = codeLists.get(name)!;
      const S = dep(list.set);
      src.push(`if (!${S}.has(s)) ${push('LAYOUT_CODE_UNKNOWN', `{ codeList: ${lit(name)}, codeListName: ${lit(list.name)}, codeListSource: ${lit(codeListLabel(list))}, codeListSourceEn: ${lit(codeListLabel(list, 'en'))} }`)}`);
    }
    for (const values of r.enums) {
      const S = dep(new Set(values));
      src.push(`if (!${S}.has(s)) ${push('LAYOUT_ENUM', `{ allowed: ${lit(summariseEnum(values))} }`)}`);
    }
    for (const p of r.patterns) {
      // ajv compiles `pattern` with the u flag; so do we, so both read the pattern the same way.
      const R = dep(new RegExp(p, 'u'));
      src.push(`if (!${R}.test(s)) ${push('LAYOUT_PATTERN', `{ pattern: ${lit(p)} }`)}`);
    }
    // A wrong form is reported only when no other rule already said so for this field (a 13-digit
    // 個人番号 is LAYOUT_TOO_LONG, not that plus a form finding); the check digit is checked on the
    // right form only. Either way the field is invalid, as ajv says.
    for (const kind of r.identifiers) {
      const params = `{ identifier: ${lit(kind)}, identifierJa: ${lit(IDENTIFIER_NAMES_JA[kind])} }`;
      src.push(`n = ${chkIdent}(${lit(kind)}, s); if (n !== 0) { ok = false; if (n !== ${IDENT_FORM}) out.push({ code: 'LAYOUT_CHECK_DIGIT', field: ${F}, params: ${params} }); else if (out.length === n0) out.push({ code: 'LAYOUT_IDENTIFIER_FORM', field: ${F}, params: ${params} }); }`);
    }
    for (const spec of r.checkDigits) {
      const S = dep(spec);
      const chk = dep(checkCheckDigit);
      const params = `{ identifier: 'checkDigit', identifierJa: ${lit(spec.name ?? f.title)} }`;
      src.push(`n = ${chk}(${S}, s); if (n !== 0) { ok = false; if (n !== ${CD_FORM}) out.push({ code: 'LAYOUT_CHECK_DIGIT', field: ${F}, params: ${params} }); else if (out.length === n0) out.push({ code: 'LAYOUT_IDENTIFIER_FORM', field: ${F}, params: ${params} }); }`);
    }
    src.push(`}`);
  }
  src.push(`return ok;`);
  src.push(`};`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  // Dependencies become closure constants so V8 sees monomorphic call targets.
  const head = deps.map((_, i) => `const d${i} = d[${i}];`).join('\n');
  return new Function('d', `${head}\n${body.join('\n')}`)(deps) as RecordValidator;
}
