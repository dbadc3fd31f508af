import { describe, expect, it } from 'vitest';
import { MappingCodes as C } from '../../src/mapping/finding-codes.ts';
import { TRANSFORMS } from '../../src/mapping/transforms/index.ts';
import { tx } from './helpers.ts';

const code = (r: unknown) => (typeof r === 'string' ? `ok:${r}` : (r as { fail: string }).fail);

describe('trim', () => {
  it('removes half-width spaces, tabs and U+3000 at both ends only', () => {
    expect(tx('trim')('\u3000 山田\u3000太郎 \u3000\t')).toBe('山田\u3000太郎');
    expect(tx('trim', { side: 'left' })('\u3000a\u3000')).toBe('a\u3000');
    expect(tx('trim', { side: 'right' })('\u3000a\u3000')).toBe('\u3000a');
    expect(tx('trim')('\u3000\u3000')).toBe('');
  });
});

describe('width', () => {
  const kana = tx('width', { mode: 'hankakuKanaToZenkaku' });
  it('composes voiced and semi-voiced half-width kana', () => {
    expect(kana('ｶﾞ')).toBe('ガ');
    expect(kana('ﾊﾟ')).toBe('パ');
    expect(kana('ｳﾞ')).toBe('ヴ');
    expect(kana('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe('ヤマダ タロウ');
    expect(kana('ﾎﾟﾝﾁﾞｮ')).toBe('ポンヂョ');
    expect(kana('ｼｮｳｺﾞ')).toBe('ショウゴ');
  });
  it('leaves a dakuten that cannot compose as a full-width mark, and ASCII alone', () => {
    expect(kana('ｱﾞ')).toBe('ア゛');
    expect(kana('ﾏﾟ')).toBe('マ゜');
    expect(kana('AB-1')).toBe('AB-1');
    expect(kana('ｯｰ｡')).toBe('ッー。');
  });
  it('toZenkaku converts ASCII and the space too', () => {
    expect(tx('width', { mode: 'toZenkaku' })('A1 ｶﾞ-')).toBe('Ａ１\u3000ガ－');
  });
  it('toHankaku splits voiced kana into base + dakuten and is the inverse of kana composition', () => {
    const h = tx('width', { mode: 'toHankaku' });
    expect(h('ガギグ　パピプ　ヴ')).toBe('ｶﾞｷﾞｸﾞ ﾊﾟﾋﾟﾌﾟ ｳﾞ');
    expect(h('ＡＢＣ１２３')).toBe('ABC123');
    const all = 'アイウエオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー';
    expect(kana(h(all) as string)).toBe(all);
  });
  it('asciiToHankaku keeps kana full-width', () => {
    expect(tx('width', { mode: 'asciiToHankaku' })('ＡＢ　ガ')).toBe('AB ガ');
  });
});

describe('wareki', () => {
  const w1 = tx('wareki');
  it('converts era digit + YYMMDD', () => {
    expect(w1('3550301')).toBe('19800301');
    expect(w1('1450729')).toBe('19120729');
    expect(w1('5010501')).toBe('20190501');
  });
  it.each([
    ['明治45年7月29日 last day', '1450729', 'ok:19120729'],
    ['明治45年7月30日 is 大正', '1450730', C.TX_WAREKI_OUTSIDE_ERA],
    ['大正元年7月30日', '2010730', 'ok:19120730'],
    ['大正元年7月29日 is 明治', '2010729', C.TX_WAREKI_OUTSIDE_ERA],
    ['大正15年12月24日', '2151224', 'ok:19261224'],
    ['大正15年12月25日 is 昭和', '2151225', C.TX_WAREKI_OUTSIDE_ERA],
    ['昭和元年12月25日', '3011225', 'ok:19261225'],
    ['昭和元年12月24日 is 大正', '3011224', C.TX_WAREKI_OUTSIDE_ERA],
    ['昭和64年1月7日', '3640107', 'ok:19890107'],
    ['昭和64年1月8日 is 平成', '3640108', C.TX_WAREKI_OUTSIDE_ERA],
    ['平成元年1月8日', '4010108', 'ok:19890108'],
    ['平成元年1月7日 is 昭和', '4010107', C.TX_WAREKI_OUTSIDE_ERA],
    ['平成31年4月30日', '4310430', 'ok:20190430'],
    ['平成31年5月1日 is 令和', '4310501', C.TX_WAREKI_OUTSIDE_ERA],
    ['令和元年5月1日', '5010501', 'ok:20190501'],
    ['令和元年4月30日 is 平成', '5010430', C.TX_WAREKI_OUTSIDE_ERA],
  ])('%s', (_, input, want) => {
    expect(code(w1(input))).toBe(want);
  });
  it('rejects impossible dates, year 00, wrong lengths, non-digits and unknown eras', () => {
    expect(code(w1('3550230'))).toBe(C.TX_WAREKI_INVALID_DATE);
    expect(code(w1('4080229'))).toBe('ok:19960229');
    expect(code(w1('4070229'))).toBe(C.TX_WAREKI_INVALID_DATE);
    expect(code(w1('3000101'))).toBe(C.TX_WAREKI_INVALID_DATE);
    expect(code(w1('355030'))).toBe(C.TX_WAREKI_FORMAT);
    expect(code(w1('35503011'))).toBe(C.TX_WAREKI_FORMAT);
    expect(code(w1('355O301'))).toBe(C.TX_WAREKI_FORMAT);
    expect(code(w1('7550301'))).toBe(C.TX_WAREKI_ERA_UNKNOWN);
  });
  it('reads 2-digit era codes (中間標準 年号コード) when configured, and auto-detects by length', () => {
    const w2 = tx('wareki', { eraDigits: '2' });
    expect(code(w2('03550301'))).toBe('ok:19800301');
    expect(code(w2('3550301'))).toBe(C.TX_WAREKI_FORMAT);
    const auto = tx('wareki', { eraDigits: 'auto' });
    expect(code(auto('03550301'))).toBe('ok:19800301');
    expect(code(auto('3550301'))).toBe('ok:19800301');
    expect(code(auto('04310501'))).toBe(C.TX_WAREKI_OUTSIDE_ERA);
  });
  it('takes a custom era code table', () => {
    const w = tx('wareki', { eras: { S: 'showa', H: '平成' } });
    expect(code(w('S550301'))).toBe('ok:19800301');
    expect(code(w('H310430'))).toBe('ok:20190430');
    expect(code(w('3550301'))).toBe(C.TX_WAREKI_ERA_UNKNOWN);
  });
  it('handles the 西暦 and unknown codes as configured', () => {
    const w = tx('wareki', { westernCode: '0', unknownCode: '9', onUnknown: 'empty' });
    expect(code(w('019800301'))).toBe('ok:19800301');
    expect(code(w('019800230'))).toBe(C.TX_WAREKI_INVALID_DATE);
    expect(code(w('9000000'))).toBe('ok:');
    expect(code(tx('wareki', { unknownCode: '9' })('9000000'))).toBe(C.TX_WAREKI_UNKNOWN_DATE);
    expect(code(w1('019800301'))).toBe(C.TX_WAREKI_FORMAT);
  });
  it('rejects or keeps 00 month/day, still checking the era span', () => {
    expect(code(w1('3550300'))).toBe(C.TX_WAREKI_PARTIAL_DATE);
    const keep = tx('wareki', { zeroMonthDay: 'keep' });
    expect(code(keep('3550300'))).toBe('ok:19800300');
    expect(code(keep('3550000'))).toBe('ok:19800000');
    expect(code(keep('3640100'))).toBe('ok:19890100');
    expect(code(keep('3640200'))).toBe(C.TX_WAREKI_OUTSIDE_ERA);
    expect(code(keep('3550001'))).toBe(C.TX_WAREKI_INVALID_DATE);
  });
  it('formats the output as asked', () => {
    expect(tx('wareki', { to: 'YYYY-MM-DD' })('3550301')).toBe('1980-03-01');
  });
});

describe('date', () => {
  it('reformats and validates', () => {
    const d = tx('date', { from: ['YYYY/MM/DD', 'YYYY/M/D'] });
    expect(d('1980/03/01')).toBe('19800301');
    expect(d('1980/3/1')).toBe('19800301');
    expect(code(d('1980/02/30'))).toBe(C.TX_DATE_INVALID);
    expect(code(d('1980-03-01'))).toBe(C.TX_DATE_FORMAT);
    expect(tx('date', { from: ['YYYYMMDD'], to: 'YYYY年M月D日' })('20000229')).toBe('2000年2月29日');
    expect(code(tx('date', { from: ['YYYYMMDD'] })('19000229'))).toBe(C.TX_DATE_INVALID);
  });
});

describe('codeMap', () => {
  it('maps, and rejects / keeps / defaults unknown codes', () => {
    expect(tx('codeMap', { table: { '1': '01', '2': '02' } })('2')).toBe('02');
    expect(code(tx('codeMap', { table: { '1': '01' } })('3'))).toBe(C.TX_CODE_UNKNOWN);
    expect(tx('codeMap', { table: { '1': '01' }, onMissing: 'keep' })('3')).toBe('3');
    expect(tx('codeMap', { table: { '1': '01' }, default: '99' })('3')).toBe('99');
  });
});

describe('text transforms', () => {
  it('pad', () => {
    expect(tx('pad', { length: 5 })('42')).toBe('00042');
    expect(tx('pad', { length: 4, side: 'right', char: '　' })('山田')).toBe('山田　　');
    expect(tx('pad', { length: 2 })('𠮟a')).toBe('𠮟a');
    expect(tx('pad', { length: 2 })('123')).toBe('123');
    expect(code(tx('pad', { length: 2, onLonger: 'reject' })('123'))).toBe(C.TX_PAD_TOO_LONG);
  });
  it('split on any of several separators', () => {
    const first = tx('split', { separator: [' ', '　'], index: 1 });
    const second = tx('split', { separator: [' ', '　'], index: 2 });
    expect(first('山田　太郎')).toBe('山田');
    expect(second('山田 太郎')).toBe('太郎');
    expect(second('山田')).toBe('');
    expect(code(tx('split', { separator: [' '], index: 3, onMissing: 'reject' })('a b'))).toBe(C.TX_SPLIT_MISSING);
    expect(tx('split', { separator: [' '], index: 2, rest: true })('a b c')).toBe('b c');
  });
  it('join skips empty parts by default', () => {
    const def = TRANSFORMS.get('join')!;
    if (def.kind !== 'combine') throw new Error('join must combine');
    const j = def.create({ separator: '　' }, null as never);
    expect(j(['東京都', '', '千代田区'])).toBe('東京都　千代田区');
    expect(def.create({ separator: '-', skipEmpty: false }, null as never)(['a', '', 'b'])).toBe('a--b');
  });
  it('upper, lower, substring by characters, literal replace, digitsOnly', () => {
    expect(tx('upper')('abｃ')).toBe('ABＣ');
    expect(tx('lower')('AB')).toBe('ab');
    expect(tx('substring', { start: 2, length: 2 })('𠮟田太郎')).toBe('田太');
    expect(tx('substring', { start: 2 })('abc')).toBe('bc');
    expect(tx('replace', { from: '.*', to: '-' })('a.*b.*')).toBe('a-b-');
    expect(tx('digitsOnly')('１２３-4567')).toBe('1234567');
    expect(code(tx('digitsOnly', { mode: 'check' })('123-4567'))).toBe(C.TX_NOT_DIGITS);
  });
});
