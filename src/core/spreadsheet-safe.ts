/**
 * Formula-injection guard for files people open in Excel (rejects, reports, candidate lists):
 * a cell starting with = + - @ TAB or CR is evaluated by spreadsheet programs, so it gets a leading
 * apostrophe. Never applied to standard-layout outputs, whose bytes must be the data itself.
 */
export function neutraliseFormula(cell: string): string {
  if (cell.length === 0) return cell;
  const c = cell.charCodeAt(0);
  // = + - @ TAB CR, plus their full-width forms, which Excel also evaluates after IME conversion.
  if (c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d ||
      c === 0xff1d || c === 0xff0b || c === 0xff0d || c === 0xff20) {
    return "'" + cell;
  }
  return cell;
}
