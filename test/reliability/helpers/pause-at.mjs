// Preload for child processes in the fault tests: the first time a write through a FileHandle
// leaves a file whose path matches $CHUKAN_TEST_PAUSE_AT (a regular expression) at
// $CHUKAN_TEST_PAUSE_BYTES bytes or more, the process says so on stderr (PAUSE_MARKER) and stops
// itself with SIGSTOP. The test then signals it at exactly that point, however fast or slow the
// machine is, and sends SIGCONT. (AtomicFileWriter writes through FileHandle.writev.)
import { fstatSync, readlinkSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';

export const PAUSE_MARKER = 'chukan-test: paused';

const pattern = process.env.CHUKAN_TEST_PAUSE_AT;
if (pattern) {
  const re = new RegExp(pattern);
  const bytes = Number(process.env.CHUKAN_TEST_PAUSE_BYTES ?? 1);
  const probe = await open('/dev/null');
  const proto = Object.getPrototypeOf(probe);
  await probe.close();
  let paused = false;
  for (const name of ['write', 'writev']) {
    const original = proto[name];
    proto[name] = async function (...args) {
      const result = await original.apply(this, args);
      if (!paused && re.test(readlinkSync(`/proc/self/fd/${this.fd}`)) && fstatSync(this.fd).size >= bytes) {
        paused = true;
        writeSync(2, `${PAUSE_MARKER}\n`);
        process.kill(process.pid, 'SIGSTOP');
      }
      return result;
    };
  }
}
