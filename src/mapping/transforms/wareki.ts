import { MappingCodes as C } from '../finding-codes.ts';
import { compileFormatter, daysInMonth, isRealDate } from './calendar.ts';
import { ArgError, fail, withLiterals, type TransformFailure, type ValueTransformDef } from './types.ts';

interface Era {
  id: string;
  ja: string;
  en: string;
  /** First and last day as yyyymmdd numbers (inclusive); `last` is open-ended for the current era. */
  first: number;
  last: number;
}

/**
 * Era boundaries (Gregorian), as in src/layouts/dates.ts. 明治元年 starts on 1868-01-25 (慶応4年1月1日; the
 * 改元 was retroactive). 明治 dates before 1873 were lunar in reality; chukan does plain year
 * arithmetic for them as legacy systems do (documented in docs/MAPPING.md).
 */
export const ERAS: readonly Era[] = [
  { id: 'meiji', ja: '明治', en: 'Meiji', first: 18680125, last: 19120729 },
  { id: 'taisho', ja: '大正', en: 'Taisho', first: 19120730, last: 19261224 },
  { id: 'showa', ja: '昭和', en: 'Showa', first: 19261225, last: 19890107 },
  { id: 'heisei', ja: '平成', en: 'Heisei', first: 19890108, last: 20190430 },
  { id: 'reiwa', ja: '令和', en: 'Reiwa', first: 20190501, last: 99991231 },
];

function eraById(name: string): Era | undefined {
  return ERAS.find((e) => e.id === name || e.ja === name || e.en.toLowerCase() === name.toLowerCase());
}

const show = (n: number): string => (n === 99991231 ? '' : `${String(n).slice(0, 4)}-${String(n).slice(4, 6)}-${String(n).slice(6, 8)}`);

/** De-facto numbering 明治1 大正2 昭和3 平成4 令和5; the 中間標準 年号コード is the same number in 2 digits. */
function defaultEras(digits: number): Record<string, string> {
  const t: Record<string, string> = {};
  ERAS.forEach((e, i) => (t[String(i + 1).padStart(digits, '0')] = e.id));
  return t;
}

export const warekiTransform: ValueTransformDef = {
  name: 'wareki',
  kind: 'value',
  summary: '和暦 (era code + YYMMDD, e.g. 3550301) → 西暦 (19800301), checking era boundaries',
  args: {
    eraDigits: { type: 'enum', values: ['1', '2', 'auto'], doc: 'digits of the era code: 1 (改造仕様書, default), 2 (中間標準), auto (7 characters → 1, 8 → 2)' },
    eras: { type: 'table', doc: 'era code → era (meiji/taisho/showa/heisei/reiwa or 明治…令和); default 1..5 (or 01..05)' },
    westernCode: { type: 'string', doc: 'era code meaning the rest is a 西暦 YYYYMMDD (e.g. "0"); none by default' },
    unknownCode: { type: 'string', doc: 'era code meaning the date is unknown (e.g. "9"); none by default' },
    onUnknown: { type: 'enum', values: ['empty', 'reject'], doc: 'value with the unknown code: write empty or reject the record (default)' },
    zeroMonthDay: { type: 'enum', values: ['reject', 'keep'], doc: 'month or day 00 (unknown): reject (default) or keep 00 in the output' },
    to: { type: 'string', doc: 'output pattern (default YYYYMMDD)' },
  },
  create(args) {
    const mode = (args.eraDigits as string | undefined) ?? '1';
    const tableIn = args.eras as Record<string, string> | undefined;
    const codes = new Map<string, Era>();
    const sources = tableIn ? [tableIn] : mode === 'auto' ? [defaultEras(1), defaultEras(2)] : [defaultEras(Number(mode))];
    for (const table of sources) {
      for (const [code, name] of Object.entries(table)) {
        const era = eraById(name);
        if (!era) throw new ArgError('eras', `wareki: unknown era "${name}" for code "${code}" (use ${ERAS.map((e) => e.id).join(', ')})`);
        if (mode !== 'auto' && code.length !== Number(mode)) throw new ArgError('eras', `wareki: era code "${code}" is not ${mode} digit(s) long (eraDigits: ${mode})`);
        codes.set(code, era);
      }
    }
    const western = args.westernCode as string | undefined;
    const unknown = args.unknownCode as string | undefined;
    for (const c of [western, unknown]) {
      if (c !== undefined && codes.has(c)) throw new ArgError(c === western ? 'westernCode' : 'unknownCode', `wareki: code "${c}" is already an era code`);
    }
    const rejectUnknown = args.onUnknown !== 'empty';
    const keepZero = args.zeroMonthDay === 'keep';
    const format = compileFormatter((args.to as string | undefined) ?? 'YYYYMMDD', 'to');


    const badFormat = fail(C.TX_WAREKI_FORMAT, { eraDigits: mode === 'auto' ? '1/2' : mode });
    const unknownDate = fail(C.TX_WAREKI_UNKNOWN_DATE);
    const partial = fail(C.TX_WAREKI_PARTIAL_DATE);
    const invalid = new Map<Era | undefined, TransformFailure>();
    const outside = new Map<Era, TransformFailure>();
    const western_ = { id: 'western', ja: '西暦', en: 'Western calendar', first: 10101, last: 99991231 };
    for (const e of [...ERAS, western_]) {
      invalid.set(e, fail(C.TX_WAREKI_INVALID_DATE, { eraJa: e.ja, eraEn: e.en }));
      outside.set(e, fail(C.TX_WAREKI_OUTSIDE_ERA, { eraJa: e.ja, eraEn: e.en, from: show(e.first), to: show(e.last) }));
    }

    /** Checks one y/m/d (00 allowed for m/d when keepZero) against an era's span. */
    const finish = (era: Era, y: number, m: number, d: number, v: string, mmddAt: number): string | TransformFailure => {
      if (m === 0 || d === 0) {
        if (!keepZero) return partial;
        if (m > 12 || (m === 0 && d !== 0) || (d !== 0 && d > daysInMonth(y, m)) || y < 1) return invalid.get(era)!;
        const lo = y * 10000 + (m || 1) * 100 + (d || 1);
        const hi = y * 10000 + (m || 12) * 100 + (d || daysInMonth(y, m || 12));
        if (hi < era.first || lo > era.last) return outside.get(era)!;
        return format(y, m, d);
      }
      if (!isRealDate(y, m, d)) return invalid.get(era)!;
      const n = y * 10000 + m * 100 + d;
      if (n < era.first || n > era.last) return outside.get(era)!;
      // Common case: YYYYMMDD out, so the month and day digits are copied as they came.
      return plainOut && y >= 1000 ? String(y) + v.slice(mmddAt, mmddAt + 4) : format(y, m, d);
    };

    const toPattern = (args.to as string | undefined) ?? 'YYYYMMDD';
    const plainOut = toPattern === 'YYYYMMDD';
    /** Digits at [from, from+len) as a number, or −1 if any is not an ASCII digit (no regex, no slice). */
    const num = (v: string, from: number, len: number): number => {
      let n = 0;
      for (let i = from; i < from + len; i++) {
        const c = v.charCodeAt(i) - 48;
        if (c < 0 || c > 9) return -1;
        n = n * 10 + c;
      }
      return n;
    };
    const fixedCodeLen = Number(mode);
    // Output: digits computed from the input, and the characters of the `to` pattern.
    return withLiterals((v: string) => {
      let codeLen: number;
      if (mode === 'auto') {
        if (western !== undefined && v.startsWith(western) && v.length === western.length + 8) codeLen = western.length;
        else codeLen = v.length === 7 ? 1 : v.length === 8 ? 2 : -1;
        if (unknown !== undefined && v.startsWith(unknown) && (v.length === unknown.length + 6 || v.length === unknown.length)) codeLen = unknown.length;
        if (codeLen < 0) return badFormat;
      } else {
        codeLen = fixedCodeLen;
      }
      const code = codeLen === 1 ? v[0]! : v.slice(0, codeLen);
      if (unknown !== undefined && code === unknown) return rejectUnknown ? unknownDate : '';
      if (western !== undefined && code === western) {
        if (v.length !== codeLen + 8) return badFormat;
        const y = num(v, codeLen, 4);
        const m = num(v, codeLen + 4, 2);
        const d = num(v, codeLen + 6, 2);
        if (y < 0 || m < 0 || d < 0) return badFormat;
        return finish(western_, y, m, d, v, codeLen + 4);
      }
      if (v.length !== codeLen + 6) return badFormat;
      const yy = num(v, codeLen, 2);
      const m = num(v, codeLen + 2, 2);
      const d = num(v, codeLen + 4, 2);
      if (yy < 0 || m < 0 || d < 0) return badFormat;
      const era = codes.get(code);
      if (!era) return fail(C.TX_WAREKI_ERA_UNKNOWN, { era: code });
      if (yy === 0) return invalid.get(era)!;
      return finish(era, Math.floor(era.first / 10000) + yy - 1, m, d, v, codeLen + 2);
    }, [toPattern]);
  },
};
