/**
 * Honest code lists: every shipped list says where it comes from (x-source), the label every view
 * prints says a starter list is not official, and 異動事由 holds every 区分 of 住民記録システム標準仕様書
 * 第1.0版 1.2.2 (AkihiraYOSHIMOTO/jyuki-stnd doc/j210.txt).
 */
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCHEMAS_DIR, loadCodeLists, codeListLabel } from '../../src/layouts/index.ts';

const lists = loadCodeLists(join(DEFAULT_SCHEMAS_DIR, 'codes'));

describe('code list provenance', () => {
  it('every shipped list states x-source, and a starter list\'s label says to replace it with the official コード一覧', () => {
    expect(lists.size).toBe(readdirSync(join(DEFAULT_SCHEMAS_DIR, 'codes')).filter((n) => n.endsWith('.json')).length);
    for (const l of lists.values()) {
      expect(['standard', 'starter', 'imported'], l.id).toContain(l.provenance.authority);
      if (l.provenance.authority === 'starter') {
        expect(codeListLabel(l)).toMatch(/^chukan 暫定コード表\(非公式。公式のコード一覧に置き換えてください\)/);
        expect(codeListLabel(l, 'en')).toMatch(/^chukan starter, non-authoritative: replace with the official コード一覧/);
      }
    }
    expect(codeListLabel(lists.get('ido-jiyu')!)).toBe('chukan 暫定コード表(非公式。公式のコード一覧に置き換えてください): 名称は住民記録システム標準仕様書 第1.0版 1.2.2 (異動事由)による');
  });

  it('異動事由 holds every 区分 of 住民記録システム標準仕様書 1.2.2', () => {
    const names = new Set(lists.get('ido-jiyu')!.codes.map((c) => c.name));
    const kubun = [
      '国内転入', '国外転入等', '出生', '職権記載(帰化等)', '職権記載(国籍喪失)', '職権記載', '改製(記載)', '再製(記載)', '異動の取消し(増)',
      '国内転出', '国外転出', '死亡', '職権消除(帰化等)', '職権消除(国籍喪失)', '職権消除', '改製(消除)', '再製(消除)', '異動の取消し(減)',
      '転居', '軽微な修正', '職権修正', '誤記修正', '個人番号の変更請求', '個人番号の職権修正', '個人番号の職権記載', '住民票コードの変更請求',
      '住民票コードの職権記載', '世帯分離', '世帯合併', '世帯変更', '世帯主変更', '旧氏の記載', '旧氏の変更', '旧氏の削除', '通称の記載', '通称の削除',
      '異動の取消し(修正)',
    ];
    expect(kubun.filter((k) => !names.has(k))).toEqual([]);
  });

  it('続柄 in the standard\'s units (zokugara-hyojun) follows 1.1.11', () => {
    const z = lists.get('zokugara-hyojun')!;
    expect(z.codes.map((c) => c.name)).toEqual(['世帯主', '夫', '妻', '夫(未届)', '妻(未届)', '子', '子(子の夫)', '子(子の妻)', '父', '母', '兄', '姉', '弟', '妹', '縁故者', '同居人']);
    expect(z.provenance).toMatchObject({ authority: 'starter', section: '住民記録システム標準仕様書 第1.0版 1.1.11 (続柄)' });
  });
});
