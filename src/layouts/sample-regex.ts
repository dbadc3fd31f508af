/**
 * Draws a random string matching a layout `pattern`. Covers the regular-expression subset layouts
 * use for identifiers (anchors, literals, escapes, character classes with ranges, groups with
 * alternation, ? * + {n} {n,m} quantifiers); anything else returns undefined and the caller falls
 * back to other strategies. Unbounded repeats are capped so values stay short.
 */
export type Rng = () => number;

type Node =
  | { t: 'chars'; set: string[] }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number };

const UNBOUNDED_CAP = 4;

class Unsupported extends Error {}

function expandClass(body: string): string[] {
  const out: string[] = [];
  const chars = Array.from(body);
  if (chars[0] === '^') throw new Unsupported('negated class');
  for (let i = 0; i < chars.length; i++) {
    let c = chars[i];
    if (c === '\\') {
      const e = chars[++i];
      if (e === 'd') { for (let k = 0; k < 10; k++) out.push(String(k)); continue; }
      c = e;
    }
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      let end = chars[i + 2];
      if (end === '\\') end = chars[i + 3];
      const a = c.codePointAt(0)!;
      const b = end.codePointAt(0)!;
      for (let k = a; k <= b; k++) out.push(String.fromCodePoint(k));
      i += chars[i + 2] === '\\' ? 3 : 2;
      continue;
    }
    out.push(c);
  }
  return out;
}

function parse(pattern: string): Node {
  const s = Array.from(pattern);
  let i = 0;
  const parseAlt = (): Node => {
    const options: Node[] = [parseSeq()];
    while (s[i] === '|') { i++; options.push(parseSeq()); }
    return options.length === 1 ? options[0] : { t: 'alt', options };
  };
  const parseSeq = (): Node => {
    const items: Node[] = [];
    while (i < s.length && s[i] !== '|' && s[i] !== ')') {
      let atom: Node;
      const c = s[i];
      if (c === '^' || c === '$') { i++; continue; }
      if (c === '(') {
        i++;
        if (s[i] === '?') { if (s[i + 1] === ':') i += 2; else throw new Unsupported('group flag'); }
        atom = parseAlt();
        if (s[i] !== ')') throw new Unsupported('unclosed group');
        i++;
      } else if (c === '[') {
        let j = i + 1;
        while (j < s.length && s[j] !== ']') j += s[j] === '\\' ? 2 : 1;
        atom = { t: 'chars', set: expandClass(s.slice(i + 1, j).join('')) };
        i = j + 1;
      } else if (c === '\\') {
        const e = s[i + 1];
        i += 2;
        if (e === 'd') atom = { t: 'chars', set: '0123456789'.split('') };
        else if (/[A-Za-z]/.test(e)) throw new Unsupported(`escape \\${e}`);
        else atom = { t: 'chars', set: [e] };
      } else if (c === '.') {
        i++;
        atom = { t: 'chars', set: 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'.split('') };
      } else {
        i++;
        atom = { t: 'chars', set: [c] };
      }
      const q = s[i];
      if (q === '?' || q === '*' || q === '+') {
        i++;
        atom = { t: 'rep', node: atom, min: q === '+' ? 1 : 0, max: q === '?' ? 1 : UNBOUNDED_CAP };
      } else if (q === '{') {
        const close = s.indexOf('}', i);
        const m = /^(\d+)(,(\d*))?$/.exec(s.slice(i + 1, close).join(''));
        if (!m) throw new Unsupported('quantifier');
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === '' ? min + UNBOUNDED_CAP : Number(m[3]);
        atom = { t: 'rep', node: atom, min, max };
        i = close + 1;
      }
      items.push(atom);
    }
    return { t: 'seq', items };
  };
  const node = parseAlt();
  if (i !== s.length) throw new Unsupported('trailing input');
  return node;
}

function draw(node: Node, rng: Rng, out: string[]): void {
  switch (node.t) {
    case 'chars': out.push(node.set[Math.floor(rng() * node.set.length)]); return;
    case 'seq': for (const n of node.items) draw(n, rng, out); return;
    case 'alt': draw(node.options[Math.floor(rng() * node.options.length)], rng, out); return;
    case 'rep': {
      const n = node.min + Math.floor(rng() * (node.max - node.min + 1));
      for (let k = 0; k < n; k++) draw(node.node, rng, out);
    }
  }
}

const cache = new Map<string, Node | null>();

/** A random string matching `pattern`, or undefined when the pattern uses unsupported syntax. */
export function samplePattern(pattern: string, rng: Rng): string | undefined {
  let node = cache.get(pattern);
  if (node === undefined) {
    try {
      node = parse(pattern);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      node = null;
    }
    cache.set(pattern, node);
  }
  if (node === null) return undefined;
  const out: string[] = [];
  draw(node, rng, out);
  return out.join('');
}
