/**
 * RFC 4180 writer pieces. Standard-layout output: CRLF, a field is quoted only when it holds the
 * delimiter, a quote, CR or LF (quotes doubled). Built as one string per batch and encoded once.
 */
const NEEDS_QUOTE = /[",\r\n]/;

export function formatCsvField(value: string): string {
  if (!NEEDS_QUOTE.test(value)) return value;
  return '"' + value.replaceAll('"', '""') + '"';
}

export function formatCsvRow(values: readonly string[], newline = '\r\n'): string {
  // A lone empty field would be an empty line, which readers skip: quote it so the record survives.
  const n = values.length;
  if (n === 1 && values[0] === '') return '""' + newline;
  // Usual case, no field needs quoting: one native join builds the flat row (no per-field concatenation).
  let plain = true;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'string' || NEEDS_QUOTE.test(v)) {
      plain = false;
      break;
    }
  }
  if (plain) return values.join(',') + newline;
  let row = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) row += ',';
    row += formatCsvField(values[i]);
  }
  return row + newline;
}
