import type { OptionSpec, OptionSpecs } from './options.ts';

/** Rendered as `Options:` then `Common options …:` in every verb's help. */
export interface HelpSections {
  /** Usage lines after `chukan NAME ` (the first gets `Usage:`). */
  usage: readonly string[];
  description: string;
  options: OptionSpecs;
  common: OptionSpecs;
  /** After the options: exit codes, notes. */
  notes?: string;
}

const LABEL_MAX = 24;

/** The one help layout every verb uses; the text comes only from the verb's declaration. */
export function renderHelp(name: string, s: HelpSections): string {
  const out: string[] = [];
  s.usage.forEach((u, i) => out.push(`${i === 0 ? 'Usage: ' : '       '}chukan ${name}${u ? ' ' + u : ''}`));
  out.push('', s.description.trimEnd());
  const own = Object.entries(s.options);
  const common = Object.entries(s.common);
  const width = Math.min(LABEL_MAX, Math.max(...[...own, ...common].map(([n, o]) => label(n, o).length), 10));
  if (own.length > 0) out.push('', 'Options:', ...own.flatMap(([n, o]) => optionLines(n, o, width)));
  out.push('', 'Common options (the same in every command):', ...common.flatMap(([n, o]) => optionLines(n, o, width)));
  out.push(...optionLines('help', { type: 'flag', short: 'h', help: `this text (also: chukan help ${name})` }, width));
  if (s.notes) out.push('', s.notes.trimEnd());
  return out.join('\n') + '\n';
}

/** `-l, --layout L` / `--header, --no-header` / `--limit N`. */
export function label(name: string, o: OptionSpec): string {
  const value = o.type === 'flag' ? '' : ` ${o.value ?? 'VALUE'}`;
  const names = o.negatable ? `--${name}, --no-${name}` : `--${name}${value}`;
  return (o.short ? `-${o.short}, ` : '') + names;
}

function optionLines(name: string, o: OptionSpec, width: number): string[] {
  const help = o.help.split('\n');
  if (o.aliases?.length) help.push(`(alias: ${o.aliases.map((a) => label(a, { ...o, short: undefined })).join(', ')}, still accepted)`);
  const l = label(name, o);
  const indent = ' '.repeat(width + 4);
  if (l.length > width) return [`  ${l}`, ...help.map((h) => indent + h)];
  return [`  ${l.padEnd(width)}  ${help[0]}`, ...help.slice(1).map((h) => indent + h)];
}

