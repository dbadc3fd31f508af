/**
 * Matching keys for 名寄せ and duplicate detection — NEVER used to rewrite delivered names
 * (STANDARD.md §3: folding tables are for matching only).
 *
 * The 異体字 table below is chukan's own, small and hand-made (MIT like the rest of chukan): the
 * old/variant forms that most often split one person's records in municipal data, each folded to
 * the common form. It is deliberately not the MJ縮退マップ (CC BY-SA 2.1 JP, share-alike) nor
 * itaiji-normalize's data (CC BY-SA): bundling either would put derived tables under share-alike
 * terms. A delivery that needs the full map can load one at run time (extraFolds).
 */

/** variant → common form. Keep each line one family; comments name the family. */
const ITAIJI_FAMILIES: readonly string[] = [
  '高髙', // たか (はしごだか)
  '崎﨑嵜碕', // さき (たつさき)
  '辺邊邉', // べ
  '斉齊斎齋', // さい (斉藤/斎藤 are folded together for matching only)
  '沢澤', '浜濱濵', '広廣', '国國圀', '徳德', '恵惠', '寿壽', '村邨', '島嶋嶌', '富冨', '蔵藏',
  '瀬瀨', '竜龍', '万萬', '真眞', '関關', '実實', '栄榮', '桜櫻', '館舘', '円圓', '浅淺', '条條',
  '伝傳', '藤籐', '槙槇', '桧檜', '来來', '学學', '芸藝', '覚覺',
  '会會', '野埜', '峰峯', '島嶹', '凛凜', '曽曾', '柳栁', '黒黑', '穂穗', '弥彌',
  '与與', '亀龜', '礼禮', '郎郞', '吉𠮷', '鴎鷗', '桑桒',
];

const FOLD = new Map<number, string>();
for (const fam of ITAIJI_FAMILIES) {
  const chars = Array.from(fam);
  for (const c of chars.slice(1)) {
    if (c === chars[0]) continue;
    if (FOLD.has(c.codePointAt(0)!)) throw new Error(`異体字 table folds ${c} twice`);
    FOLD.set(c.codePointAt(0)!, chars[0]);
  }
}
for (const target of FOLD.values()) if (FOLD.has(target.codePointAt(0)!)) throw new Error(`異体字 table folds onto ${target}, which is itself folded`);

/** Number of variant characters the built-in table folds (for docs and tests). */
export const ITAIJI_FOLD_COUNT = FOLD.size;

export function itaijiFold(cp: number): string | undefined {
  return FOLD.get(cp);
}

const SPACES = /[\s\u3000]+/g;
const VS = /[\ufe00-\ufe0f]|\udb40[\udd00-\uddef]/g;

/**
 * Kanji name key: NFKC (compatibility ideographs, full-width letters), variation selectors removed,
 * 異体字 folded, spaces removed, ヶ/ヵ/ケ folded.
 */
/** Characters NFKC may change (compatibility forms, width variants, enclosed/squared forms, VS). */
const NFKC_CANDIDATE = /[\u00a0-\u036f\u2000-\u2fff\u3001-\u303f\u3099-\u309f\u3200-\u33ff\uf900-\ufaff\ufe00-\ufe6f\uff00-\uffef\ud800-\udfff]/;

export function kanjiNameKey(name: string, extraFolds?: ReadonlyMap<string, string>): string {
  let s = name.replace(SPACES, '');
  if (NFKC_CANDIDATE.test(s)) s = s.replace(VS, '').normalize('NFKC').replace(SPACES, '');
  let out = '';
  for (const ch of s) {
    const f = extraFolds?.get(ch) ?? FOLD.get(ch.codePointAt(0)!);
    out += f ?? ch;
  }
  s = out.replace(/[ヶヵケ]/g, 'ケ');
  return s;
}

const SMALL_TO_LARGE: Record<string, string> = {
  ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ッ: 'ツ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ヮ: 'ワ', ヵ: 'カ', ヶ: 'ケ',
};
const OLD_KANA: Record<string, string> = { ヰ: 'イ', ヱ: 'エ', ヲ: 'オ' };

/**
 * Kana name key for blocking: NFKC (half-width → full-width), hiragana → katakana, dakuten and
 * handakuten removed (ザキ/サキ, ヅ/ズ, ヂ/ジ fold together), small kana → large, ヰヱヲ → イエオ,
 * long-vowel marks and spaces removed.
 */
/** Full-width katakana → its blocking form (濁点/半濁点 removed, small → large, ヰヱヲ → イエオ), '' to drop. */
const KANA_FOLD = new Map<number, string>();
for (let c = 0x30a1; c <= 0x30fa; c++) {
  const ch = String.fromCharCode(c);
  let base = ch.normalize('NFD').replace(/[\u3099\u309a]/g, '');
  base = SMALL_TO_LARGE[base] ?? OLD_KANA[base] ?? base;
  KANA_FOLD.set(c, base);
}
KANA_FOLD.set(0x30fc, ''); // ー
KANA_FOLD.set(0x3000, '');
KANA_FOLD.set(0x20, '');

/**
 * Kana name key for blocking: NFKC (half-width → full-width), hiragana → katakana, dakuten and
 * handakuten removed (ザキ/サキ, ヅ/ズ, ヂ/ジ fold together), small kana → large, ヰヱヲ → イエオ,
 * long-vowel marks and spaces removed.
 */
export function kanaNameKey(kana: string): string {
  // fast path: full-width katakana, ー and spaces only (what normalised kana names hold)
  let out = '';
  let i = 0;
  for (; i < kana.length; i++) {
    const f = KANA_FOLD.get(kana.charCodeAt(i));
    if (f === undefined) break;
    out += f;
  }
  if (i === kana.length) return out;
  const s = kana
    .normalize('NFKC')
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .normalize('NFD')
    .replace(/[\u3099\u309a\u309b\u309c]/g, '')
    .normalize('NFC');
  out = '';
  for (const ch of s) {
    if (ch === 'ー' || ch === '-' || ch === '‐' || ch === '－' || /\s|\u3000/.test(ch)) continue;
    out += SMALL_TO_LARGE[ch] ?? OLD_KANA[ch] ?? ch;
  }
  return out;
}

/** Address key: NFKC, spaces removed, dash family → '-', 丁目/番地/番/号 → '-', trailing '-' removed. */
export function addressKey(address: string): string {
  return address
    .normalize('NFKC')
    .replace(SPACES, '')
    .replace(/[‐‑‒–—―−ーｰ－]/g, '-')
    .replace(/丁目|番地|番|号/g, '-')
    .replace(/-+/g, '-')
    .replace(/-$/, '');
}

/** Dice coefficient over character bigrams (0..1), for address similarity. */
export function bigramDice(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let inter = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      inter++;
      grams.set(g, n - 1);
    }
  }
  return (2 * inter) / (a.length - 1 + b.length - 1);
}
