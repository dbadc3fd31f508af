import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseString } from 'fast-csv';
import { getCharset } from '../../src/encoding/index.ts';
import { cp932, readWithCuts } from './helpers.ts';

/** fast-csv (the design card's parser) is the correctness reference on valid CSV. */
function fastCsvRows(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString(text, { headers: false })
      .on('data', (r: string[]) => rows.push(r))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

const fieldChar = fc.constantFrom('a', 'Z', '0', ' ', '"', ',', '\r', '\n', 'あ', '山', '髙', 'ｶ', '－', '№');
const field = fc.array(fieldChar, { maxLength: 8 }).map((cs) => cs.join(''));
const row = fc.array(field, { minLength: 1, maxLength: 6 });
const terminator = fc.constantFrom('\r\n', '\n', '\r');

/**
 * Valid CSV: values holding quote, delimiter or a line break are quoted; others sometimes. A
 * whitespace-only first value is quoted too: fast-csv empties it when unquoted (a fast-csv quirk;
 * RFC 4180 and chukan keep spaces, see docs/READER.md).
 */
const csvFile = fc
  .record({
    rows: fc.array(fc.tuple(row, fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), terminator), { minLength: 1, maxLength: 12 }),
    trailing: fc.boolean(),
  })
  .map(({ rows, trailing }) =>
    rows
      .map(([fields, quoteIt, term], i) => {
        const line = fields
          .map((v, j) =>
            quoteIt[j] || /[",\r\n]/.test(v) || (fields.length === 1 && v === '') || (j === 0 && /^ +$/.test(v))
              ? `"${v.replaceAll('"', '""')}"`
              : v,
          )
          .join(',');
        return line + (i < rows.length - 1 || trailing ? term : '');
      })
      .join(''),
  );

const cutsFor = (len: number) => fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, len - 1) }), { maxLength: 10 });

describe('CSV reader agrees with fast-csv on valid CSV', () => {
  it('UTF-8, random chunking', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, fc.array(fc.nat(), { maxLength: 10 }), async (text, rawCuts) => {
        const bytes = Buffer.from(text, 'utf8');
        const cuts = [...new Set(rawCuts.map((c) => 1 + (c % Math.max(1, bytes.length - 1))))].filter((c) => c < bytes.length).sort((a, b) => a - b);
        const ours = readWithCuts(bytes, cuts, { charset: getCharset('utf-8') });
        expect(ours.records.map((r) => r.fields)).toEqual(await fastCsvRows(text));
        expect(ours.records.flatMap((r) => r.findings)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('CP932 (with 外字), random chunking', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile.map((t) => t.replaceAll('Z', '\uE000')), async (text) => {
        const bytes = cp932(text);
        return fc.assert(
          fc.asyncProperty(cutsFor(bytes.length), async (cuts) => {
            const ours = readWithCuts(bytes, [...cuts].filter((c) => c < bytes.length).sort((a, b) => a - b));
            expect(ours.records.map((r) => r.fields)).toEqual(await fastCsvRows(text));
          }),
          { numRuns: 3 },
        );
      }),
      { numRuns: 300 },
    );
  });

  it('the generator really produces the hard cases', () => {
    const samples = fc.sample(csvFile, { numRuns: 300, seed: 42 }).join('');
    for (const s of ['""', '"\r\n', '\r', ',,', 'あ']) expect(samples).toContain(s);
  });
});
