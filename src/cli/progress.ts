/**
 * One progress line on stderr, redrawn in place, only when stderr is a TTY (never in logs or
 * pipes). Shows bytes done / total, records/s and findings so far — counts only, no values.
 */
export class ProgressLine {
  private last = 0;
  private readonly started = Date.now();
  constructor(private readonly stream: NodeJS.WritableStream, private readonly enabled: boolean, private totalBytes: number) {}

  /** The total is known only once inputs are checked; the caller passes it with each update. */
  retotal(totalBytes: number): this {
    this.totalBytes = totalBytes;
    return this;
  }

  update(doneBytes: number, records: number, findings: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const secs = (now - this.started) / 1000;
    const pct = this.totalBytes > 0 ? Math.min(100, (doneBytes / this.totalBytes) * 100).toFixed(1) : '?';
    const rate = secs > 0 ? Math.round(records / secs).toLocaleString('en-US') : '0';
    this.stream.write(`\r\x1b[K${mb(doneBytes)} / ${mb(this.totalBytes)} (${pct}%)  ${rate} records/s  ${findings} findings`);
  }

  done(): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
  }
}

function mb(bytes: number): string {
  return (bytes / 1048576).toFixed(1) + ' MB';
}
