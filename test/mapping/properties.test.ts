import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hankakuKanaToZenkaku, toHankaku } from '../../src/mapping/transforms/width.ts';
import { tx } from './helpers.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 500);

/** Independent oracle: era by Intl's Japanese calendar (ICU), which knows the same boundaries. */
const fmt = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', timeZone: 'UTC' });
const ERA_CODE: Record<string, string> = { 明治: '1', 大正: '2', 昭和: '3', 平成: '4', 令和: '5' };

describe('properties', () => {
  it('wareki agrees with ICU’s Japanese calendar for every day 1873–2100', () => {
    const w = tx('wareki');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1873, 0, 1) / 864e5, max: Date.UTC(2100, 11, 31) / 864e5 }), (dayNo) => {
        const d = new Date(dayNo * 864e5);
        const parts = fmt.formatToParts(d);
        const era = parts.find((p) => p.type === 'era')!.value;
        const yearPart = parts.find((p) => p.type === 'year')!.value;
        const yy = yearPart === '元' ? 1 : Number(yearPart);
        const mmdd = String(d.getUTCMonth() + 1).padStart(2, '0') + String(d.getUTCDate()).padStart(2, '0');
        const input = ERA_CODE[era]! + String(yy).padStart(2, '0') + mmdd;
        const iso = d.toISOString().slice(0, 10).replaceAll('-', '');
        expect(w(input)).toBe(iso);
        // The same calendar day written in the neighbouring era code is never accepted.
        for (const other of Object.values(ERA_CODE)) {
          if (other === ERA_CODE[era]) continue;
          const r = w(other + input.slice(1));
          if (typeof r === 'string') expect(r).not.toBe(iso);
        }
      }),
      { numRuns: runs },
    );
  });

  it('half-width kana → full-width → half-width is the identity on composable text', () => {
    const halfKana = fc.constantFrom(...Array.from({ length: 0xff9d - 0xff66 + 1 }, (_, i) => String.fromCharCode(0xff66 + i)), 'ｶﾞ', 'ﾊﾟ', 'ｳﾞ', 'ﾎﾟ', 'ﾄﾞ', ' ', 'A', '1');
    fc.assert(
      fc.property(fc.array(halfKana, { maxLength: 20 }), (parts) => {
        const s = parts.join('');
        expect(toHankaku(hankakuKanaToZenkaku(s))).toBe(s);
      }),
      { numRuns: runs },
    );
  });

  it('trim never leaves a space at the ends and never changes the inside', () => {
    const t = tx('trim');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(' ', '\u3000', '\t', 'a', '山', 'ｱ'), { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        const r = t(s) as string;
        expect(r).not.toMatch(/^[ \u3000\t]|[ \u3000\t]$/);
        expect(s.includes(r)).toBe(true);
      }),
      { numRuns: runs },
    );
  });
});
