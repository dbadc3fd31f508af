import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeBinary, decodePacked, decodeZonedAscii, decodeZonedEbcdic, formatDecimal, signTable, DEFAULT_SIGNS,
  type NumberIssue,
} from '../../src/readers/fixed/numbers.ts';

const dflt = signTable(DEFAULT_SIGNS);
const vendor = signTable({ positive: 'ACEF', negative: 'BD' });
const b = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
const packed = (hex: string, scale = 0, signs = dflt, digits?: number) => { const x = b(hex); return decodePacked(x, 0, x.length, { scale, signs, digits }); };
const zoned = (hex: string, scale = 0, signs = dflt, digits?: number) => { const x = b(hex); return decodeZonedEbcdic(x, 0, x.length, { scale, signs, digits }); };
const zonedA = (ascii: string, scale = 0) => { const x = Uint8Array.from(Buffer.from(ascii, 'latin1')); return decodeZonedAscii(x, 0, x.length, { scale, signs: dflt }); };

/** Independent test-side encoders (from BigInt), to check decoding against. */
function encodePacked(v: bigint, bytes: number, sign: number): Uint8Array {
  const digits = (v < 0n ? -v : v).toString().padStart(bytes * 2 - 1, '0');
  const nibbles = [...digits].map(Number).concat(sign);
  const out = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) out[i] = (nibbles[2 * i]! << 4) | nibbles[2 * i + 1]!;
  return out;
}
function encodeZoned(v: bigint, bytes: number, sign: number): Uint8Array {
  const digits = (v < 0n ? -v : v).toString().padStart(bytes, '0');
  const out = Uint8Array.from([...digits].map((d) => 0xf0 | Number(d)));
  out[bytes - 1] = (sign << 4) | (out[bytes - 1]! & 15);
  return out;
}

describe('sign nibbles', () => {
  // Every one of the 16 nibbles, under the default (C/D/F) and a vendor (A–F, B/D negative) setting.
  const expectDefault: Record<number, string | null> = { 0xc: '123', 0xd: '-123', 0xf: '123' };
  const expectVendor: Record<number, string | null> = { 0xa: '123', 0xb: '-123', 0xc: '123', 0xd: '-123', 0xe: '123', 0xf: '123' };
  for (let n = 0; n < 16; n++) {
    const h = n.toString(16).toUpperCase();
    it(`nibble ${h}: packed and zoned, default and vendor settings`, () => {
      for (const [signs, table] of [[dflt, expectDefault], [vendor, expectVendor]] as const) {
        const p = packed(`123${h}`, 0, signs);
        const z = zoned(`F1F2${h}3`, 0, signs);
        const want = table[n];
        if (want) {
          expect(p).toBe(want);
          expect(z).toBe(want);
        } else if (n <= 9) {
          // A digit nibble in the sign position: packed reports the sign; zoned too.
          expect((p as NumberIssue).code).toBe('FIX_BAD_SIGN');
          expect((z as NumberIssue).code).toBe('FIX_BAD_SIGN');
        } else {
          expect(p).toMatchObject({ code: 'FIX_BAD_SIGN', at: 1, sign: h });
          expect(z).toMatchObject({ code: 'FIX_BAD_SIGN', at: 2, sign: h });
        }
      }
    });
  }
});

describe('scale, negative zero, precision', () => {
  it('implied decimal places', () => {
    expect(packed('12345C', 0)).toBe('12345');
    expect(packed('12345C', 1)).toBe('1234.5');
    expect(packed('12345C', 2)).toBe('123.45');
    expect(packed('12345D', 5)).toBe('-0.12345');
    expect(packed('00005C', 3)).toBe('0.005');
    expect(packed('00005D', 4)).toBe('-0.0005');
    expect(zoned('F0F0F1F2C5', 2)).toBe('1.25');
    expect(zoned('F0F0F0F0D1', 2)).toBe('-0.01');
    expect(formatDecimal('0000', false, 0)).toBe('0');
    expect(formatDecimal('7', false, 3)).toBe('0.007');
  });

  it('negative zero becomes zero (with its scale)', () => {
    expect(packed('0D')).toBe('0');
    expect(packed('00000D', 2)).toBe('0.00');
    expect(zoned('F0D0')).toBe('0');
    expect(zoned('F0F0D0', 1)).toBe('0.0');
    expect(zonedA('00}')).toBe('0');
    expect(zonedA('0p')).toBe('0');
  });

  it('31-digit maximum precision is exact', () => {
    const max = 10n ** 31n - 1n;
    expect(decodePacked(encodePacked(max, 16, 0xc), 0, 16, { scale: 0, signs: dflt })).toBe(max.toString());
    expect(decodePacked(encodePacked(-max, 16, 0xd), 0, 16, { scale: 0, signs: dflt })).toBe((-max).toString());
    expect(decodePacked(encodePacked(max, 16, 0xc), 0, 16, { scale: 10, signs: dflt })).toBe('999999999999999999999.9999999999');
    expect(decodeZonedEbcdic(encodeZoned(-max, 31, 0xd), 0, 31, { scale: 0, signs: dflt })).toBe((-max).toString());
  });

  it('property: packed and zoned decode what a BigInt encoder wrote, any scale', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 31n - 1n), max: 10n ** 31n - 1n }), fc.integer({ min: 0, max: 9 }), (v, scale) => {
      const neg = v < 0n;
      const abs = (neg ? -v : v).toString().padStart(scale + 1, '0');
      const want = (neg ? '-' : '') + (scale ? abs.slice(0, -scale) + '.' + abs.slice(-scale) : abs);
      expect(decodePacked(encodePacked(v, 16, neg ? 0xd : 0xc), 0, 16, { scale, signs: dflt })).toBe(want);
      expect(decodeZonedEbcdic(encodeZoned(v, 31, neg ? 0xd : 0xf), 0, 31, { scale, signs: dflt })).toBe(want);
    }), { numRuns: 500 });
  });

  it('declared digits: more significant digits is an overflow', () => {
    expect(packed('12345C', 0, dflt, 3)).toMatchObject({ code: 'FIX_NUMBER_OVERFLOW', at: 0, digits: 3 });
    expect(packed('00345C', 0, dflt, 3)).toBe('345');
    expect(zoned('F1F2F3F4C5', 0, dflt, 4)).toMatchObject({ code: 'FIX_NUMBER_OVERFLOW' });
  });
});

describe('bad nibbles', () => {
  it('packed: a digit nibble above 9, pointing at its byte', () => {
    expect(packed('1A3C')).toMatchObject({ code: 'FIX_BAD_NIBBLE', at: 0, nibble: 'digit' });
    expect(packed('123B0C')).toMatchObject({ code: 'FIX_BAD_NIBBLE', at: 1 });
    expect(packed('00F00C')).toMatchObject({ code: 'FIX_BAD_NIBBLE', at: 1 });
    expect(packed('000F0C')).toMatchObject({ code: 'FIX_BAD_NIBBLE', at: 1, nibble: 'digit' });
  });
  it('zoned: a zone that is not F, a digit above 9', () => {
    expect(zoned('F1C2C3')).toMatchObject({ code: 'FIX_BAD_NIBBLE', at: 1, nibble: 'zone' });
    expect(zoned('F1FAC3')).toMatchObject({ code: 'FIX_BAD_NIBBLE', at: 1, nibble: 'digit' });
    expect(zoned('4040C3')).toMatchObject({ code: 'FIX_BAD_NIBBLE', at: 0, nibble: 'zone' });
  });
});

describe('ASCII zoned with overpunch', () => {
  it('plain digits, EBCDIC-converted overpunch and Micro Focus sign', () => {
    expect(zonedA('00123')).toBe('123');
    expect(zonedA('12{')).toBe('120');
    expect(zonedA('12A')).toBe('121');
    expect(zonedA('12I')).toBe('129');
    expect(zonedA('12}')).toBe('-120');
    expect(zonedA('12J')).toBe('-121');
    expect(zonedA('12R')).toBe('-129');
    expect(zonedA('12p')).toBe('-120');
    expect(zonedA('12y', 2)).toBe('-1.29');
    expect(zonedA('1 3')).toMatchObject({ code: 'FIX_BAD_NIBBLE', at: 1 });
    expect(zonedA('12S')).toMatchObject({ code: 'FIX_BAD_SIGN', at: 2, sign: '53' });
  });
});

describe('binary', () => {
  const bin = (hex: string, signed: boolean, littleEndian = false, scale = 0, digits?: number) => { const x = b(hex); return decodeBinary(x, 0, x.length, { signed, littleEndian, scale, digits }); };
  it('big and little endian, signed and unsigned, 1–8 bytes', () => {
    expect(bin('FF', true)).toBe('-1');
    expect(bin('FF', false)).toBe('255');
    expect(bin('FFFE', true)).toBe('-2');
    expect(bin('FEFF', true, true)).toBe('-2');
    expect(bin('00000190', true, false, 2)).toBe('4.00');
    expect(bin('90010000', true, true, 2)).toBe('4.00');
    expect(bin('80000000', true)).toBe('-2147483648');
    expect(bin('FFFFFFFFFFFF', false)).toBe('281474976710655');
    expect(bin('FFFFFFFFFFFFFFFF', true)).toBe('-1');
    expect(bin('FFFFFFFFFFFFFFFF', false)).toBe('18446744073709551615');
    expect(bin('8000000000000000', true)).toBe('-9223372036854775808');
    expect(bin('7FFFFFFFFFFFFFFF', true, false, 4)).toBe('922337203685477.5807');
    expect(bin('00FFFFFFFFFFFFFF', false)).toBe((2n ** 56n - 1n).toString());
    expect(bin('FFFF', true, false, 2)).toBe('-0.01');
    expect(bin('2710', false, false, 0, 4)).toMatchObject({ code: 'FIX_NUMBER_OVERFLOW' });
  });
  it('property: 8-byte values match BigInt', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.boolean(), (v, le) => {
      const buf = Buffer.alloc(8);
      if (le) buf.writeBigInt64LE(v); else buf.writeBigInt64BE(v);
      expect(decodeBinary(buf, 0, 8, { signed: true, littleEndian: le, scale: 0 })).toBe(v.toString());
    }), { numRuns: 300 });
  });
});
