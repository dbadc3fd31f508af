import { describe, it, expect } from 'vitest';
import {
  checkDate, DATE_OK, DATE_BAD_FORMAT, DATE_IMPOSSIBLE, DATE_PARTIAL_NOT_ALLOWED, DATE_UNKNOWN_ERA, DATE_OUTSIDE_ERA,
} from '../../src/layouts/dates.ts';

const ymd = { format: 'YYYYMMDD' as const };
const ymdPartial = { format: 'YYYYMMDD' as const, allowUnknown: true };
const wareki = { format: 'wareki' as const };
const warekiPartial = { format: 'wareki' as const, allowUnknown: true };

describe('x-date YYYYMMDD', () => {
  it('accepts real dates and leap days', () => {
    for (const s of ['19890107', '20000229', '20240229', '18680101', '99991231']) expect(checkDate(s, ymd), s).toBe(DATE_OK);
  });
  it('rejects impossible dates', () => {
    for (const s of ['19000229', '20230229', '20240431', '20241301', '00000101', '20241232']) expect(checkDate(s, ymd), s).toBe(DATE_IMPOSSIBLE);
  });
  it('rejects non-digit or wrong-length forms', () => {
    for (const s of ['2024-1-1', '2024010', '202401011', '２０２４０１０１', '2024O101']) expect(checkDate(s, ymd), s).toBe(DATE_BAD_FORMAT);
  });
  it('accepts 00 month/day only when the field allows unknown parts', () => {
    expect(checkDate('19800300', ymd)).toBe(DATE_PARTIAL_NOT_ALLOWED);
    expect(checkDate('19800000', ymd)).toBe(DATE_PARTIAL_NOT_ALLOWED);
    expect(checkDate('19800300', ymdPartial)).toBe(DATE_OK);
    expect(checkDate('19800000', ymdPartial)).toBe(DATE_OK);
    expect(checkDate('19800015', ymdPartial)).toBe(DATE_IMPOSSIBLE);
  });
});

describe('x-date wareki (era code + YYMMDD)', () => {
  it('accepts 1- and 2-digit era codes', () => {
    expect(checkDate('3550301', wareki)).toBe(DATE_OK);
    expect(checkDate('03550301', wareki)).toBe(DATE_OK);
    expect(checkDate('5070401', wareki)).toBe(DATE_OK);
    expect(checkDate('05070401', wareki)).toBe(DATE_OK);
  });
  it('checks era boundaries inside years', () => {
    expect(checkDate('3640107', wareki)).toBe(DATE_OK); // 昭和64年1月7日
    expect(checkDate('3640108', wareki)).toBe(DATE_OUTSIDE_ERA); // 昭和64年1月8日
    expect(checkDate('4010107', wareki)).toBe(DATE_OUTSIDE_ERA); // 平成元年1月7日
    expect(checkDate('4010108', wareki)).toBe(DATE_OK); // 平成元年1月8日
    expect(checkDate('4310430', wareki)).toBe(DATE_OK); // 平成31年4月30日
    expect(checkDate('04310501', wareki)).toBe(DATE_OUTSIDE_ERA); // 平成31年5月1日
    expect(checkDate('5010430', wareki)).toBe(DATE_OUTSIDE_ERA); // 令和元年4月30日
    expect(checkDate('5010501', wareki)).toBe(DATE_OK);
    expect(checkDate('1450729', wareki)).toBe(DATE_OK); // 明治45年7月29日
    expect(checkDate('1450730', wareki)).toBe(DATE_OUTSIDE_ERA);
    expect(checkDate('2010730', wareki)).toBe(DATE_OK); // 大正元年7月30日
    expect(checkDate('2151225', wareki)).toBe(DATE_OUTSIDE_ERA); // 大正15年12月25日 = 昭和元年
    expect(checkDate('3011225', wareki)).toBe(DATE_OK);
    expect(checkDate('3011224', wareki)).toBe(DATE_OUTSIDE_ERA);
    expect(checkDate('4320101', wareki)).toBe(DATE_OUTSIDE_ERA); // 平成32年
  });
  it('rejects unknown era codes and year 00', () => {
    expect(checkDate('6010101', wareki)).toBe(DATE_UNKNOWN_ERA);
    expect(checkDate('0550301', wareki)).toBe(DATE_UNKNOWN_ERA);
    expect(checkDate('13550301', wareki)).toBe(DATE_UNKNOWN_ERA);
    expect(checkDate('3000301', wareki)).toBe(DATE_IMPOSSIBLE);
  });
  it('checks the calendar of the Gregorian year (平成4年 = 1992 is a leap year, 平成5年 is not)', () => {
    expect(checkDate('4040229', wareki)).toBe(DATE_OK);
    expect(checkDate('4050229', wareki)).toBe(DATE_IMPOSSIBLE);
  });
  it('partial dates: valid when the unknown part could fall inside the era', () => {
    expect(checkDate('3640100', warekiPartial)).toBe(DATE_OK); // 昭和64年1月(不詳日)
    expect(checkDate('3640000', warekiPartial)).toBe(DATE_OK);
    expect(checkDate('3640200', warekiPartial)).toBe(DATE_OUTSIDE_ERA);
    expect(checkDate('3640100', wareki)).toBe(DATE_PARTIAL_NOT_ALLOWED);
  });
  it('rejects wrong lengths and non-digits', () => {
    for (const s of ['355030', '3550301x', '035503011', 'S550301']) expect(checkDate(s, wareki), s).toBe(DATE_BAD_FORMAT);
  });
});
