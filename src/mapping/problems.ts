import { MappingError } from '../core/errors.ts';

/** Every problem found in one mapping or job file, so the user can fix them in one pass. */
export class MappingProblems extends MappingError {
  constructor(readonly problems: readonly MappingError[]) {
    const first = problems[0]!;
    super(first.file, first.line, '');
    this.message = problems.map((p) => p.message).join('\n');
  }
}

export function throwIfProblems(problems: readonly MappingError[]): void {
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new MappingProblems(problems);
}
