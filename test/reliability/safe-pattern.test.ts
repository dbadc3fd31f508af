import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LayoutError } from '../../src/core/errors.ts';
import { compileLayout, loadLayout } from '../../src/layouts/index.ts';
import { unsafePatternReason } from '../../src/layouts/safe-pattern.ts';

const SCHEMAS = new URL('../../schemas/', import.meta.url).pathname;
const BAD = new URL('../fixtures/bad/', import.meta.url).pathname;

function shippedPatterns(dir = SCHEMAS, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) shippedPatterns(p, out);
    else if (name.endsWith('.json')) {
      JSON.stringify(JSON.parse(readFileSync(p, 'utf8')), (k, v) => { if (k === 'pattern' && typeof v === 'string') out.push(v); return v; });
    }
  }
  return out;
}

describe('layout patterns cannot backtrack catastrophically', () => {
  it('every pattern shipped in schemas/ passes the check', () => {
    const patterns = shippedPatterns();
    expect(patterns.length).toBeGreaterThan(5);
    for (const p of patterns) expect(unsafePatternReason(p), p).toBeUndefined();
  });

  it.each([
    ['^(a+)+$', 'catastrophic'], ['^(a*)*$', 'catastrophic'], ['^(a|a)*$', 'catastrophic'], ['^(a|ab)+$', 'catastrophic'],
    ['^([0-9]{1,3})+$', 'catastrophic'], ['^(a|aa){1,50}$', 'catastrophic'], ['^(x+x+)+y$', 'catastrophic'],
    ['^(\\w+)\\1$', 'backreference'], ['^(?<n>a)\\k<n>$', 'backreference'], ['^(?=a+)a$', 'lookaround'], ['(?<!a)b', 'lookaround'],
    ['\\d+x', 'anchored'], ['[0-9]*', 'anchored'], ['^x|y+$', 'anchored'],
    ['^\\d*\\d*$', 'polynomially'], ['^a+b+$', 'polynomially'], ['^[0-9]{1,1000}[0-9]{1,1000}$', 'polynomially'],
    ['^a?a?a?a?a?a?a?a?a?a?a?a?$', 'optional'], ['(', 'parenthesis'], ['[a', 'character class'],
  ])('%s is refused (%s)', (pattern, why) => {
    expect(unsafePatternReason(pattern)).toMatch(new RegExp(why));
  });

  it.each(['^[0-9]{6}$', '^(19|20)[0-9]{2}$', '^[0-9]{1,9}(\\.[0-9]{1,2})?$', '^[A-Z]+$', '^T[0-9]{13}$', '^\\p{Script=Han}{1,20}$', '^(?:-[0-9]{2}){0,2}$'])('%s is accepted', (p) => {
    expect(unsafePatternReason(p)).toBeUndefined();
  });

  it('a layout holding an unsafe pattern does not load (LayoutError naming the field and pattern)', () => {
    const layout = loadLayout('evil/redos', { schemasDir: join(BAD, 'schemas-unsafe') });
    expect(() => compileLayout(layout)).toThrow(LayoutError);
    expect(() => compileLayout(layout)).toThrow(/field code: pattern "\^\(a\+\)\+\$" is refused: .*catastrophic/);
  });
});
