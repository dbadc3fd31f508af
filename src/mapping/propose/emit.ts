/**
 * The proposed mapping as YAML a vendor edits: the source block with each detected setting and
 * its evidence, one entry per matched item marked `confident` or `to check` with the reason, a
 * codeMap skeleton for each code item (values found beside the layout's codes), and every item
 * left unmapped as a commented TODO with its name, type and length. The file loads as it is
 * (`chukan mapping check` passes it); sample values never appear in it except code values.
 */
import { charsetLabel } from '../../readers/charset-guess.ts';
import { CODE_TODO, itemTypeText, type Step } from './plan.ts';
import { shapeText } from './profile.ts';
import type { Proposal, ProposedField } from './index.ts';

/** YAML double-quoted scalar (JSON's escapes are YAML's). */
const q = (s: string): string => JSON.stringify(s);

function stepText(s: Step): string {
  if (typeof s === 'string') return s;
  const [name, arg] = Object.entries(s)[0]!;
  if (typeof arg === 'string') return `{ ${name}: ${q(arg)} }`;
  const inner = Object.entries(arg).map(([k, v]) => (typeof v === 'string' ? `${k}: ${q(v)}` : `${k}: { ${Object.entries(v).map(([a, b]) => `${q(a)}: ${q(b)}`).join(', ')} }`));
  return `{ ${name}: { ${inner.join(', ')} } }`;
}

function comment(text: string, indent: string): string[] {
  return text.split('\n').map((l) => `${indent}# ${l}`.trimEnd());
}

function fromText(p: Proposal, f: ProposedField): string {
  return p.header.value && f.column.header !== undefined && f.column.header.trim() !== '' ? q(f.column.header) : String(f.column.index + 1);
}

function fieldLines(p: Proposal, f: ProposedField): string[] {
  const out: string[] = [];
  const mark = f.confidence === 'confident' ? 'confident' : 'to check';
  out.push(...comment(`${mark}: ${f.field.title} ← ${f.reasons.join('; ')}`, '  '));
  for (const n of f.plan.notes) out.push(...comment(n, '  '));
  out.push(`  ${f.field.id}:`);
  out.push(`    from: ${fromText(p, f)}`);
  const steps = f.plan.steps.map(stepText);
  const codes = f.plan.codes;
  if (!codes) {
    if (steps.length > 0) out.push(`    transforms: [${steps.join(', ')}]`);
    return out;
  }
  out.push('    transforms:');
  for (const s of steps) out.push(`      - ${s}`);
  const head = codes.identity
    ? `codes to confirm: every value found is a code of ${codes.table}（${codes.tableName}）, so each maps to itself — confirm that the vendor's codes MEAN the same.`
    : `codes to fill in: the sample holds values that are not codes of ${codes.table}（${codes.tableName}）, so the vendor has codes of its own and even one that looks standard may mean something else. Replace every "${CODE_TODO}" with the standard code; until then the layout check rejects those records (LAYOUT_CODE_UNKNOWN), and a value not listed is rejected with TX_CODE_UNKNOWN.`;
  out.push(...comment(head, '      '));
  out.push('      - codeMap:');
  out.push('          table:');
  for (const r of codes.rows) {
    const target = codes.identity ? r.same! : CODE_TODO;
    const note = r.same !== undefined ? `standard ${r.same} is ${r.label ?? ''}` : `not a code of ${codes.table}`;
    out.push(`            ${q(r.value)}: ${q(target)}   # ${r.count}× in the sample; ${note}`.trimEnd());
  }
  const std = codes.standard.map((c) => `${c.code} ${c.name}`).join(', ');
  out.push(...comment(`standard codes: ${std.length > 400 ? std.slice(0, 400) + ' …' : std}`, '      '));
  return out;
}

function todoLines(p: Proposal, f: Proposal['unmapped'][number]): string[] {
  const req = f.required ? 'required' : 'optional';
  const hint = f.id === 'dantaiCode' ? '{ const: "" }   # the municipality\'s 団体コード (6 digits with check digit)' : '{ from: }';
  return [`  # TODO ${f.id} ${f.title} (${itemTypeText(f)}, ${req}): no column found`, `  # ${f.id}: ${hint}`];
}

/** The mapping file's text. */
export function emitMapping(p: Proposal): string {
  const d = p.dialect;
  const delimiter = d.delimiter.value === '\t' ? '"\\t"' : q(d.delimiter.value);
  const quote = d.quote.value === "'" ? `"'"` : `'"'`;
  const lines: string[] = [
    `# Proposed by chukan mapping init for ${p.layout.id} (${p.layout.title}) from ${p.sampleName} (${p.records} records read).`,
    '# Review every entry marked "to check" and every TODO, then run:',
    `#   chukan mapping check THIS_FILE --sample ${p.sampleName}`,
    '# The format is described in docs/MAPPING.md.',
    `layout: ${p.layout.id}`,
    '',
    'source:',
    '  format: csv',
    `  charset: ${d.charset.name}`.padEnd(28) + `# ${charsetLabel(d.charset.name)}${d.charset.reason === 'fewest-invalid' ? ' (the fewest invalid sequences)' : ''} — ${d.charset.evidence}`,
    `  header: ${p.header.value}`.padEnd(28) + `# ${p.header.reason}`,
    `  delimiter: ${delimiter}`.padEnd(28) + `# ${d.delimiter.reason}`,
    `  quote: ${quote}`.padEnd(28) + `# ${d.quote.reason}`,
    `  # line ends: ${d.lineEnds.value.toUpperCase()} (${d.lineEnds.reason}); the reader accepts CRLF, LF and CR alike`,
    '',
    'output:',
    '  charset: utf-8',
    '  newline: crlf',
    '',
    'fields:',
  ];
  const byId = new Map(p.fields.map((f) => [f.field.id, f]));
  for (const item of p.layout.fields) {
    const f = byId.get(item.id);
    lines.push(...(f ? fieldLines(p, f) : todoLines(p, item)));
  }
  if (p.unusedColumns.length > 0) {
    lines.push('', '  # Sample columns no item takes:');
    for (const c of p.unusedColumns) lines.push(`  #   column ${c.index + 1}${c.header !== undefined ? ` "${c.header}"` : ''}: ${shapeText(c)}`);
  }
  return lines.join('\n') + '\n';
}
