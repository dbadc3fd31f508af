import type { OptionSpecs } from './options.ts';

/**
 * Options that several verbs take, declared once so that the name, the value placeholder and the
 * aliases are the same wherever the idea appears. Each verb spreads the ones it needs and says in
 * its own words what they mean for it.
 */

/** The charset records are read in. `--from` is the one name; `--charset` (dedup's) still works. */
export function charsetOption(help: string) {
  return { from: { type: 'string', value: 'CHARSET', aliases: ['charset'], help } } as const satisfies OptionSpecs;
}

/** Whether the first record is a header row: `--header` / `--no-header`, the last one given wins. */
export function headerOption(help: string) {
  return { header: { type: 'flag', negatable: true, help } } as const satisfies OptionSpecs;
}

/** How many records to read (per file where a verb reads several). */
export function limitOption(help: string, min = 1) {
  return { limit: { type: 'int', value: 'N', min, help } } as const satisfies OptionSpecs;
}

export function schemasOption(help = 'layouts and catalog from DIR (e.g. written by chukan layouts import;\ndefault: the schemas shipped with chukan)') {
  return { schemas: { type: 'string', value: 'DIR', help } } as const satisfies OptionSpecs;
}

export function maxSamplesOption(help: string, min = 1) {
  return { 'max-samples': { type: 'int', value: 'N', min, help } } as const satisfies OptionSpecs;
}

export function threadsOption() {
  return { threads: { type: 'int', value: 'N', help: "threads for one large input: this one and N-1 workers (default: the\nmachine's cores)" } } as const satisfies OptionSpecs;
}

/** Bounds of a workbook read (core/excel.ts, docs/RELIABILITY.md): \`size=MiB,ratio=N,entries=N\`, any subset. */
export function workbookLimitsOption(what: string) {
  return {
    'workbook-limits': {
      type: 'string', value: 'L',
      help: `bounds for ${what}: size=MiB inflated (default 32), ratio=N inflated ÷\ncompressed per part (default 100), entries=N parts (default 10000), e.g.\nsize=64,ratio=200; past one it is refused (exit 2, see docs/RELIABILITY.md)`,
    },
  } as const satisfies OptionSpecs;
}

export function catalogOptions() {
  return {
    catalog: { type: 'string', value: 'FILE', help: 'read another catalog file; the layouts it names are read from its folder' },
    ...schemasOption('schemas directory (default: the schemas shipped with chukan)'),
  } as const satisfies OptionSpecs;
}

/** The time zone of a report's times: an IANA name, Asia/Tokyo when not given (never the machine's TZ). */
export function tzOption(help = "time zone of the report's times (IANA name; default Asia/Tokyo, whatever\nthe machine's TZ); report.json gives them as ISO 8601 with the offset") {
  return { tz: { type: 'string', value: 'ZONE', help } } as const satisfies OptionSpecs;
}
