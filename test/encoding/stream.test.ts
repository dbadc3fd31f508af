import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getCharset, type ByteIssue, type CharsetCodec } from '../../src/encoding/index.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** The one-shot answer a stream must reproduce: BOM skipped at byte 0, absolute offsets. */
function oneShot(cs: CharsetCodec, bytes: Uint8Array) {
  const bom = cs.bomLength(bytes);
  const rest = bytes.subarray(bom);
  return {
    text: cs.decode(rest),
    issues: cs.findInvalid(rest).map((i) => ({ ...i, offset: i.offset + bom })),
    bom: bom > 0,
  };
}

function streamed(cs: CharsetCodec, bytes: Uint8Array, cuts: number[]) {
  const d = cs.createStreamDecoder();
  let text = '';
  const issues: ByteIssue[] = [];
  let boms = 0;
  let prev = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length]) {
    // A fresh copy per chunk: the decoder must not keep a view into a buffer the caller reuses.
    const r = d.write(bytes.slice(prev, cut));
    prev = cut;
    text += r.text;
    issues.push(...r.issues);
    if (r.bom) boms++;
  }
  const r = d.end();
  text += r.text;
  issues.push(...r.issues);
  if (r.bom) boms++;
  expect(boms).toBeLessThanOrEqual(1);
  return { text, issues, bom: boms === 1 };
}

/** Bytes that are mostly real text in the charset, with random garbage and a cut at the end mixed in. */
function sample(cs: CharsetCodec) {
  const texts = fc.string({ unit: fc.constantFrom(...'aあ漢字ｱ,\n"～纊①\ue000\ue757髙😀〜𠮟') as fc.Arbitrary<string>, maxLength: 12 });
  const piece = fc.oneof(
    texts.map((t) => cs.encode(t).bytes),
    fc.uint8Array({ maxLength: 4 }),
    fc.constantFrom(Uint8Array.of(0xef, 0xbb, 0xbf), Uint8Array.of(0x8f), Uint8Array.of(0x81), Uint8Array.of(0xf0, 0x9f)),
  );
  return fc.array(piece, { maxLength: 10 }).map((ps) => Uint8Array.from(ps.flatMap((p) => [...p])));
}

describe.each(['cp932', 'euc-jp', 'utf-8'])('stream decoder %s', (name) => {
  const cs = getCharset(name);

  it('equals the one-shot decode with 1-byte chunks, truncated sequences at EOF included', () => {
    const text = 'ID,氏名\n1,山田\ue000太郎～\n2,髙橋①ｱ\n';
    for (const tail of [[], [0x81], [0x8f, 0xb0], [0xe3, 0x81], [0xa4], [0xf0, 0x9f, 0x98]]) {
      const bytes = Uint8Array.from([...(name === 'utf-8' ? [0xef, 0xbb, 0xbf] : []), ...cs.encode(text).bytes, ...tail]);
      const cuts = [...Array(bytes.length).keys()];
      expect(streamed(cs, bytes, cuts)).toEqual(oneShot(cs, bytes));
    }
  });

  it('equals the one-shot decode for random chunking of random input', () => {
    fc.assert(
      fc.property(sample(cs), fc.array(fc.nat(200), { maxLength: 8 }), (bytes, cuts) => {
        expect(streamed(cs, bytes, cuts)).toEqual(oneShot(cs, bytes));
      }),
      { numRuns: RUNS },
    );
  });
});

describe.each(['cp932', 'euc-jp', 'utf-8'])('decodeChecked %s', (name) => {
  const cs = getCharset(name);
  it('equals decode + findInvalid, on clean and broken input', () => {
    fc.assert(
      fc.property(sample(cs), (bytes) => {
        expect(cs.decodeChecked(bytes)).toEqual({ text: cs.decode(bytes), issues: cs.findInvalid(bytes) });
      }),
      { numRuns: RUNS },
    );
  });
});
