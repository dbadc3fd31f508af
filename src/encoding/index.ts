// Placeholder registry so other modules can build against the Charset contract today;
// the encoding work (issue 3 §2) replaces this with the real decoders/encoders.
import type { Charset } from './charset.ts';
import { UnknownCharsetError } from '../core/errors.ts';

export type { Charset, ByteIssue, EncodeIssue, EncodeResult, StreamDecoder, StreamDecodeResult } from './charset.ts';

function lenient(label: string, name: string): Charset {
  const dec = new TextDecoder(label);
  return {
    name,
    asciiTransparent: true,
    decode: (b) => dec.decode(b),
    findInvalid: () => [],
    createStreamDecoder() {
      const d = new TextDecoder(label);
      return { write: (c) => ({ text: d.decode(c, { stream: true }), issues: [] }), end: () => ({ text: d.decode(), issues: [] }) };
    },
    encode: (t) => ({ bytes: Buffer.from(t, 'utf8'), unrepresentable: [] }),
  };
}

export function getCharset(name: string): Charset {
  const n = name.toLowerCase();
  if (n === 'utf-8' || n === 'utf8') return lenient('utf-8', 'utf-8');
  if (n === 'cp932' || n === 'shift_jis' || n === 'sjis' || n === 'windows-31j') return lenient('shift_jis', 'cp932');
  if (n === 'euc-jp' || n === 'eucjp') return lenient('euc-jp', 'euc-jp');
  throw new UnknownCharsetError(name);
}
