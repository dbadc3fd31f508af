import { describe, it, expect } from 'vitest';
import { charClassTester } from '../../src/layouts/index.ts';

describe('x-charClass', () => {
  const zen = charClassTester('zenkaku');
  it('zenkaku accepts kanji, U+3000, PUA 外字, plane-16 MJ+, astral ideographs and IVS', () => {
    for (const s of ['山田　太郎', '髙\uE000', '\u{100000}', '𠮟', '辻\u{E0100}', '葛\uFE00', '×÷§', '１丁目２番']) expect(zen(s), s).toBe(0);
  });
  it('zenkaku rejects ASCII, half-width kana, controls, U+FFFD and unpaired surrogates, giving the position', () => {
    expect(zen('山田 太郎')).toBe(3);
    expect(zen('ﾔﾏﾀﾞ')).toBe(1);
    expect(zen('山\uFFFD')).toBe(2);
    expect(zen('𠮟\uD800')).toBe(2);
    expect(zen('山\t')).toBe(2);
    expect(zen('é')).toBe(1);
    expect(zen('\u{10FFFE}')).toBe(1);
  });
  it('hankakuKana accepts U+FF61–FF9F and space only', () => {
    const t = charClassTester('hankakuKana');
    expect(t('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe(0);
    expect(t('ﾔﾏﾀﾞA')).toBe(5);
    expect(t('ヤ')).toBe(1);
  });
  it('zenkakuKana accepts full-width katakana, ー, ・ and U+3000, not hiragana or half-width', () => {
    const t = charClassTester('zenkakuKana');
    expect(t('ヤマダ　タロウ・ヴァー')).toBe(0);
    expect(t('やまだ')).toBe(1);
    expect(t('ヤマダ ')).toBe(4);
  });
  it('digits and alnum are ASCII only; zenkakuDigits only full-width', () => {
    expect(charClassTester('digits')('0123456789')).toBe(0);
    expect(charClassTester('digits')('12３')).toBe(3);
    expect(charClassTester('alnum')('aZ09')).toBe(0);
    expect(charClassTester('alnum')('a-b')).toBe(2);
    expect(charClassTester('zenkakuDigits')('１２３')).toBe(0);
    expect(charClassTester('zenkakuDigits')('123')).toBe(1);
  });
  it('a list of classes allows the union', () => {
    const t = charClassTester(['zenkakuKana', 'zenkakuHiragana']);
    expect(t('やまだ　タロウ')).toBe(0);
    expect(t('山')).toBe(1);
  });
  it('counts the position in code points', () => {
    expect(charClassTester('zenkaku')('𠮟𠮟a')).toBe(3);
  });
});
