import type { CliCommand } from './command.ts';
import { checkCommand } from './check.ts';
import { convertCommand } from './convert.ts';
import { mergeCommand } from './merge.ts';
import { validateCommand } from './validate.ts';
import { manifestCommand } from './manifest.ts';
import { fixedInspect } from './fixed-inspect.ts';
import { mappingCheckCommand } from './mapping-check.ts';
import { mappingInitCommand } from './mapping-init.ts';
import { transcodeCommand } from './transcode.ts';
import { gaijiScanCommand } from './gaiji-scan.ts';
import { gaijiTableCommand } from './gaiji-table.ts';
import { dedupCommand } from './dedup.ts';
import { peekCommand } from './peek.ts';
import { layoutsListCommand } from './layouts-list.ts';
import { layoutsShowCommand } from './layouts-show.ts';
import { layoutsImportCommand } from './layouts-import.ts';
import { layoutsExportCommand } from './layouts-export.ts';

/** Every CLI verb, in the order `chukan --help` lists them. Add a verb: one file in src/cli, one line here. */
export const commands: CliCommand[] = [
  // Converting (vendors)
  convertCommand,
  validateCommand,
  peekCommand,
  transcodeCommand,
  mappingInitCommand,
  mappingCheckCommand,
  fixedInspect,
  // Cleansing
  gaijiScanCommand,
  gaijiTableCommand,
  dedupCommand,
  // Delivering and accepting (検収)
  manifestCommand,
  checkCommand,
  // Past one machine
  mergeCommand,
  // The layout catalog
  layoutsListCommand,
  layoutsShowCommand,
  layoutsImportCommand,
  layoutsExportCommand,
];
