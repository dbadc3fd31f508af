/**
 * Layout `pattern`s run on every value of every record, and V8's regular expressions backtrack: a
 * pattern such as `^(a+)+$` takes exponential time on "aaaa…b", and `\d+x` (unanchored) quadratic
 * time on a long field. chukan refuses such patterns when the layout is loaded, by a conservative
 * structural check (the patterns a layout needs — fixed-width codes, numbers, dates — pass):
 *
 * - no backreferences (`\1`, `\k<name>`) and no lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`);
 * - a group repeated more than once (`*`, `+`, `{n,m}` with m > 1) may hold neither an alternation
 *   nor a quantifier of variable count (`(a|ab)+`, `(a+)+`, `(\d{1,3})*` are refused;
 *   `(-[0-9]{2}){0,2}` is fine);
 * - at most one unbounded quantifier (`*`, `+`, `{n,}`, or a bound over 100), and only in a pattern
 *   anchored with `^` (in every top-level alternative), so one attempt is linear in the value;
 * - at most 1000 ways to choose the counts of the variable quantifiers (`a?a?a?…` is refused).
 *
 * Returns undefined for a safe pattern, else the reason (for a LayoutError).
 */
export function unsafePatternReason(pattern: string): string | undefined {
  let parsed: Node[][];
  try {
    parsed = new Parser(pattern).parseAlternatives();
  } catch (e) {
    return (e as Error).message;
  }
  const stats = { unbounded: 0, choices: 1 };
  for (const alt of parsed) {
    const reason = walk(alt, stats);
    if (reason) return reason;
  }
  if (stats.unbounded > 1) return 'more than one unbounded repetition (*, + or {n,}) can backtrack polynomially on long values';
  if (stats.unbounded === 1 && !parsed.every((alt) => alt[0]?.kind === 'anchor')) {
    return 'an unbounded repetition (*, + or {n,}) needs the pattern anchored with ^ (in every alternative), or a search backtracks quadratically';
  }
  if (stats.choices > 1000) return 'too many optional parts (their combinations are tried one by one on a mismatch)';
  return undefined;
}

type Node =
  | { kind: 'atom' }
  | { kind: 'anchor' }
  | { kind: 'group'; alternatives: Node[][] }
  | { kind: 'quantified'; node: Node; min: number; max: number };

const BIG = 100;

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parseAlternatives(): Node[][] {
    const alts: Node[][] = [this.parseSequence()];
    while (this.s[this.i] === '|') {
      this.i++;
      alts.push(this.parseSequence());
    }
    return alts;
  }

  private parseSequence(): Node[] {
    const seq: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      let node = this.parseAtom();
      for (;;) {
        const q = this.parseQuantifier();
        if (!q) break;
        node = { kind: 'quantified', node, min: q.min, max: q.max };
      }
      seq.push(node);
    }
    return seq;
  }

  private parseAtom(): Node {
    const s = this.s;
    const c = s[this.i];
    if (c === '^' || c === '$') { this.i++; return { kind: 'anchor' }; }
    if (c === '(') {
      this.i++;
      if (s.startsWith('?=', this.i) || s.startsWith('?!', this.i) || s.startsWith('?<=', this.i) || s.startsWith('?<!', this.i)) {
        throw new Error('lookaround ((?=, (?!, (?<=, (?<!) is not allowed in a layout pattern');
      }
      if (s.startsWith('?:', this.i)) this.i += 2;
      else if (s.startsWith('?<', this.i)) {
        const end = s.indexOf('>', this.i);
        if (end < 0) throw new Error('unterminated group name');
        this.i = end + 1;
      }
      const alternatives = this.parseAlternatives();
      if (s[this.i] !== ')') throw new Error('unbalanced parenthesis');
      this.i++;
      return { kind: 'group', alternatives };
    }
    if (c === '[') {
      this.i++;
      if (s[this.i] === '^') this.i++;
      if (s[this.i] === ']') this.i++;
      while (this.i < s.length && s[this.i] !== ']') this.i += s[this.i] === '\\' ? 2 : 1;
      if (s[this.i] !== ']') throw new Error('unterminated character class');
      this.i++;
      return { kind: 'atom' };
    }
    if (c === '\\') {
      const d = s[this.i + 1];
      if (d !== undefined && /[1-9]/.test(d)) throw new Error('backreferences (\\1 …) are not allowed in a layout pattern');
      if (d === 'k' && s[this.i + 2] === '<') throw new Error('backreferences (\\k<name>) are not allowed in a layout pattern');
      if (d === 'b' || d === 'B') { this.i += 2; return { kind: 'anchor' }; }
      if (d === 'u' && s[this.i + 2] === '{') { const end = s.indexOf('}', this.i); this.i = end < 0 ? s.length : end + 1; return { kind: 'atom' }; }
      if (d === 'u') { this.i += 6; return { kind: 'atom' }; }
      if (d === 'x') { this.i += 4; return { kind: 'atom' }; }
      if ((d === 'p' || d === 'P') && s[this.i + 2] === '{') { const end = s.indexOf('}', this.i); this.i = end < 0 ? s.length : end + 1; return { kind: 'atom' }; }
      this.i += 2;
      return { kind: 'atom' };
    }
    if (c === '*' || c === '+' || c === '?' || c === '{') {
      throw new Error(`nothing to repeat at position ${this.i}`);
    }
    this.i += c.codePointAt(0)! > 0xffff ? 2 : 1;
    return { kind: 'atom' };
  }

  private parseQuantifier(): { min: number; max: number } | undefined {
    const s = this.s;
    const c = s[this.i];
    let q: { min: number; max: number } | undefined;
    if (c === '*') { this.i++; q = { min: 0, max: Infinity }; }
    else if (c === '+') { this.i++; q = { min: 1, max: Infinity }; }
    else if (c === '?') { this.i++; q = { min: 0, max: 1 }; }
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i));
      if (!m) return undefined;
      this.i += m[0].length;
      const min = Number(m[1]);
      q = { min, max: m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]) };
    }
    if (q && s[this.i] === '?') this.i++; // lazy: same search space
    return q;
  }
}

function isUnbounded(q: { max: number }): boolean {
  return q.max > BIG;
}

function containsVariable(nodes: Node[][]): boolean {
  for (const seq of nodes) for (const n of seq) {
    if (n.kind === 'quantified' && (n.min !== n.max || containsVariable([[n.node]]))) return true;
    if (n.kind === 'group' && (n.alternatives.length > 1 || containsVariable(n.alternatives))) return true;
  }
  return false;
}

function walk(seq: Node[], stats: { unbounded: number; choices: number }): string | undefined {
  for (const n of seq) {
    if (n.kind === 'group') {
      for (const alt of n.alternatives) { const r = walk(alt, stats); if (r) return r; }
    } else if (n.kind === 'quantified') {
      if (isUnbounded(n)) stats.unbounded++;
      else if (n.max !== n.min) stats.choices *= n.max - n.min + 1;
      if (n.max > 1 && containsVariable([[n.node]])) {
        return 'a repeated group holds an alternation or a variable repetition (like (a+)+ or (a|ab)*): catastrophic backtracking';
      }
      const r = walk([n.node], stats);
      if (r) return r;
    }
  }
  return undefined;
}
