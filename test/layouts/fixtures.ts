import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCHEMAS_DIR } from '../../src/layouts/index.ts';
import { tempDir } from '../helpers/temp.ts';

/** A scratch schemas directory holding the shipped common defs and code lists plus the given files. */
export function scratchSchemas(files: Record<string, unknown>): string {
  const dir = tempDir('chukan-schemas-');
  cpSync(join(DEFAULT_SCHEMAS_DIR, 'common'), join(dir, 'common'), { recursive: true });
  cpSync(join(DEFAULT_SCHEMAS_DIR, 'codes'), join(dir, 'codes'), { recursive: true });
  for (const [name, doc] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
  }
  return dir;
}

const D = 'chukan:common/defs#/$defs/';

export function layoutDoc(id: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `chukan:${id}`,
    title: 'テスト',
    'x-source': { basis: 'test fixture' },
    type: 'object',
    properties,
    additionalProperties: false,
    ...extra,
  };
}

/** A layout using every field keyword chukan supports, for the agreement test. */
export const KITCHEN = layoutDoc('test/kitchen', {
  zip: { type: 'string', title: '郵便番号', pattern: '^[0-9]{3}-[0-9]{4}$' },
  kind: { type: 'string', title: '種別', enum: ['A', 'B', 'ｱ'] },
  fixed: { type: 'string', title: '固定', const: '1' },
  shortText: { type: 'string', title: '短文', minLength: 2, maxLength: 5 },
  utf8: { type: 'string', title: 'UTF-8', 'x-length': { max: 12, unit: 'bytes', charset: 'utf-8' } },
  sjis: { type: 'string', title: 'SJIS', 'x-length': { min: 2, max: 6, unit: 'bytes' }, 'x-charClass': ['hankaku', 'zenkaku'] },
  kana: { type: 'string', title: 'かな', 'x-charClass': ['zenkakuKana', 'zenkakuHiragana'], 'x-length': { max: 8, unit: 'characters' } },
  local: { $ref: '#/$defs/localCode', type: 'string', title: 'ローカル' },
  name: { $ref: `${D}shimei`, type: 'string', 'x-length': { max: 6, unit: 'characters' } },
  wareki: { $ref: `${D}seinengappiWareki`, type: 'string' },
  ymd: { $ref: `${D}ymd`, type: 'string', title: '日付' },
  era: { $ref: `${D}gengoCode`, type: 'string' },
  sex: { $ref: `${D}seibetsu`, type: 'string' },
  atena: { $ref: `${D}atenaNo`, type: 'string' },
}, {
  required: ['kind', 'name', 'atena'],
  $defs: { localCode: { type: 'string', title: 'ローカルコード', 'x-charClass': 'digits', 'x-length': { min: 3, max: 3, unit: 'characters' } } },
  'x-primaryKey': ['atena'],
});

/** A realistic valid juki/kojin record in column order. */
export function validKojin(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    dantaiCode: '131016',
    atenaNo: '000000012345',
    setaiNo: '000000005432',
    shimei: '渡邉\u{E0100}\u3000太郎',
    shimeiKana: 'ワタナベ　タロウ',
    kyuuji: '',
    kyuujiKana: '',
    tsuushou: '',
    seinengappi: '19800300',
    seinengappiWareki: '3550300',
    seibetsu: '1',
    zokugara: '02',
    juminNattaBi: '19800300',
    juteiBi: '20150401',
    jushoTodofuken: '東京都',
    jushoShikuchoson: '千代田区',
    jushoMachiaza: '霞が関',
    jushoBanchi: '２丁目１番２号',
    jushoKatagaki: '',
    yubinNo: '1000013',
    juminKubun: '1',
    juminhyoCode: '12345678901',
    kojinNo: '123456789018',
    idoJiyu: 'A1',
    idoBi: '20150401',
    todokedeBi: '20150410',
    shojoJiyu: '',
    shojoBi: '',
    biko: '',
    ...overrides,
  };
}
