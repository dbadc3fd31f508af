import { count } from './command.ts';

export interface ProgressState {
  doneBytes: number;
  totalBytes: number;
  records: number;
  findings: number;
  elapsedMs: number;
}

/**
 * One progress line on stderr, redrawn in place, only when stderr is a TTY (never in logs or
 * pipes): sizes in MiB, records so far, records/s, time left, findings — counts only, no values.
 */
export class ProgressLine {
  private last = -Infinity;
  private readonly started: number;
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly enabled: boolean,
    private totalBytes: number,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** The total is known only once inputs are checked; the caller passes it with each update. */
  retotal(totalBytes: number): this {
    this.totalBytes = totalBytes;
    return this;
  }

  update(doneBytes: number, records: number, findings: number): void {
    if (!this.enabled) return;
    const now = this.now();
    if (now - this.last < 200) return;
    this.last = now;
    this.stream.write(`\r\x1b[K${formatProgress({ doneBytes, totalBytes: this.totalBytes, records, findings, elapsedMs: now - this.started })}`);
  }

  done(): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
  }
}

/** `12.3 / 456.0 MiB (2.7%)  123,456 records  45,678 records/s  ETA 1:23  12 findings`. */
export function formatProgress(s: ProgressState): string {
  const secs = s.elapsedMs / 1000;
  const parts: string[] = [];
  if (s.totalBytes > 0) parts.push(`${mib(s.doneBytes)} / ${mib(s.totalBytes)} MiB (${Math.min(100, (s.doneBytes / s.totalBytes) * 100).toFixed(1)}%)`);
  else parts.push(`${mib(s.doneBytes)} MiB`);
  parts.push(`${count(s.records)} records`);
  parts.push(`${secs > 0 ? count(Math.round(s.records / secs)) : '0'} records/s`);
  // Time left from the byte rate so far: records differ in size, bytes are what is known in total.
  if (s.totalBytes > 0 && s.doneBytes > 0 && secs >= 1) parts.push(`ETA ${duration(((s.totalBytes - Math.min(s.doneBytes, s.totalBytes)) * secs) / s.doneBytes)}`);
  else parts.push('ETA --');
  parts.push(`${count(s.findings)} finding${s.findings === 1 ? '' : 's'}`);
  return parts.join('  ');
}

function mib(bytes: number): string {
  return (bytes / 1048576).toFixed(1);
}

/** 0:07, 12:34, 1:02:03. */
function duration(seconds: number): string {
  const t = Math.round(seconds);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
