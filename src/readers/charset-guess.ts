import { charsetLabel, detectBom, getCharset, type ByteIssue } from '../encoding/index.ts';

export { charsetLabel };

/** Bytes looked at to guess a charset: enough for dozens of records. */
export const GUESS_BYTES = 64 * 1024;

export type GuessedCharset = 'utf-8' | 'cp932' | 'euc-jp';

export interface CharsetGuess {
  name: GuessedCharset;
  /**
   * Why: a UTF-8 BOM; non-ASCII text that is valid UTF-8; bytes valid in CP932 only or EUC-JP
   * only; valid in both, decided by the kana EUC-JP would give (`kana-in-euc-jp`, `no-kana-in-euc-jp`);
   * nothing to go on (`default`: pure ASCII, CP932, the usual export); or valid in none
   * (`fewest-invalid`: the charset with the fewest bad sequences).
   */
  reason: 'bom' | 'valid-utf-8' | 'valid-cp932' | 'valid-euc-jp' | 'kana-in-euc-jp' | 'no-kana-in-euc-jp' | 'default' | 'fewest-invalid';
  /** Per charset tried: bad sequences in the sample (a character cut by the sample's end is not one), and the first one's offset. */
  tried: { charset: GuessedCharset; invalid: number; firstInvalidAt?: number }[];
  /** The same, as short English phrases for people ("valid CP932; EUC-JP: 12 invalid sequences, first at byte 40"). */
  evidence: string;
}

/** Bad sequences of `bytes` in `charset`, leaving out a multibyte character cut by the end of the sample. */
function invalidIn(charset: GuessedCharset, bytes: Uint8Array, sampleIsWhole: boolean): ByteIssue[] {
  const issues = getCharset(charset).findInvalid(bytes);
  if (sampleIsWhole || issues.length === 0) return issues;
  const last = issues[issues.length - 1]!;
  return last.kind === 'truncated' && last.offset + last.length >= bytes.length ? issues.slice(0, -1) : issues;
}

/** Hiragana and full-width katakana: in real Japanese text they are everywhere; EUC-JP read from CP932 bytes gives almost none. */
function kanaShare(text: string): number {
  let kana = 0;
  let wide = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    wide++;
    if (c >= 0x3041 && c <= 0x30fa) kana++;
  }
  return wide === 0 ? 0 : kana / wide;
}

/**
 * Which of UTF-8, CP932 and EUC-JP the first bytes of a file are, with the evidence. For tools
 * that look at data (peek, `mapping init`, the charset hint of the CSV reader); a conversion
 * always uses the charset its mapping states.
 *
 * CP932 text with kanji or kana is practically never valid UTF-8, so non-ASCII bytes that decode
 * strictly as UTF-8 are a strong sign. CP932 lead bytes 0x81–0x9F (every hiragana, most kanji)
 * are invalid in EUC-JP, so CP932 text is rarely valid EUC-JP; EUC-JP text, whose bytes are all
 * 0xA1–0xFE, often is valid CP932 (as half-width kana and stray kanji). When both decode, the
 * EUC-JP reading is taken when it gives kana — real text has them, CP932 bytes read as EUC-JP
 * give almost none.
 */
export function guessCsvCharset(head: Uint8Array, sampleIsWhole = false): CharsetGuess {
  const sample = head.subarray(0, GUESS_BYTES);
  const whole = sampleIsWhole && head.length <= GUESS_BYTES;
  if (detectBom(sample)?.encoding === 'utf-8') return { name: 'utf-8', reason: 'bom', tried: [], evidence: 'UTF-8 byte-order mark' };
  if (!sample.some((b) => b >= 0x80)) return { name: 'cp932', reason: 'default', tried: [], evidence: 'only ASCII bytes: any of the charsets reads them the same' };
  const tried = (['utf-8', 'cp932', 'euc-jp'] as const).map((charset) => {
    const issues = invalidIn(charset, sample, whole);
    return { charset, invalid: issues.length, ...(issues.length > 0 ? { firstInvalidAt: issues[0]!.offset } : {}) };
  });
  const phrase = (t: (typeof tried)[number]) => t.invalid === 0 ? `valid ${charsetLabel(t.charset)}` : `${charsetLabel(t.charset)}: ${t.invalid} invalid sequence${t.invalid === 1 ? '' : 's'}, first at byte ${t.firstInvalidAt}`;
  const evidence = (extra?: string) => tried.map(phrase).join('; ') + (extra ? `; ${extra}` : '');
  const [u, c, e] = tried as [typeof tried[number], typeof tried[number], typeof tried[number]];
  if (u.invalid === 0) return { name: 'utf-8', reason: 'valid-utf-8', tried, evidence: evidence() };
  if (c.invalid === 0 && e.invalid > 0) return { name: 'cp932', reason: 'valid-cp932', tried, evidence: evidence() };
  if (e.invalid === 0 && c.invalid > 0) return { name: 'euc-jp', reason: 'valid-euc-jp', tried, evidence: evidence() };
  if (c.invalid === 0 && e.invalid === 0) {
    const share = kanaShare(getCharset('euc-jp').decode(sample));
    const pct = `${Math.round(share * 100)}% of the EUC-JP reading is kana`;
    return share >= 0.05
      ? { name: 'euc-jp', reason: 'kana-in-euc-jp', tried, evidence: evidence(pct) }
      : { name: 'cp932', reason: 'no-kana-in-euc-jp', tried, evidence: evidence(pct) };
  }
  const best = [c, e, u].reduce((a, b) => (b.invalid < a.invalid ? b : a));
  return { name: best.charset, reason: 'fewest-invalid', tried, evidence: evidence() };
}

/**
 * The charset bytes that are invalid in `declared` look like, when another charset reads all of
 * them cleanly; else undefined. The CSV reader asks this for the first record with bad bytes near
 * the start of a file, so its first finding can say how to declare the charset.
 */
export function charsetHint(bytes: Uint8Array, declared: string): CharsetGuess | undefined {
  const guess = guessCsvCharset(bytes, true);
  if (guess.name === declared || guess.reason === 'default' || guess.reason === 'fewest-invalid') return undefined;
  return guess.tried.find((t) => t.charset === guess.name)?.invalid === 0 ? guess : undefined;
}
