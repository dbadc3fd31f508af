import { basename } from 'node:path';
import { readCsvTable, tableErrors } from '../../readers/csv-table.ts';
import { MappingCodes as C } from '../finding-codes.ts';
import { ArgError, fail, withLiterals, type TransformContext, type ValueTransformDef } from './types.ts';

function loadTableFile(path: string, header: boolean, ctx: TransformContext): { table: Map<string, string>; name: string } {
  const { bytes, shownAs } = ctx.readFile(path, 'file');
  const table = new Map<string, string>();
  const csv = readCsvTable(bytes, { file: shownAs });
  const broken = tableErrors(csv, shownAs)[0];
  if (broken) throw new ArgError('file', `code table ${shownAs}${broken.line !== undefined ? ` line ${broken.line}` : ''}: ${broken.detail}`, broken.line !== undefined ? { file: shownAs, line: broken.line } : undefined);
  for (const [i, row] of csv.rows.entries()) {
    if (i === 0 && header) continue;
    if (row.cells.length !== 2) {
      throw new ArgError('file', `code table ${shownAs} line ${row.line}: expected 2 columns (source code, target code), found ${row.cells.length}`, { file: shownAs, line: row.line });
    }
    const [from, to] = row.cells as [string, string];
    const prev = table.get(from);
    if (prev !== undefined && prev !== to) {
      throw new ArgError('file', `code table ${shownAs} line ${row.line}: code "${from}" is mapped twice, to different values`, { file: shownAs, line: row.line });
    }
    table.set(from, to);
  }
  if (table.size === 0) throw new ArgError('file', `code table ${shownAs} has no rows`);
  return { table, name: basename(path) };
}

export const codeMapTransform: ValueTransformDef = {
  name: 'codeMap',
  kind: 'value',
  summary: "translate codes through a table (inline, or a 2-column CSV file); unknown codes reject, keep or default",
  args: {
    table: { type: 'table', doc: 'inline table: source code → target code' },
    file: { type: 'string', doc: 'UTF-8 CSV file of rows "source,target", relative to the mapping file' },
    header: { type: 'bool', doc: 'the CSV file starts with a header row (default false)' },
    name: { type: 'string', doc: 'table name shown in findings (default: the file name; an inline table: the target field)' },
    onMissing: { type: 'enum', values: ['reject', 'keep', 'default'], doc: 'code not in the table: reject the record (default), keep the code, or write `default`' },
    default: { type: 'string', doc: 'value written for unknown codes when onMissing is default' },
  },
  create(args, ctx) {
    let table: Map<string, string>;
    let name: string;
    if (args.table !== undefined && args.file !== undefined) throw new ArgError('file', 'codeMap: give either table or file, not both');
    if (args.table !== undefined) {
      table = new Map(Object.entries(args.table as Record<string, string>));
      if (table.size === 0) throw new ArgError('table', 'codeMap: the table is empty');
      name = ctx.field ?? 'inline';
    } else if (args.file !== undefined) {
      ({ table, name } = loadTableFile(args.file as string, args.header === true, ctx));
    } else {
      throw new ArgError(undefined, 'codeMap: needs a table or a file');
    }
    if (args.name !== undefined) name = args.name as string;
    const onMissing = (args.onMissing as string | undefined) ?? (args.default !== undefined ? 'default' : 'reject');
    if (onMissing === 'default' && args.default === undefined) throw new ArgError('onMissing', 'codeMap: onMissing is default but no default is given');
    const dflt = (args.default as string | undefined) ?? '';
    const missing = fail(C.TX_CODE_UNKNOWN, { table: name });
    return withLiterals((v: string) => {
      const hit = table.get(v);
      if (hit !== undefined) return hit;
      return onMissing === 'keep' ? v : onMissing === 'default' ? dflt : missing;
    }, [...table.values(), dflt]);
  },
};
