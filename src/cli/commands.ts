import type { CliCommand } from './command.ts';
import { fixedInspect } from './fixed-inspect.ts';
import { mappingCheckCommand } from './mapping-check.ts';

/** Every CLI verb, in the order `chukan --help` lists them. Add a verb: one file in src/cli, one line here. */
export const commands: CliCommand[] = [
  fixedInspect,
  mappingCheckCommand,
];
