/**
 * Writes samples/gaiji/jumin-gaiji.csv: a small CP932 resident export holding user-defined-area
 * 外字 (F040, F041, F9FC, F540) in names and addresses, a quoted field with an embedded line
 * break before a 外字, half-width kana names (ｶﾞ composition) and IBM-extension kanji (髙, 﨑)
 * that lie outside JIS X 0208. Deterministic: run it again to
 * reproduce the committed file byte for byte.
 *   node --import tsx samples/gaiji/generate.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getCharset } from '../../src/encoding/index.ts';

const cp932 = getCharset('cp932');
const G = (hex: string) => cp932.decode(Buffer.from(hex, 'hex')); // a user-defined-area code as decoded

const rows: string[][] = [
  ['宛名番号', '氏名', '氏名カナ', '生年月日', '性別', '住所', '世帯番号'],
  ['000000000000001', `山${G('F040')}　太郎`, 'ﾔﾏｻﾞｷ ﾀﾛｳ', '19800101', '1', '東京都千代田区１－１', '100000000000001'],
  ['000000000000002', `${G('F041')}田　花子`, 'ﾜﾀﾞ ﾊﾅｺ', '19851231', '2', `大阪府${G('F040')}市２－２`, '100000000000002'],
  ['000000000000003', '髙橋　一郎', 'ﾀｶﾊｼ ｲﾁﾛｳ', '19700505', '1', '"京都府\r\n' + `${G('F9FC')}町"`, '100000000000003'],
  ['000000000000004', '山﨑　次郎', 'ﾔﾏｻｷ ｼﾞﾛｳ', '19900909', '1', '北海道札幌市', '100000000000004'],
  ['000000000000005', `${G('F540')}${G('F040')}　三郎`, 'ｶﾞﾓｳ ｻﾌﾞﾛｳ', '20000229', '1', '沖縄県那覇市', '100000000000005'],
];
const text = rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
const enc = cp932.encode(text);
if (enc.unrepresentable.length > 0) throw new Error('sample holds characters CP932 cannot encode');
writeFileSync(fileURLToPath(new URL('./jumin-gaiji.csv', import.meta.url)), enc.bytes);
console.log(`${enc.bytes.length} bytes`);
