/**
 * RFC 4180 writer pieces. Standard-layout output: CRLF, a field is quoted only when it holds the
 * delimiter, a quote, CR or LF (quotes doubled). Built as one string per batch and encoded once.
 */
const NEEDS_QUOTE = /[",\r\n]/;

export function formatCsvField(value: string): string {
  return NEEDS_QUOTE.test(value) ? quoted(value) : value;
}

/** The value in quotes, its quotes doubled. */
function quoted(value: string): string {
  return '"' + value.replaceAll('"', '""') + '"';
}

/**
 * A row writer for records of a known width where the columns marked in `plain` are known to need
 * no quoting (values that passed layout validation: csv-plain.ts). Tests only the other columns;
 * anything unexpected falls back to formatCsvRow, so the output is always formatCsvRow's.
 */
export function plainRowFormatter(width: number, plain: readonly boolean[] | undefined, newline = '\r\n'): (values: readonly string[]) => string {
  const check: number[] = [];
  for (let i = 0; i < width; i++) if (!plain?.[i]) check.push(i);
  if (width <= 1) return (values) => formatCsvRow(values, newline);
  return (values) => {
    if (values.length !== width) return formatCsvRow(values, newline);
    // Only the tested columns can need quotes: quote those in a copy and still join natively.
    let row: string[] | undefined;
    for (let k = 0; k < check.length; k++) {
      const i = check[k];
      const v = values[i];
      if (typeof v !== 'string') return formatCsvRow(values, newline);
      if (NEEDS_QUOTE.test(v)) (row ??= values.slice())[i] = quoted(v);
    }
    return (row ?? values).join(',') + newline;
  };
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
