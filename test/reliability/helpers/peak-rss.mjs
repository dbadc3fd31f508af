// Preload for child processes in the reliability tests: at exit, writes the process's peak
// resident set (VmHWM from /proc/self/status, in KiB) to $CHUKAN_TEST_HWM_FILE.
import { readFileSync, writeFileSync } from 'node:fs';

const out = process.env.CHUKAN_TEST_HWM_FILE;
if (out) {
  process.on('exit', () => {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    writeFileSync(out, m ? m[1] : '');
  });
}
