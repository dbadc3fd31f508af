/**
 * The cover (表紙) of a check report and its sign-off block (検収欄), as data: the HTML and the
 * xlsx both render these lists, so the printed cover and the 表紙 sheet cannot disagree. Times are
 * shown in the report's time zone with its offset.
 */
import { displayInZone } from '../core/time-zone.ts';
import type { Bilingual } from './check-labels.ts';
import type { CheckReport } from './check-report.ts';

export const REPORT_TITLE: Bilingual = { ja: '中間標準レイアウト 納品データ検査報告書', en: 'Delivery check report (中間標準レイアウト)' };

export interface CoverFact {
  /** Stable key (tests and the HTML's data-fact attribute). */
  key: string;
  label: Bilingual;
  /** What is printed; `given: false` marks a value the manifest did not give. */
  value: string;
  given: boolean;
}

const NOT_GIVEN = '（納品目録に記載なし / not given in the manifest）';

/** Per 業務: `住民基本台帳 (juki) 2 / 2`, files checked of files expected. */
export function domainSummaries(r: CheckReport): string[] {
  return r.domains.map((d) => `${d.name} (${d.id}) ${d.files.filter((f) => f.status === 'checked').length} / ${d.files.length}`);
}

export function coverFacts(r: CheckReport): CoverFact[] {
  const m = r.delivery.manifest;
  const t = r.totals;
  const fact = (key: string, ja: string, en: string, value: string | undefined): CoverFact =>
    ({ key, label: { ja, en }, value: value ?? NOT_GIVEN, given: value !== undefined });
  return [
    fact('delivery', '納品物', 'delivery', r.delivery.name),
    fact('vendor', '納品者', 'delivered by', m?.vendor),
    fact('deliveredOn', '納品日', 'delivered on', m?.deliveredOn),
    fact('domains', '業務（検査済 / 対象ファイル数）', '業務 (files checked / expected)', domainSummaries(r).join('、') || '—'),
    fact('files', '検査したファイル', 'files checked', `${t.filesChecked} / ${t.files}（レコード ${t.records.toLocaleString('en-US')} 件 records）`),
    fact('manifest', '納品目録', 'manifest', m ? `${m.fileName}（作成 created ${displayInZone(m.createdAt, r.timeZone, { seconds: false })}）` : 'なし（カタログから推定） / none (inferred from the catalog)'),
    fact('checkedAt', '検査日時', 'checked at', displayInZone(r.finishedAt, r.timeZone)),
    fact('chukan', 'chukan バージョン', 'chukan version', `${r.version}（${r.format}）`),
    fact('catalog', 'カタログ', 'catalog version', `${r.delivery.catalog.id} ${r.delivery.catalog.version}`),
    fact('verdict', '判定', 'verdict', `${r.verdictLabel.ja} / ${r.verdictLabel.en}（エラー ${t.errors.toLocaleString('en-US')} errors、警告 ${t.warnings.toLocaleString('en-US')} warnings）`),
  ];
}

/** The boxes of the 検収欄, left to right; staff fill them in by hand. */
export const SIGN_OFF_FIELDS: readonly (Bilingual & { key: string })[] = [
  { key: 'acceptedBy', ja: '検収者', en: 'accepted by' },
  { key: 'department', ja: '所属', en: 'department' },
  { key: 'acceptedOn', ja: '検収日', en: 'date' },
  { key: 'seal', ja: '印', en: 'seal' },
];

export const SIGN_OFF_TITLE: Bilingual = { ja: '検収欄', en: 'Acceptance' };
