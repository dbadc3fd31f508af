import { MappingCodes as C } from '../finding-codes.ts';
import { compileFormatter, compileParser, isRealDate } from './calendar.ts';
import { fail, withLiterals, type ValueTransformDef } from './types.ts';

export const dateTransform: ValueTransformDef = {
  name: 'date',
  kind: 'value',
  summary: 'reformat a 西暦 date (e.g. YYYY/MM/DD → YYYYMMDD), checking it exists',
  args: {
    from: { type: 'strings', required: true, doc: 'input pattern(s) of YYYY, MM, M, DD, D and literal characters; several are tried in order' },
    to: { type: 'string', doc: 'output pattern (default YYYYMMDD)' },
  },
  create(args) {
    const patterns = args.from as string[];
    const parsers = patterns.map((p) => compileParser(p, 'from'));
    const format = compileFormatter((args.to as string | undefined) ?? 'YYYYMMDD', 'to');
    const badFormat = fail(C.TX_DATE_FORMAT, { format: patterns.join(' | ') });
    const invalid = fail(C.TX_DATE_INVALID);
    return withLiterals((v: string) => {
      for (const parse of parsers) {
        const ymd = parse(v);
        if (!ymd) continue;
        return isRealDate(ymd[0], ymd[1], ymd[2]) ? format(ymd[0], ymd[1], ymd[2]) : invalid;
      }
      return badFormat;
    }, [(args.to as string | undefined) ?? 'YYYYMMDD']);
  },
};
