import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputNotFoundError, InterruptedError, OutputNotWritableError, UsageError } from '../core/errors.ts';
import type { Finding } from '../core/finding.ts';
import { ChunkDecoder, countPua, CP932_WINDOWS_EQUIVALENTS, getCharset, sniffUtf16, type CharsetCodec, type DecodedPart, type EncodeIssue } from '../encoding/index.ts';
import { EncodingCodes } from '../encoding/finding-codes.ts';
import { formatCodePoint } from '../encoding/code-point.ts';
import { ENC } from '../readers/encoding-finding-codes.ts';
import { AtomicFileWriter } from '../pipeline/atomic-file.ts';
import { refuseOutputsOverInputs } from '../core/same-file.ts';
import { sweepStaleTemps, type StaleTemp } from '../pipeline/stale-temps.ts';
import { inputSize } from '../pipeline/output-dir.ts';
import { FindingCollector, type FindingSample, type RunReport } from '../report/run-report.ts';

export interface TranscodeOptions {
  input: string;
  from: string;
  to: string;
  output: string;
  /** Directory `input` and `output` are relative to (default: the process's); findings and messages name them as given. */
  cwd?: string;
  /** Write a UTF-8 byte-order mark first (only with `to` UTF-8). */
  bom?: boolean;
  /** Findings kept with their detail (all are counted); default 1000. */
  maxFindings?: number;
  signal?: AbortSignal;
}

export interface TranscodeResult {
  /** True when the output was written; false when findings stopped it (nothing is left under `output`). */
  ok: boolean;
  input: string;
  output: string;
  /** Canonical charset names. */
  from: string;
  to: string;
  bytesRead: number;
  bytesWritten: number;
  /** The input started with a byte-order mark, which was skipped. */
  bomSkipped: boolean;
  /** Private-use characters (vendor 外字) carried over unchanged. */
  puaCharacters: number;
  /** The first `maxFindings` findings; `sample` holds the bytes (`bytes 85 40`) or the code point. */
  findings: FindingSample[];
  /** True counts per code, even when `findings` is capped. */
  findingCounts: RunReport['findings']['byCode'];
  findingsTruncated: boolean;
  /** Temp files of killed runs removed from the output's directory (stale-temps.ts). */
  staleTempsRemoved?: StaleTemp[];
}

const CHUNK = 1 << 20;
const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

/**
 * Re-encodes a whole file from one charset to another, streaming. Strict: any byte the source
 * charset cannot decode and any character the target cannot hold is a finding with its byte offset
 * in the input, and then nothing is written under `output` (a temp file in the same directory is
 * renamed into place only on success). Usage and environment problems throw ChukanError.
 */
export async function transcode(opts: TranscodeOptions): Promise<TranscodeResult> {
  const src = getCharset(opts.from);
  const dst = getCharset(opts.to);
  if (opts.bom && dst.bomLength(UTF8_BOM) === 0) throw new UsageError(`a byte-order mark can only be written for UTF-8 output, not ${dst.name}`);
  const cwd = opts.cwd ?? process.cwd();
  const inputPath = resolve(cwd, opts.input);
  const outputPath = resolve(cwd, opts.output);
  await refuseOutputsOverInputs([{ path: outputPath, role: 'output', shown: opts.output }], [{ path: inputPath, role: 'input', shown: opts.input }]);
  await inputSize(inputPath, opts.input);
  try {
    await access(dirname(outputPath), constants.W_OK);
  } catch (err) {
    throw new OutputNotWritableError(opts.output, 'its directory does not exist or is not writable', { cause: err });
  }
  const swept = await sweepStaleTemps(dirname(outputPath));

  const file = opts.input;
  const collector = new FindingCollector(opts.maxFindings ?? 1000);
  const decoder = new ChunkDecoder(src);
  const lines = new LineCounter();
  let writer: AtomicFileWriter | undefined = await AtomicFileWriter.create(outputPath);
  const result: TranscodeResult = {
    ok: false, input: opts.input, output: opts.output, from: src.name, to: dst.name,
    bytesRead: 0, bytesWritten: 0, bomSkipped: false, puaCharacters: 0,
    findings: collector.samples, findingCounts: {}, findingsTruncated: false,
    ...(swept.length ? { staleTempsRemoved: swept } : {}),
  };

  const fail = async () => {
    await writer?.abort();
    writer = undefined;
  };
  const handle = async (part: DecodedPart) => {
    if (part.bom) result.bomSkipped = true;
    const encoded = dst.encode(part.text);
    const failed = reportPart(part, src, dst, encoded.unrepresentable, file, lines.before, collector);
    lines.advance(part.bytes);
    result.puaCharacters += countPua(part.text);
    if (failed) await fail();
    if (writer) await writer.write(encoded.bytes);
  };

  const stream = createReadStream(inputPath, { highWaterMark: CHUNK });
  try {
    if (opts.bom) await writer.write(UTF8_BOM);
    let first = true;
    let refused = false;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (opts.signal?.aborted) throw new InterruptedError('interrupted; nothing was written');
      if (first) {
        first = false;
        const utf16 = sniffUtf16(chunk);
        if (utf16) {
          collector.add({
            code: EncodingCodes.ENC_UTF16_INPUT, severity: 'error', location: { file, offset: 0 },
            params: { detected: utf16.toUpperCase(), charset: src.name },
          });
          await fail();
          result.bytesRead = chunk.length;
          refused = true;
          break;
        }
      }
      result.bytesRead += chunk.length;
      await handle(decoder.write(chunk));
    }
    if (!refused) await handle(decoder.end());
    if (writer) {
      await writer.commit();
      result.bytesWritten = writer.bytesWritten;
      result.ok = true;
    }
  } catch (err) {
    await fail();
    throw err;
  } finally {
    stream.destroy();
  }
  result.findingCounts = collector.byCode();
  result.findingsTruncated = collector.truncated;
  return result;
}

/**
 * Adds the findings of one decoded part to the collector in byte order: in full (bytes, line,
 * code point) while the collector keeps samples, as bare counts after that — a file of garbage
 * yields a finding per byte, and those must not cost an object graph each. Returns whether there
 * was any.
 */
function reportPart(
  part: DecodedPart, src: CharsetCodec, dst: CharsetCodec, unrepresentable: EncodeIssue[],
  file: string, linesBefore: number, collector: FindingCollector,
): boolean {
  const issues = part.issues;
  const unrepOffsets = unrepresentable.length > 0 ? src.byteOffsets(part.bytes, unrepresentable.map((u) => u.index)) : [];
  let i = 0;
  let u = 0;
  let any = false;
  let lineFrom = 0;
  let line = linesBefore + 1;
  while (i < issues.length || u < unrepresentable.length) {
    const unrepOffset = u < unrepresentable.length ? part.offset + unrepOffsets[u] : Infinity;
    const issue = i < issues.length && issues[i].offset <= unrepOffset ? issues[i++] : undefined;
    if (!issue) {
      const cp = unrepresentable[u++].codePoint;
      // A U+FFFD standing for bad input bytes has been reported as those bytes.
      if (cp === 0xfffd && i > 0 && issues[i - 1].offset === unrepOffset) continue;
    }
    any = true;
    const offset = issue ? issue.offset : unrepOffset;
    const code = issue ? (issue.kind === 'truncated' ? ENC.ENC_TRUNCATED : ENC.ENC_INVALID_BYTES) : EncodingCodes.ENC_UNREPRESENTABLE;
    if (collector.samples.length >= collector.maxSamples) {
      collector.add(countOnly(code));
      continue;
    }
    const rel = offset - part.offset;
    line += countLf(part.bytes, lineFrom, rel);
    lineFrom = rel;
    if (issue) {
      collector.add({
        code, severity: 'error', location: { file, line, offset },
        params: { charset: src.name, length: issue.length },
        sample: 'bytes ' + hexBytes(part.bytes.subarray(rel, rel + issue.length)),
      });
    } else {
      const cp = unrepresentable[u - 1].codePoint;
      const hint = dst.name === 'cp932' ? CP932_WINDOWS_EQUIVALENTS.get(cp) : undefined;
      collector.add({
        code, severity: 'error', location: { file, line, offset },
        params: { codePoint: formatCodePoint(cp), charset: dst.name, hint: hint === undefined ? undefined : formatCodePoint(hint) },
        sample: formatCodePoint(cp),
      });
    }
  }
  return any;
}

const countOnlyFindings = new Map<string, Finding>();
function countOnly(code: string): Finding {
  let f = countOnlyFindings.get(code);
  if (!f) countOnlyFindings.set(code, (f = { code, severity: 'error', location: { file: '' } }));
  return f;
}

/** 1-based line numbers from LF bytes (LF is never part of a multibyte sequence in these charsets). */
class LineCounter {
  /** Lines ended before the current part. */
  before = 0;

  advance(bytes: Uint8Array): void {
    this.before += countLf(bytes, 0, bytes.length);
  }
}

function countLf(bytes: Uint8Array, start: number, end: number): number {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let i = b.indexOf(0x0a, start); i >= 0 && i < end; i = b.indexOf(0x0a, i + 1)) n++;
  return n;
}

function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}
