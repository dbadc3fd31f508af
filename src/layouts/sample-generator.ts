/**
 * Deterministic sample records for any compiled layout: valid ones with realistic synthetic
 * Japanese values (invented people, invented street addresses), and deliberately broken ones that
 * say which field is broken and which finding the validator must raise. Everything is driven by
 * the field rules the engine compiled (lengths, character classes, dates, code lists, patterns),
 * and every value is checked with the engine's own validator before it is returned, so a layout
 * the generator cannot satisfy fails loudly here instead of producing bad fixtures.
 */
import type { CompiledLayout } from './compile.ts';
import type { FieldDef } from './fields.ts';
import type { CodeList } from './code-lists.ts';
import { withSpecCheckDigit } from './check-digit-spec.ts';
import { generateValidator, type FieldIssue, type RecordValidator } from './fast-validator.ts';
import type { LayoutFindingCode } from './finding-codes.ts';
import { charClassTester } from './char-class.ts';
import { charLength, byteLengthFunction } from './text-length.ts';
import { ERAS, type DateSpec } from './dates.ts';
import { samplePattern, type Rng } from './sample-regex.ts';
import { dantaiCheckDigitOf, withCheckDigit, withWrongCheckDigit } from './check-digits.ts';
import {
  SURNAMES, HARD_SURNAMES, MALE_NAMES, FEMALE_NAMES, MUNICIPALITIES, MACHIAZA, KATAGAKI, ORG_STEMS, ORG_KINDS,
  FREE_TEXT_BY_TITLE, FREE_TEXT_DEFAULT, KENMEI,
} from './sample-words.ts';

export type { Rng } from './sample-regex.ts';

/** mulberry32: small, fast, good enough for fixtures; the same seed always gives the same records. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Fault = 'length' | 'charClass' | 'date' | 'code' | 'required' | 'pattern' | 'checkDigit';
export const FAULTS: readonly Fault[] = ['length', 'charClass', 'date', 'code', 'required', 'pattern', 'checkDigit'];

/** An invented person. `shimei`/`shimeiKana` separate 姓 and 名 with U+3000. */
export interface Persona {
  sei: string;
  mei: string;
  seiKana: string;
  meiKana: string;
  shimei: string;
  shimeiKana: string;
  /** YYYYMMDD */
  seinengappi: string;
  /** seibetsu code: 1 男, 2 女 */
  seibetsu: '1' | '2';
}

export interface Municipality {
  /** 6 digits with check digit. */
  dantaiCode: string;
  todofuken: string;
  shikuchoson: string;
}

export interface RecordOptionsBase {
  /** Values to use as they are for these field ids (keys shared across files, a known person…). */
  fixed?: Readonly<Record<string, string>>;
  /** The person the record is about: fills shimei, shimeiKana, seinengappi, seibetsu (and 姓/名 fields). */
  persona?: Persona;
  municipality?: Municipality;
  /** Probability that an optional field gets a value (default 0.8). */
  fillOptional?: number;
}
export interface ValidOptions extends RecordOptionsBase {
  variant: 'valid';
}
export interface InvalidOptions extends RecordOptionsBase {
  variant: 'invalid';
  fault: Fault;
  /** Break this field (it must be able to carry the fault); default: a random field that can. */
  field?: string;
}
export interface InvalidRecord {
  values: string[];
  /** Id of the broken field. */
  field: string;
  fault: Fault;
  /** The finding code the validator must raise for `field`. */
  code: LayoutFindingCode;
}

const fieldValidators = new WeakMap<FieldDef, RecordValidator>();

/** The engine's own check for one field, so generator and validator cannot disagree. */
function fieldIssues(field: FieldDef, codeLists: ReadonlyMap<string, CodeList>, value: string): FieldIssue[] {
  let v = fieldValidators.get(field);
  if (!v) {
    v = generateValidator([{ ...field, index: 0 }], codeLists);
    fieldValidators.set(field, v);
  }
  const out: FieldIssue[] = [];
  v([value], out);
  return out;
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const ZEN_DIGITS = '０１２３４５６７８９';
const zen = (n: number): string => String(n).replace(/[0-9]/g, (d) => ZEN_DIGITS[Number(d)]);

export function dantaiCheckDigit(code5: string): string {
  return String(dantaiCheckDigitOf(code5));
}

export function randomMunicipality(rng: Rng): Municipality {
  const [code5, todofuken, shikuchoson] = pick(rng, MUNICIPALITIES);
  return { dantaiCode: code5 + dantaiCheckDigit(code5), todofuken, shikuchoson };
}

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function randomYmd(rng: Rng, fromYear: number, toYear: number): [number, number, number] {
  const y = int(rng, fromYear, toYear);
  const m = int(rng, 1, 12);
  return [y, m, int(rng, 1, daysIn(y, m))];
}

export function randomPersona(rng: Rng, sex?: '1' | '2'): Persona {
  const seibetsu = sex ?? (rng() < 0.5 ? '1' : '2');
  const [sei, seiKana] = rng() < 0.05 ? pick(rng, HARD_SURNAMES) : pick(rng, SURNAMES);
  const [mei, meiKana] = pick(rng, seibetsu === '1' ? MALE_NAMES : FEMALE_NAMES);
  const [y, m, d] = randomYmd(rng, 1935, 2022);
  return {
    sei, mei, seiKana, meiKana,
    shimei: `${sei}\u3000${mei}`,
    shimeiKana: `${seiKana}\u3000${meiKana}`,
    seinengappi: `${y}${pad(m, 2)}${pad(d, 2)}`,
    seibetsu,
  };
}

const HALF_KANA_FULL = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー\u3000';
const HALF_KANA_HALF = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｱｲｳｴｵﾔﾕﾖﾂｰ ';

/** Full-width katakana → half-width as banks write account names (small kana become large). */
export function toHankakuKana(text: string): string {
  let out = '';
  for (const c of text.normalize('NFD')) {
    const i = HALF_KANA_FULL.indexOf(c);
    if (i >= 0) out += HALF_KANA_HALF[i];
    else if (c === '\u3099') out += 'ﾞ';
    else if (c === '\u309a') out += 'ﾟ';
    else out += c;
  }
  return out;
}

/** Per-record state: which invented people and organisation the record talks about. */
interface Ctx {
  rng: Rng;
  muni: Municipality;
  personas: Map<string, Persona>;
  org?: readonly [string, string];
}

const PERSON_SUFFIX = /(Shimei|ShimeiKana|shimei|shimeiKana|Seinengappi|seinengappi|Seibetsu|seibetsu)$/;

function personaFor(ctx: Ctx, id: string): Persona {
  const prefix = id.replace(PERSON_SUFFIX, '');
  let p = ctx.personas.get(prefix);
  if (!p) {
    const sex = /chichi|yofu/.test(prefix) ? '1' : /haha|yobo/.test(prefix) ? '2' : undefined;
    p = randomPersona(ctx.rng, sex);
    ctx.personas.set(prefix, p);
  }
  return p;
}

function orgFor(ctx: Ctx): readonly [string, string] {
  if (!ctx.org) {
    const [s, sk] = pick(ctx.rng, ORG_STEMS);
    const [k, kk] = pick(ctx.rng, ORG_KINDS);
    ctx.org = [`${s}${k}`, `${sk}${kk}`];
  }
  return ctx.org;
}

function orgName(ctx: Ctx, title: string): string {
  const [name] = orgFor(ctx);
  const stem = name.replace(/(商事|建設|運輸|食品|電機|不動産)$/, '');
  if (title.includes('学校')) return `${ctx.muni.shikuchoson.replace(/[市区]$/, '')}市立${stem}小学校`;
  if (title.includes('施設')) return `${stem}保育園`;
  if (title.includes('医療機関')) return `${stem}クリニック`;
  if (title.includes('投票所')) return `${stem}公民館`;
  return `株式会社${name}`;
}

function orgKana(ctx: Ctx, title: string): string {
  const [, kana] = orgFor(ctx);
  if (title.includes('学校')) return `${kana.replace(/(ショウジ|ケンセツ|ウンユ|ショクヒン|デンキ|フドウサン)$/, '')}ショウガッコウ`;
  if (title.includes('施設')) return `${kana.replace(/(ショウジ|ケンセツ|ウンユ|ショクヒン|デンキ|フドウサン)$/, '')}ホイクエン`;
  return `カブシキガイシャ${kana}`;
}

function banchi(rng: Rng): string {
  return `${zen(int(rng, 1, 9))}丁目${zen(int(rng, 1, 30))}番${zen(int(rng, 1, 20))}号`;
}

function address(ctx: Ctx, title: string): string {
  const r = ctx.rng;
  if (title.includes('都道府県')) return ctx.muni.todofuken;
  if (title.includes('市区町村')) return ctx.muni.shikuchoson;
  if (title.includes('町字')) return pick(r, MACHIAZA);
  if (title.includes('番地')) return banchi(r);
  if (title.includes('方書')) return `${pick(r, KATAGAKI)}\u3000${zen(int(r, 1, 5))}０${zen(int(r, 1, 9))}号室`;
  if (title.includes('家屋番号')) return `${zen(int(r, 1, 999))}番${zen(int(r, 1, 20))}の${zen(int(r, 1, 3))}`;
  if (title.includes('地番')) return `${zen(int(r, 1, 999))}番${zen(int(r, 1, 20))}`;
  return `${ctx.muni.todofuken}${ctx.muni.shikuchoson}${pick(r, MACHIAZA)}${banchi(r)}`;
}

function freeText(ctx: Ctx, field: FieldDef): string {
  const r = ctx.rng;
  if (field.id === 'kenmei' || field.title === '件名') return pick(r, KENMEI);
  if (field.title.includes('標識番号')) return `${ctx.muni.shikuchoson}\u3000${pick(r, ['あ', 'い', 'う', 'か', 'さ'])}\u3000${zen(int(r, 1000, 9999))}`;
  if (field.title.includes('発信者') || field.title.includes('宛先')) return `${ctx.muni.shikuchoson}長`;
  if (field.title.includes('ファイル名')) return `doc_${pad(int(r, 1, 9999), 4)}.pdf`;
  for (const [frag, values] of FREE_TEXT_BY_TITLE) if (field.title.includes(frag)) return pick(r, values);
  return pick(r, FREE_TEXT_DEFAULT);
}

function maxOf(field: FieldDef, unit: 'characters' | 'bytes'): number | undefined {
  let m: number | undefined;
  for (const l of field.rules.lengths) if (l.unit === unit && l.max !== undefined) m = Math.min(m ?? Infinity, l.max);
  if (unit === 'characters' && field.rules.maxLength !== undefined) m = Math.min(m ?? Infinity, field.rules.maxLength);
  return m;
}
function minChars(field: FieldDef): number {
  let m = field.rules.minLength ?? 0;
  for (const l of field.rules.lengths) if (l.unit === 'characters' && l.min !== undefined) m = Math.max(m, l.min);
  return m;
}

function digitsValue(ctx: Ctx, field: FieldDef): string {
  const r = ctx.rng;
  const max = maxOf(field, 'characters') ?? 10;
  const min = minChars(field);
  if (field.fieldClass === 'number') {
    const digits = int(r, 1, Math.max(1, Math.min(max, field.title.includes('額') || field.title.includes('金') || field.title.includes('所得') || field.title.includes('控除') || field.title.includes('料') || field.title.includes('税') ? 7 : 2)));
    const n = digits === 1 ? int(r, 0, 9) : int(r, 10 ** (digits - 1), 10 ** digits - 1);
    return String(n).padStart(min, '0');
  }
  if (min === max) {
    let s = '';
    for (let i = 0; i < max; i++) s += String(int(r, 0, 9));
    return s;
  }
  const len = int(r, Math.max(min, 1), Math.min(max, 10));
  let s = String(int(r, 1, 9));
  while (s.length < len) s += String(int(r, 0, 9));
  return s;
}

function alnumValue(ctx: Ctx, field: FieldDef): string {
  const max = maxOf(field, 'characters') ?? 10;
  const min = minChars(field);
  const len = int(ctx.rng, Math.max(min, 1), Math.max(Math.max(min, 1), Math.min(max, 10)));
  const chars = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
  let s = '';
  for (let i = 0; i < len; i++) s += pick(ctx.rng, chars.split(''));
  return s;
}

function randomDate(ctx: Ctx, field: FieldDef, spec: DateSpec, persona?: Persona): string {
  const r = ctx.rng;
  const birth = /seinengappi|Seinengappi/.test(field.id) || field.title.includes('生年月日');
  let ymd: [number, number, number];
  if (birth && persona) {
    const s = persona.seinengappi;
    ymd = [Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8))];
  } else {
    ymd = birth ? randomYmd(r, 1935, 2022) : randomYmd(r, 2005, 2026);
  }
  let [y, m, d] = ymd;
  if (spec.format === 'wareki' && y * 10000 + m * 100 + d < 19261225) [y, m, d] = [1927, m, d];
  const unknownDay = spec.allowUnknown === true && r() < 0.03;
  if (spec.format === 'YYYYMMDD') return `${y}${pad(m, 2)}${unknownDay ? '00' : pad(d, 2)}`;
  const n = y * 10000 + m * 100 + d;
  const era = ERAS.find((e) => n >= e.from && n <= e.to)!;
  const code = r() < 0.5 ? String(era.code) : pad(era.code, 2);
  return `${code}${pad(y - era.firstYear + 1, 2)}${pad(m, 2)}${unknownDay ? '00' : pad(d, 2)}`;
}

/** Realistic candidate from the field's class, title and character class (checked by the caller). */
function realistic(ctx: Ctx, field: FieldDef, persona: Persona | undefined): string | undefined {
  const r = ctx.rng;
  const id = field.id;
  const cc = field.rules.charClasses[0] ?? [];
  const about = (pid: string) => (persona && PERSON_SUFFIX.test(pid) && pid.replace(PERSON_SUFFIX, '') === '' ? persona : personaFor(ctx, pid));
  if (id === 'dantaiCode') return ctx.muni.dantaiCode;
  if (id === 'uji') return (persona ?? personaFor(ctx, '')).sei;
  if (id === 'mei') return (persona ?? personaFor(ctx, '')).mei;
  if (id === 'ujiFurigana') return (persona ?? personaFor(ctx, '')).seiKana;
  if (id === 'meiFurigana') return (persona ?? personaFor(ctx, '')).meiKana;
  if (/[Ss]eibetsu$/.test(id)) return about(id).seibetsu;
  if (/[Yy]ubinNo$/.test(id)) return pad(int(r, 0, 9999999), 7);
  if (field.title.includes('㎡')) return `${int(r, 30, 999)}.${pad(int(r, 0, 99), 2)}`;
  if (/[Dd]enwaNo$/.test(id)) return `0${int(r, 3, 99)}-${int(r, 100, 9999)}-${pad(int(r, 0, 9999), 4)}`;
  const title = field.title;
  switch (field.fieldClass) {
    case 'name':
      if (cc.includes('ascii')) return pick(r, ['SMITH JOHN', 'NGUYEN VAN AN', 'WANG LI', 'KIM MINJUN', 'SILVA MARIA']);
      if (/名称|法人名|学校名|施設|投票所|医療機関/.test(title) || /meisho|Mei$/.test(id)) return orgName(ctx, title);
      return about(id).shimei;
    case 'kanaName':
      if (cc.includes('hankakuKana')) return toHankakuKana((persona ?? personaFor(ctx, '')).shimeiKana);
      if (id === 'meishoKana' || /MeiKana$/.test(id)) return orgKana(ctx, title);
      return about(id).shimeiKana;
    case 'address':
      return address(ctx, title);
    case 'date':
      if (maxOf(field, 'characters') === 4) return String(int(r, 2018, 2026));
      if (maxOf(field, 'characters') === 6) return `${int(r, 2018, 2026)}${pad(int(r, 1, 12), 2)}`;
      return undefined;
    default:
      break;
  }
  if (cc.includes('digits') && cc.length === 1) return digitsValue(ctx, field);
  if (cc.includes('alnum') && !cc.includes('hankakuKana')) return alnumValue(ctx, field);
  if (cc.includes('zenkakuKana')) return (persona ?? personaFor(ctx, '')).shimeiKana;
  if (cc.includes('ascii')) return alnumValue(ctx, field);
  if (cc.length === 0 || cc.includes('zenkaku')) return freeText(ctx, field);
  return undefined;
}

/** Cut to the field's maxima (an IVS selector stays with its base) and pad to its minimum. */
function fit(field: FieldDef, value: string): string {
  const maxC = maxOf(field, 'characters');
  const byteRules = field.rules.lengths.filter((l) => l.unit === 'bytes' && l.max !== undefined);
  const units: string[] = [];
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    const selector = (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
    if (selector && units.length > 0) units[units.length - 1] += ch;
    else units.push(ch);
  }
  let out = '';
  let count = 0;
  for (const u of units) {
    const next = out + u;
    if (maxC !== undefined && count + 1 > maxC) break;
    if (byteRules.some((l) => byteLengthFunction(l.charset ?? 'cp932')(next) > l.max!)) break;
    out = next;
    count++;
  }
  const min = minChars(field);
  while (charLength(out) < min) out += out.length > 0 ? Array.from(out).at(-1) : '0';
  return out;
}

function codeCandidates(field: FieldDef, codeLists: ReadonlyMap<string, CodeList>): string[] {
  const lists = field.rules.codeLists.map((n) => codeLists.get(n)!);
  let codes = lists[0].codes.map((c) => c.code);
  for (const l of lists.slice(1)) codes = codes.filter((c) => l.set.has(c));
  return codes.filter((c) => fieldIssues(field, codeLists, c).length === 0);
}

function validValue(ctx: Ctx, field: FieldDef, codeLists: ReadonlyMap<string, CodeList>, persona: Persona | undefined): string {
  const ok = (v: string | undefined): v is string => v !== undefined && v !== '' && fieldIssues(field, codeLists, v).length === 0;
  const r = ctx.rng;
  // Identifiers get their published check digit put right (the other digits stay random).
  const kind = field.rules.identifiers[0];
  const cd = field.rules.checkDigits[0];
  const fixCd = (v: string | undefined): string | undefined => {
    if (!cd || v === undefined || !/^[0-9]{2,}$/.test(v)) return v;
    let data = cd.position === 'first' ? v.slice(1) : v.slice(0, -1);
    // Some data digits have no check digit under the rule (a value ≥ 10 not in its map): step the last one.
    for (let k = 0; k < 10; k++) {
      const w = withSpecCheckDigit(cd, data);
      if (w !== undefined) return w;
      data = data.slice(0, -1) + String((Number(data.at(-1)) + 1) % 10);
    }
    return v;
  };
  const fixId = (v: string | undefined): string | undefined => fixCd(kind !== undefined && v !== undefined ? withCheckDigit(kind, v) : v);
  if (field.rules.codeLists.length > 0) {
    const codes = codeCandidates(field, codeLists);
    const sex = /[Ss]eibetsu$/.test(field.id) ? realistic(ctx, field, persona) : undefined;
    if (ok(sex)) return sex;
    if (codes.length > 0) return pick(r, codes);
  }
  if (field.rules.enums.length > 0) {
    const vals = field.rules.enums[0].map(String).filter((v) => ok(v));
    if (vals.length > 0) return pick(r, vals);
  }
  for (let attempt = 0; attempt < 12; attempt++) {
    if (field.rules.dates.length > 0) {
      const v = randomDate(ctx, field, field.rules.dates[0], persona);
      if (ok(v)) return v;
      continue;
    }
    const real = fixId(realistic(ctx, field, persona));
    if (ok(real)) return real;
    if (real !== undefined && ok(fixId(fit(field, real)))) return fixId(fit(field, real))!;
    for (const p of field.rules.patterns) {
      const s = samplePattern(p, r);
      if (ok(s)) return s;
      if (s !== undefined && ok(fit(field, s))) return fit(field, s);
    }
  }
  throw new Error(`sample generator: cannot produce a valid value for field ${field.id} (${field.title})`);
}

function buildValid(layout: CompiledLayout, rng: Rng, opts: RecordOptionsBase, forceFill?: string): string[] {
  const ctx: Ctx = { rng, muni: opts.municipality ?? randomMunicipality(rng), personas: new Map() };
  const persona = opts.persona ?? personaFor(ctx, '');
  ctx.personas.set('', persona);
  const fill = opts.fillOptional ?? 0.8;
  return layout.fields.map((f) => {
    const fixed = opts.fixed?.[f.id];
    if (fixed !== undefined) return fixed;
    // Draw the fill decision first so a record's other values do not depend on it.
    const filled = f.required || f.id === forceFill || rng() < fill;
    const v = validValue(ctx, f, layout.codeLists, persona);
    return filled ? v : '';
  });
}

/** Field ids of `layout` that can carry `fault`. */
export function faultFields(layout: CompiledLayout, fault: Fault): string[] {
  return layout.fields.filter((f) => canCarry(f, fault)).map((f) => f.id);
}

function canCarry(f: FieldDef, fault: Fault): boolean {
  const r = f.rules;
  switch (fault) {
    case 'required': return f.required;
    case 'length': return maxOf(f, 'characters') !== undefined || r.lengths.some((l) => l.max !== undefined);
    case 'charClass': return r.charClasses.length > 0;
    case 'date': return r.dates.length > 0;
    case 'code': return r.codeLists.length > 0;
    case 'pattern': return r.patterns.length > 0;
    case 'checkDigit': return r.identifiers.some((k) => k === 'mynumber' || k === 'houjinNo' || k === 'dantaiCode') || r.checkDigits.length > 0;
  }
}

const BAD_CHARS = ['A', 'ｱ', 'あ', '＃', '1', '-', ' ', '漢', '\u3000'];

function breakValue(fault: Fault, f: FieldDef, valid: string, rng: Rng, codeLists: ReadonlyMap<string, CodeList>): [string, LayoutFindingCode] | undefined {
  const raises = (v: string, code: LayoutFindingCode) => fieldIssues(f, codeLists, v).some((i) => i.code === code);
  switch (fault) {
    case 'required':
      return ['', 'LAYOUT_REQUIRED'];
    case 'length': {
      let v = valid === '' ? '0' : valid;
      const filler = Array.from(v).at(-1)!;
      for (let i = 0; i < 2000 && !raises(v, 'LAYOUT_TOO_LONG'); i++) v += filler;
      return raises(v, 'LAYOUT_TOO_LONG') ? [v, 'LAYOUT_TOO_LONG'] : undefined;
    }
    case 'charClass': {
      const test = charClassTester(f.rules.charClasses[0]);
      const bad = BAD_CHARS.find((c) => test(c) !== 0);
      if (!bad) return undefined;
      const rest = Array.from(valid).slice(1).join('');
      const v = bad + rest;
      return raises(v, 'LAYOUT_CHAR_CLASS') ? [v, 'LAYOUT_CHAR_CLASS'] : undefined;
    }
    case 'date': {
      const spec = f.rules.dates[0];
      if (spec.format === 'YYYYMMDD') {
        const y = /^\d{4}/.test(valid) ? valid.slice(0, 4) : '2023';
        return [`${y}0230`, 'LAYOUT_DATE_INVALID'];
      }
      // 昭和64年1月8日 does not exist: 平成 began that day.
      return [valid.length === 8 ? '03640108' : '3640108', 'LAYOUT_DATE_OUTSIDE_ERA'];
    }
    case 'code': {
      const list = codeLists.get(f.rules.codeLists[0])!;
      const w = Array.from(valid || list.codes[0].code).length;
      for (const d of ['9', '8', '7', '0', '6', '5', 'X', 'Z']) {
        const v = d.repeat(w);
        if (!list.set.has(v)) return [v, 'LAYOUT_CODE_UNKNOWN'];
      }
      return ['ZZ', 'LAYOUT_CODE_UNKNOWN'];
    }
    case 'checkDigit': {
      for (const kind of f.rules.identifiers) {
        const v = withWrongCheckDigit(kind, valid === '' ? '0'.repeat(kind === 'mynumber' ? 12 : kind === 'houjinNo' ? 13 : 6) : valid, int(rng, 0, 8));
        if (v !== undefined && raises(v, 'LAYOUT_CHECK_DIGIT')) return [v, 'LAYOUT_CHECK_DIGIT'];
      }
      for (const spec of f.rules.checkDigits) {
        if (!/^[0-9]{2,}$/.test(valid)) continue;
        const at = spec.position === 'first' ? 0 : valid.length - 1;
        for (let k = 1; k <= 9; k++) {
          const v = valid.slice(0, at) + String((Number(valid[at]) + k) % 10) + valid.slice(at + 1);
          if (raises(v, 'LAYOUT_CHECK_DIGIT')) return [v, 'LAYOUT_CHECK_DIGIT'];
        }
      }
      return undefined;
    }
    case 'pattern': {
      const re = f.rules.patterns.map((p) => new RegExp(p, 'u'));
      const cc = f.rules.charClasses[0] ? charClassTester(f.rules.charClasses[0]) : () => 0;
      const alphabet = '0123456789-.AZT';
      const chars = Array.from(valid);
      // Prefer a value that breaks only the pattern (same length, same character class).
      for (let i = 0; i < 400; i++) {
        const c = chars.slice();
        const pos = int(rng, 0, Math.max(0, c.length - 1));
        const op = i % 3;
        if (op === 0) c[pos] = alphabet[int(rng, 0, alphabet.length - 1)];
        else if (op === 1) c.splice(pos, 1);
        else c.splice(pos, 0, alphabet[int(rng, 0, 9)]);
        const v = c.join('');
        if (v !== '' && !re.every((r) => r.test(v)) && cc(v) === 0 && fieldIssues(f, codeLists, v).every((x) => x.code === 'LAYOUT_PATTERN')) {
          return [v, 'LAYOUT_PATTERN'];
        }
      }
      for (const v of ['X', '-', '0', '00000000000000']) if (raises(v, 'LAYOUT_PATTERN')) return [v, 'LAYOUT_PATTERN'];
      return undefined;
    }
  }
}

/**
 * One record for `layout`, values in column order.
 * - `{ variant: 'valid' }` (default): passes `layout.validateRecord`.
 * - `{ variant: 'invalid', fault }`: a valid record with one field broken; returns the values,
 *   the broken field and the finding code `validateRecord` must raise for it.
 * Throws (a programming error, not a data finding) when the layout has no field that can carry
 * the fault — check with `faultFields` first.
 */
export function generateRecord(layout: CompiledLayout, rng: Rng, opts?: ValidOptions): string[];
export function generateRecord(layout: CompiledLayout, rng: Rng, opts: InvalidOptions): InvalidRecord;
export function generateRecord(layout: CompiledLayout, rng: Rng, opts: ValidOptions | InvalidOptions = { variant: 'valid' }): string[] | InvalidRecord {
  if (opts.variant === 'valid') return buildValid(layout, rng, opts);
  const candidates = opts.field !== undefined ? [opts.field] : faultFields(layout, opts.fault);
  if (opts.field !== undefined && !faultFields(layout, opts.fault).includes(opts.field)) {
    throw new Error(`sample generator: field ${opts.field} of ${layout.id} cannot carry a ${opts.fault} fault`);
  }
  if (candidates.length === 0) throw new Error(`sample generator: no field of ${layout.id} can carry a ${opts.fault} fault`);
  const start = int(rng, 0, candidates.length - 1);
  for (let k = 0; k < candidates.length; k++) {
    const id = candidates[(start + k) % candidates.length];
    const values = buildValid(layout, rng, opts, id);
    const index = layout.fieldIndex.get(id)!;
    const broken = breakValue(opts.fault, layout.fields[index], values[index], rng, layout.codeLists);
    if (!broken) continue;
    values[index] = broken[0];
    return { values, field: id, fault: opts.fault, code: broken[1] };
  }
  throw new Error(`sample generator: could not break any field of ${layout.id} with a ${opts.fault} fault`);
}

