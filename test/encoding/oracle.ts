import { execFileSync } from 'node:child_process';
import type { ByteIssue, Charset } from '../../src/encoding/index.ts';

/** GNU iconv (glibc) as the oracle: `iconv -c -f FROM -t TO`, whole buffer in one run. */
export function iconv(from: string, to: string, input: Uint8Array, skipInvalid = true): Buffer {
  return execFileSync('iconv', [...(skipInvalid ? ['-c'] : []), '-f', from, '-t', to], {
    input,
    maxBuffer: 1 << 28,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
}

/** Sequences joined with LF, so iconv's output splits back into one line per sequence. */
export function lines(seqs: readonly number[][]): Uint8Array {
  const out: number[] = [];
  for (const s of seqs) out.push(...s, 0x0a);
  return Uint8Array.from(out);
}

/**
 * Rebuilds the decoded text from the issues alone: the bytes between issues decoded on their own,
 * one U+FFFD per issue. Equal to `decode(bytes)` exactly when the issues sit where the decoder put
 * its replacement characters. Also checks that no stretch between issues decodes to U+FFFD
 * (unless `genuineFffd`, for UTF-8 where EF BF BD is a real character).
 */
export function rebuild(cs: Charset, bytes: Uint8Array, issues: ByteIssue[], genuineFffd = false): string {
  let text = '';
  let pos = 0;
  for (const i of issues) {
    if (i.offset < pos) throw new Error(`issues overlap or are unordered at ${i.offset}`);
    const seg = cs.decode(bytes.subarray(pos, i.offset));
    if (!genuineFffd && seg.includes('\ufffd')) throw new Error(`U+FFFD between issues before offset ${i.offset}`);
    text += seg + '\ufffd';
    pos = i.offset + i.length;
  }
  const tail = cs.decode(bytes.subarray(pos));
  if (!genuineFffd && tail.includes('\ufffd')) throw new Error('U+FFFD after the last issue');
  return text + tail;
}

export const hex = (bytes: ArrayLike<number>) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
export const cps = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);
