/**
 * report.html of `chukan check`: one self-contained file (inline CSS and SVG, no scripts, no
 * fonts or images from anywhere) that opens in any browser and prints as a document to file with
 * a 検収: A4 portrait, page numbers "n / N" in the footer (CSS page-margin boxes, which Chromium
 * prints and which `check --pdf` renders), a cover page with the 検収欄 sign-off boxes, table
 * headers repeated on every page and no row cut across pages. Japanese first, English second.
 * Every value shown comes from the report object, whose samples are already masked; everything is
 * HTML-escaped (and CSS-escaped where it goes into the page footer). Times are shown in the
 * report's time zone.
 */
import { displayInZone } from '../core/time-zone.ts';
import type { FindingSample } from './run-report.ts';
import type { CheckReport, CodeTotal, FileCheck } from './check-report.ts';
import { CHAR_KIND_LABEL, fileResultLabel, severityLabel } from './check-labels.ts';
import { REPORT_TITLE, SIGN_OFF_FIELDS, SIGN_OFF_TITLE, coverFacts } from './check-cover.ts';

function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A CSS string literal: every ASCII character but letters, digits and space as a CSS escape, so nothing can end the string or the style element. */
function cssString(s: string): string {
  return `"${s.replace(/[^A-Za-z0-9 \u0080-\uFFFF]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `).replace(/[\u2028\u2029]/g, ' ')}"`;
}

const n = (x: number) => x.toLocaleString('en-US');

function bytes(b: number): string {
  if (b < 1024) return `${b} B`;
  if (b < 1048576) return `${(b / 1024).toFixed(1)} KiB`;
  if (b < 1073741824) return `${(b / 1048576).toFixed(1)} MiB`;
  return `${(b / 1073741824).toFixed(2)} GiB`;
}

function sev(s: string): string {
  const l = severityLabel(s);
  return `<span class="sev sev-${esc(s)}">${esc(l.ja)}<small>${esc(l.en)}</small></span>`;
}

function bi(ja: string, en: string): string {
  return `${esc(ja)}<span class="en">${esc(en)}</span>`;
}

/** Horizontal bars as inline SVG; the numbers are in the SVG text, so it reads without colour. */
function barChart(rows: { label: string; sub?: string; value: number; severity?: string }[], title: string): string {
  if (rows.length === 0) return `<p class="muted">該当なし <span class="en">none</span></p>`;
  const max = Math.max(...rows.map((r) => r.value), 1);
  const rowH = 26;
  const labelW = 330;
  const barW = 360;
  const h = rows.length * rowH + 8;
  const w = labelW + barW + 90;
  const bars = rows.map((r, i) => {
    const y = 4 + i * rowH;
    const bw = Math.max(2, Math.round((r.value / max) * barW));
    const colour = r.severity === 'error' ? '#c62828' : r.severity === 'warning' ? '#ef8f00' : '#4a6fa5';
    return `<g><text x="${labelW - 8}" y="${y + 17}" text-anchor="end" class="bl">${esc(r.label)}${r.sub ? `<tspan class="bs"> ${esc(r.sub)}</tspan>` : ''}</text>` +
      `<rect x="${labelW}" y="${y + 4}" width="${bw}" height="${rowH - 10}" fill="${colour}" rx="2"/>` +
      `<text x="${labelW + bw + 6}" y="${y + 17}" class="bv">${n(r.value)}</text></g>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" class="chart">` +
    `<style>.bl{font-size:12px;fill:#222}.bs{font-size:10px;fill:#666}.bv{font-size:12px;fill:#222;font-weight:bold}</style>${bars}</svg>`;
}

function fileRow(f: FileCheck): string {
  const result = fileResultLabel(f);
  const status = `<span class="${result.tone}">${esc(result.ja)}<small>${esc(result.en)}</small></span>`;
  const expRecords = f.expected ? (f.expected.records === f.records || f.status === 'missing' ? n(f.expected.records) : `<span class="bad">${n(f.expected.records)}</span>`) : '—';
  const hash = f.sha256
    ? `<code title="${esc(f.sha256)}">${esc(f.sha256.slice(0, 16))}…</code>${f.expected && f.expected.sha256 !== f.sha256 ? ' <span class="bad">≠ 目録</span>' : f.expected ? ' <span class="ok">= 目録</span>' : ''}`
    : '—';
  return `<tr><td>${bi(f.name, f.fileId)}</td><td><code>${esc(f.fileName)}</code></td><td>${status}</td>` +
    `<td class="num">${f.status === 'missing' ? '—' : n(f.records)}</td><td class="num">${expRecords}</td>` +
    `<td class="num">${f.status === 'missing' ? '—' : bytes(f.bytes)}</td>` +
    `<td>${esc(f.encoding.charset)}${f.encoding.bom ? ' BOM' : ''}${f.encoding.valid === false ? ' <span class="bad">不正</span>' : ''}</td>` +
    `<td>${hash}</td><td class="num">${n(f.recordsWithErrors)}</td>` +
    `<td class="num ${f.errors > 0 ? 'bad' : ''}">${n(f.errors)}</td><td class="num">${n(f.warnings)}</td></tr>`;
}

const FONT = `"Hiragino Sans","Hiragino Kaku Gothic ProN","Noto Sans CJK JP","Noto Sans JP","Yu Gothic","Meiryo","IPAexGothic","IPAGothic",sans-serif`;

const CSS = `
*{box-sizing:border-box}
body{font-family:${FONT};margin:0;padding:24px 32px;color:#1a1a1a;background:#fff;line-height:1.5;font-size:14px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:18px;border-bottom:2px solid #333;padding-bottom:4px;margin:32px 0 12px;break-after:avoid}
h3{font-size:15px;margin:20px 0 8px;break-after:avoid}
.en{display:block;font-size:11px;color:#666;font-weight:normal}
h1 .en,h2 .en{display:inline;margin-left:10px;font-size:12px}
small{display:block;font-size:10px;color:#666;font-weight:normal}
.meta{color:#444;font-size:12px}
.cover{border-bottom:2px solid #333;padding-bottom:16px;margin-bottom:8px}
.cover h1{font-size:24px;text-align:center;margin:8px 0 12px}
.cover h1 .en{display:block;margin:2px 0 0;font-size:13px}
table.facts th{width:34%}
table.facts td.not-given{color:#666}
.signoff{margin-top:18px;break-inside:avoid}
.signoff h2{margin-top:0}
table.signoff-boxes{table-layout:fixed}
table.signoff-boxes th{text-align:center}
table.signoff-boxes td{height:26mm}
table.signoff-boxes .seal{width:26mm}
table.signoff-boxes .date{width:34mm}
.verdict{display:flex;align-items:center;gap:24px;border:3px solid;border-radius:8px;padding:16px 24px;margin:16px 0}
.verdict.accept{border-color:#2e7d32;background:#e8f5e9}
.verdict.fix{border-color:#c62828;background:#ffebee}
.verdict.incomplete{border-color:#ef8f00;background:#fff8e1}
.verdict .label{font-size:40px;font-weight:bold;letter-spacing:4px;white-space:nowrap}
.verdict.accept .label{color:#2e7d32}.verdict.fix .label{color:#c62828}.verdict.incomplete .label{color:#b26a00}
.verdict .label .en{font-size:14px;letter-spacing:0}
.kpis{display:flex;flex-wrap:wrap;gap:12px}
.kpi{border:1px solid #ccc;border-radius:6px;padding:6px 14px;min-width:110px;background:#fff}
.kpi b{display:block;font-size:20px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}
th,td{border:1px solid #bbb;padding:4px 8px;vertical-align:top;text-align:left;overflow-wrap:break-word}
th{background:#eceff1;font-weight:bold}
td.num,th.num{text-align:right;white-space:nowrap}
code{font-family:"Consolas","Menlo",monospace,${FONT};font-size:12px}
.bad{color:#c62828;font-weight:bold}.warn{color:#b26a00;font-weight:bold}.ok{color:#2e7d32;font-weight:bold}
.sev{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;font-weight:bold;color:#fff}
.sev small{display:inline;color:inherit;margin-left:4px;font-size:10px;font-weight:normal}
.sev-error{background:#c62828}.sev-warning{background:#ef8f00}.sev-info{background:#4a6fa5}
.muted{color:#666}
.chart{max-width:100%;height:auto}
ol.requests li{margin-bottom:10px}
.note{background:#f5f5f5;border-left:4px solid #90a4ae;padding:6px 10px;margin:6px 0;font-size:13px}
footer{margin-top:40px;font-size:11px;color:#666;border-top:1px solid #ccc;padding-top:8px}
@media print{
body{padding:0;font-size:10pt}
.cover{border-bottom:none;break-after:page}
.cover h1{margin-top:0}
.verdict{padding:10px 18px;margin:10px 0}
.verdict,.sev,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.kpis{display:grid;grid-template-columns:repeat(6,1fr);gap:6px}
.kpi{padding:3px 8px;min-width:0;font-size:9pt}.kpi b{font-size:14pt}
table.facts th,table.facts td{padding:3px 8px}
h2{margin-top:20px}
table{font-size:8.5pt}
code{font-size:8pt}
thead{display:table-header-group}
tr,li,.note,.kpi,svg{break-inside:avoid}
}
`;

/** The page box: A4 portrait, margins, and the footer of every page — "n / N" in the middle. */
function pageCss(r: CheckReport): string {
  const left = `納品データ検査報告書 ${r.delivery.name}`;
  const right = `${r.verdictLabel.ja} — ${displayInZone(r.finishedAt, r.timeZone, { seconds: false })}`;
  const box = 'font-family:' + FONT + ';font-size:8pt;color:#444';
  return `@page{size:A4 portrait;margin:14mm 12mm 16mm 12mm;` +
    `@bottom-left{content:${cssString(left)};${box}}` +
    `@bottom-center{content:counter(page) " / " counter(pages);${box}}` +
    `@bottom-right{content:${cssString(right)};${box}}}`;
}

function cover(r: CheckReport): string {
  const t = r.totals;
  const facts = coverFacts(r).map((f) => `<tr data-fact="${esc(f.key)}"><th>${bi(f.label.ja, f.label.en)}</th><td${f.given ? '' : ' class="not-given"'}>${esc(f.value)}</td></tr>`).join('');
  const boxes = SIGN_OFF_FIELDS.map((f) => `<th class="${f.key === 'seal' ? 'seal' : f.key === 'acceptedOn' ? 'date' : ''}">${bi(f.ja, f.en)}</th>`).join('');
  const blanks = SIGN_OFF_FIELDS.map((f) => `<td data-signoff="${esc(f.key)}"${f.key === 'acceptedOn' ? ' class="date"' : ''}></td>`).join('');
  return `<section class="cover" id="cover">
<h1>${bi(REPORT_TITLE.ja, REPORT_TITLE.en)}</h1>
<section class="verdict ${esc(r.verdict)}" id="verdict">
<div class="label" data-verdict="${esc(r.verdict)}">${esc(r.verdictLabel.ja)}<span class="en">${esc(r.verdictLabel.en)}</span></div>
<div>${r.verdict === 'accept' ? 'エラーとなる検出事項はありません。受け入れて差し支えありません。<span class="en">No findings at error level: the delivery can be accepted.</span>'
    : r.verdict === 'fix' ? `エラーとなる検出事項が ${n(t.errors)} 件あります。「ベンダーへの是正依頼事項」の対応を依頼してください。<span class="en">${n(t.errors)} findings at error level: ask the vendor to correct the items listed in this report.</span>`
      : '検査が最後まで完了していません。再度検査してください。<span class="en">The check did not finish; run it again.</span>'}</div>
</section>
<div class="kpis">
<div class="kpi">業務<small>業務 in scope</small><b>${n(t.domains)}</b></div>
<div class="kpi">ファイル<small>files checked / expected</small><b>${n(t.filesChecked)} / ${n(t.files)}</b></div>
<div class="kpi">レコード<small>records</small><b>${n(t.records)}</b></div>
<div class="kpi">エラーのあるレコード<small>records with errors</small><b>${n(t.recordsWithErrors)}</b></div>
<div class="kpi">エラー<small>errors</small><b class="${t.errors > 0 ? 'bad' : ''}">${n(t.errors)}</b></div>
<div class="kpi">警告<small>warnings</small><b>${n(t.warnings)}</b></div>
</div>
<table class="facts"><tbody>${facts}</tbody></table>
<section class="signoff" id="signoff">
<h2>${esc(SIGN_OFF_TITLE.ja)}<span class="en">${esc(SIGN_OFF_TITLE.en)}</span></h2>
<table class="signoff-boxes"><thead><tr>${boxes}</tr></thead><tbody><tr>${blanks}</tr></tbody></table>
</section>
</section>`;
}

/** Samples grouped by code, in the report's order (the list is ordered by code). */
function samplesByCode(list: FindingSample[]): [string, FindingSample[]][] {
  const groups = new Map<string, FindingSample[]>();
  for (const s of list) {
    let g = groups.get(s.code);
    if (!g) groups.set(s.code, (g = []));
    g.push(s);
  }
  return [...groups.entries()];
}

export function renderCheckHtml(r: CheckReport): string {
  const codes = Object.entries(r.findings.byCode) as [string, CodeTotal][];
  const byCodeChart = barChart(
    codes.sort((a, b) => b[1].count - a[1].count).map(([code, t]) => ({ label: t.title.ja, sub: code, value: t.count, severity: t.severity })),
    '検出コード別件数 / Findings by code',
  );
  const fieldRows = r.findings.byField.slice(0, 25);
  const byFieldChart = barChart(fieldRows.map((f) => ({ label: `${f.fileName}: ${f.title}`, sub: f.field, value: f.count })), '項目別件数 / Findings by field');
  const requests = r.vendorRequests.length === 0
    ? `<p class="ok">是正を依頼する事項はありません。<span class="en">Nothing to ask the vendor to fix.</span></p>`
    : `<ol class="requests">${r.vendorRequests.map((q) => `<li>${sev(q.severity)} <b>${esc(q.title.ja)}</b>（${n(q.count)} 件 <code>${esc(q.code)}</code>）<br>` +
      `${esc(q.advice.ja)}<span class="en">${esc(q.title.en)} (${n(q.count)}): ${esc(q.advice.en)}</span>` +
      `<small>対象ファイル / files: ${esc(q.files.join(', ') || '—')}${q.fields.length ? ` ／ 項目 / fields: ${esc(q.fields.join('、'))}` : ''}</small></li>`).join('')}</ol>`;
  const domainTables = r.domains.map((d) => `<h3>${esc(d.name)} <span class="en" style="display:inline">${esc(d.id)} — ${n(d.records)} 件 records, エラー ${n(d.errors)} errors</span></h3>
<table><thead><tr><th>ファイル<small>file</small></th><th>ファイル名<small>file name</small></th><th>判定<small>status</small></th><th class="num">件数<small>records</small></th><th class="num">目録件数<small>manifest</small></th><th class="num">サイズ<small>size</small></th><th>文字コード<small>encoding</small></th><th>SHA-256</th><th class="num">エラーのあるレコード<small>records with errors</small></th><th class="num">エラー<small>errors</small></th><th class="num">警告<small>warnings</small></th></tr></thead>
<tbody>${d.files.map(fileRow).join('')}</tbody></table>`).join('');
  const codeTable = codes.length === 0 ? '<p class="ok">検出事項はありません。<span class="en">No findings.</span></p>' : `<table><thead><tr><th>コード<small>code</small></th><th>内容<small>title</small></th><th>重要度<small>severity</small></th><th class="num">件数<small>count</small></th><th class="num">例示<small>samples</small></th></tr></thead><tbody>${
    codes.sort((a, b) => a[0].localeCompare(b[0])).map(([code, t]) => `<tr><td><code>${esc(code)}</code></td><td>${bi(t.title.ja, t.title.en)}</td><td>${sev(t.severity)}${t.severity !== t.defaultSeverity ? `<small>既定 default: ${esc(severityLabel(t.defaultSeverity).ja)} ${esc(t.defaultSeverity)}</small>` : ''}</td><td class="num">${n(t.count)}</td><td class="num">${n(t.samples)}${t.truncated ? '<small>一部のみ truncated</small>' : ''}</td></tr>`).join('')}</tbody></table>`;
  const samples = samplesByCode(r.findings.samples).map(([code, list]) => `<h3><code>${esc(code)}</code> ${esc(r.findings.byCode[code]?.title.ja ?? '')}<span class="en" style="display:inline"> ${list.length} / ${n(r.findings.byCode[code]?.count ?? list.length)}</span></h3>
<table><thead><tr><th>ファイル<small>file</small></th><th class="num">レコード<small>record</small></th><th class="num">行<small>line</small></th><th>項目<small>field</small></th><th>値（マスク済）<small>value (masked)</small></th><th>内容<small>message</small></th></tr></thead><tbody>${
    list.map((s) => `<tr><td><code>${esc(s.file)}</code></td><td class="num">${s.record ?? '—'}</td><td class="num">${s.line ?? '—'}</td><td>${esc(s.field ?? '—')}</td><td>${esc(s.sample ?? '—')}</td><td>${bi(s.message.ja, s.message.en)}</td></tr>`).join('')}</tbody></table>`).join('');
  const chars = r.characters.list.length === 0 ? `<p class="ok">取り決め外の文字・外字はありません（文字集合: ${esc(r.characters.repertoire)}）。<span class="en">No characters outside the agreed repertoire (${esc(r.characters.repertoire)}).</span></p>`
    : `<p>文字集合 / repertoire: <code>${esc(r.characters.repertoire)}</code>　異なり字数 / distinct: ${n(r.characters.distinct)}${r.characters.truncated ? '（上限に達したため一部のみ / truncated）' : ''}</p>
<table><thead><tr><th>符号位置<small>code point</small></th><th>種別<small>kind</small></th><th class="num">出現数<small>occurrences</small></th><th>ファイル別<small>per file</small></th><th>最初の出現<small>first seen</small></th></tr></thead><tbody>${
      r.characters.list.slice(0, 200).map((c) => `<tr><td><code>${esc(c.codePoint)}</code></td><td>${bi(CHAR_KIND_LABEL[c.kind].ja, CHAR_KIND_LABEL[c.kind].en)}</td><td class="num">${n(c.count)}</td><td>${esc(Object.entries(c.files).map(([f, k]) => `${f}: ${k}`).join(', '))}</td><td><code>${esc(c.first.file)}</code> #${c.first.record}${c.first.field ? ` ${esc(c.first.field)}` : ''}</td></tr>`).join('')}</tbody></table>`;
  const extraFiles = [...r.unexpectedFiles.map((u) => `<tr><td><code>${esc(u.fileName)}</code></td><td>${bi('想定外', 'unexpected')}</td><td class="num">${bytes(u.bytes)}</td></tr>`),
    ...r.outOfScopeFiles.map((u) => `<tr><td><code>${esc(u.fileName)}</code></td><td>${bi(`対象外業務（${u.domainName}）`, `out of scope (${u.domainId})`)}</td><td class="num">${bytes(u.bytes)}</td></tr>`)];
  return `<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>納品データ検査報告書 ${esc(r.delivery.name)} — ${esc(r.verdictLabel.ja)}</title>
<style>${pageCss(r)}${CSS}</style></head>
<body>
${cover(r)}
<h2 id="requests">ベンダーへの是正依頼事項<span class="en">What to ask the vendor to fix</span></h2>
${requests}
<h2 id="files">業務・ファイル別の結果<span class="en">Results per 業務 and file</span></h2>
${domainTables}
${extraFiles.length ? `<h3>その他のファイル <span class="en" style="display:inline">other files (not checked)</span></h3><table><thead><tr><th>ファイル名<small>file name</small></th><th>理由<small>reason</small></th><th class="num">サイズ<small>size</small></th></tr></thead><tbody>${extraFiles.join('')}</tbody></table>` : ''}
<h2 id="by-code">検出事項の内訳<span class="en">Findings by code</span></h2>
${byCodeChart}
${codeTable}
<h2 id="by-field">項目別の検出件数<span class="en">Findings by field</span></h2>
${byFieldChart}${r.findings.byField.length > fieldRows.length ? `<p class="muted">上位 ${fieldRows.length} 項目のみ表示（全 ${r.findings.byField.length} 項目は report.json / report.xlsx）<span class="en">Top ${fieldRows.length} of ${r.findings.byField.length} fields shown; all are in report.json and report.xlsx.</span></p>` : ''}
<h2 id="chars">文字の検査（外字・取り決め外の文字）<span class="en">Characters (外字 and characters outside the agreed set)</span></h2>
${chars}
<h2 id="samples">該当レコードの例（値はマスク済）<span class="en">Sample records (values masked)</span></h2>
<p class="muted">各コードにつき最大 ${n(r.findings.maxSamplesPerCode)} 件。件数の合計は常に全件です。<span class="en">Up to ${n(r.findings.maxSamplesPerCode)} samples per code; totals always count everything.</span></p>
${samples || '<p class="muted">なし <span class="en">none</span></p>'}
<h2 id="basis">検査の前提<span class="en">What the check assumed</span></h2>
${r.delivery.notes.map((x) => `<div class="note">${bi(x.ja, x.en)}</div>`).join('')}
<table><tbody>
<tr><th>文字コード<small>charset</small></th><td>${esc(r.delivery.profile.charset)}</td><th>BOM</th><td>${esc(r.delivery.profile.bom)}</td></tr>
<tr><th>ヘッダ行<small>header row</small></th><td>${r.delivery.profile.header ? 'あり yes' : 'なし no'}</td><th>文字集合<small>repertoire</small></th><td>${esc(r.characters.repertoire)}</td></tr>
<tr><th>主キー検査<small>primary keys checked</small></th><td>${n(r.keys.primaryKeys)} ファイル files</td><th>参照整合性<small>foreign keys checked</small></th><td>${n(r.keys.foreignKeys)}${r.keys.deferredFiles.length ? `（相互参照のため再読込 / re-read for a reference cycle: ${esc(r.keys.deferredFiles.join(', '))}）` : ''}</td></tr>
<tr><th>検査開始<small>started</small></th><td>${esc(displayInZone(r.startedAt, r.timeZone))}</td><th>時間帯<small>time zone</small></th><td>${esc(r.timeZone)}</td></tr>
${r.delivery.profile.name ? `<tr><th>プロファイル<small>profile</small></th><td colspan="3"><code>${esc(r.delivery.profile.name)}</code></td></tr>` : ''}
</tbody></table>
<footer>chukan ${esc(r.version)} — ${esc(r.format)} — 所要時間 / duration ${(r.durationMs / 1000).toFixed(1)} s。この報告書に個人の値はマスクして記載しています。<span class="en">Personal values in this report are masked.</span></footer>
</body></html>
`;
}
